using System.Diagnostics.CodeAnalysis;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CscDashboard.Core.Reporting.Pdf;

/// <summary>
/// The layout cursor: owns the current A4 page and its (single) XGraphics, the vertical position and
/// the content box, and starts a new page when a block does not fit.
/// </summary>
internal sealed class PageFlow : IDisposable
{
    public const double Cm = 72 / 2.54;
    public const double MarginSide = 2 * Cm;
    public const double MarginTop = 2 * Cm;
    public const double MarginBottom = 2.4 * Cm; // the footer lives in the bottom margin

    private XGraphics? _gfx;

    public PageFlow(PdfDocument document)
    {
        Document = document;
        NewPage();
    }

    public PdfDocument Document { get; }
    public PdfPage Page { get; private set; } = null!;
    public XGraphics Gfx => _gfx ?? throw new InvalidOperationException("The document is already finished.");

    /// <summary>Top of the next block, in points from the top of the page.</summary>
    public double Y { get; set; }

    public double PageWidth => Page.Width.Point;
    public double PageHeight => Page.Height.Point;
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Left and Top belong with Right and Bottom, which depend on the page: the renderers read the whole frame from the flow.")]
    public double Left => MarginSide;
    public double Right => PageWidth - MarginSide;
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Left and Top belong with Right and Bottom, which depend on the page: the renderers read the whole frame from the flow.")]
    public double Top => MarginTop;
    public double Bottom => PageHeight - MarginBottom;
    public double ContentWidth => Right - Left;
    public double Remaining => Bottom - Y;
    public bool AtTopOfPage => Y <= Top + 0.01;

    public void NewPage()
    {
        _gfx?.Dispose();
        Page = Document.AddPage();
        Page.Size = PdfSharp.PageSize.A4;
        Page.Orientation = PdfSharp.PageOrientation.Portrait;
        _gfx = XGraphics.FromPdfPage(Page);
        Y = Top;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> fits below the cursor (or we are at the top already).</summary>
    public bool EnsureSpace(double height)
    {
        if (Y + height <= Bottom + 0.01 || AtTopOfPage)
        {
            return false;
        }
        NewPage();
        return true;
    }

    /// <summary>Moves the cursor down, but never leaves white space at the top of a page.</summary>
    public void Gap(double points)
    {
        if (!AtTopOfPage)
        {
            Y = Math.Min(Y + points, Bottom);
        }
    }

    public void Dispose()
    {
        _gfx?.Dispose();
        _gfx = null;
    }
}
