using CscDashboard.Core.Common;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CscDashboard.Core.Reporting.Pdf;

/// <summary>
/// Second pass over the finished pages (only one XGraphics per page at a time, hence Append):
/// footer text and generation date on the left, "Page X / Y" on the right.
/// </summary>
internal sealed class FooterRenderer(PdfTheme theme, DocumentSettings settings)
{
    public void Render(PdfDocument document)
    {
        var total = document.PageCount;
        var generated = $"Généré le {settings.GeneratedAt.ToString("dd/MM/yyyy", French.Culture)} à "
            + settings.GeneratedAt.ToString("HH:mm", French.Culture);
        var brush = new XSolidBrush(theme.Muted);
        for (var i = 0; i < total; i++)
        {
            var page = document.Pages[i];
            using var gfx = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var left = PageFlow.MarginSide;
            var right = page.Width.Point - PageFlow.MarginSide;
            var y = page.Height.Point - PageFlow.MarginBottom + 16;
            gfx.DrawLine(new XPen(theme.Rule, 0.5), left, y, right, y);
            y += 4;

            var pageText = $"Page {i + 1} / {total}";
            var pageWidth = LineBreaker.Measure(gfx, pageText, theme.Footer) + 2;
            var textWidth = right - left - pageWidth - 12;
            var lineHeight = LineBreaker.LineHeight(theme.Footer);
            // Reading order: the footer text on the left, then the page number on the right.
            var footer = LineBreaker.Wrap(gfx, settings.FooterText, theme.Footer, textWidth);
            LineBreaker.Draw(gfx, footer, theme.Footer, brush, left, y, textWidth);
            gfx.DrawString(generated, theme.Footer, brush, new XRect(left, y + footer.Height, textWidth, lineHeight), XStringFormats.TopLeft);
            gfx.DrawString(pageText, theme.Footer, brush, new XRect(right - pageWidth, y, pageWidth, lineHeight), XStringFormats.TopRight);
        }
    }
}
