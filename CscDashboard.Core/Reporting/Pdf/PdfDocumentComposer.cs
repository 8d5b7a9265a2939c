using System.Diagnostics.CodeAnalysis;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CscDashboard.Core.Reporting.Pdf;

/// <summary>
/// <see cref="IDocumentComposer"/> on PDFsharp 6.2: flow layout on A4 portrait pages (margins 2 cm),
/// footer "Page X / Y" + generation date + footer text drawn in a second pass over the pages.
/// Every document says its title and its language (fr-FR) to screen readers, and its content is drawn in
/// reading order, top to bottom (ADR 022).
/// </summary>
[SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable", Justification = "A composer lives for one document: WriteTo (or ToPdf) ends it and disposes the document, the page flow and the images; callers hold it as an IDocumentComposer and never dispose it.")]
public sealed class PdfDocumentComposer : IDocumentComposer
{
    private const double KeepWithHeading = 80;

    /// <summary>The catalog's /Lang: every document the app prints is in French.</summary>
    public const string Language = "fr-FR";

    private readonly DocumentSettings _settings;
    private readonly PdfDocument _document = new();
    private readonly PageFlow _flow;
    private readonly PdfTheme _theme;
    private readonly List<IDisposable> _resources = [];
    private bool _finished;

    public PdfDocumentComposer(DocumentSettings settings)
    {
        PdfFonts.EnsureConfigured();
        _settings = settings;
        _theme = new PdfTheme();
        _document.Info.Title = settings.Title;
        // A viewer shows the title rather than the file name, and a screen reader reads the text in French.
        _document.ViewerPreferences.DisplayDocTitle = true;
        _document.Language = Language;
        _document.Info.Author = settings.Author ?? string.Empty;
        _document.Info.Creator = "CscDashboard";
        _document.Info.CreationDate = settings.GeneratedAt.DateTime;
        _document.Info.ModificationDate = settings.GeneratedAt.DateTime;
        _flow = new PageFlow(_document);
        if (settings.Publicity is { } publicity)
        {
            DrawPublicity(publicity);
        }
    }

    /// <summary>Bottom of the EU block on page 1 (a cover starts below it, on the same page).</summary>
    private double _publicityBottom = -1;

    /// <summary>The emblem, « Cofinancé par l'Union européenne », the operation's mention and the Région, top of page 1.</summary>
    private void DrawPublicity(EuPublicity publicity)
    {
        const double height = 34;
        var gfx = _flow.Gfx;
        EuEmblem.Draw(gfx, _flow.Left, _flow.Y, height);
        var textLeft = _flow.Left + EuEmblem.WidthFor(height) + 10;
        var width = _flow.Right - textLeft;
        var y = _flow.Y;
        var brush = new XSolidBrush(_theme.Text);
        // The statement beside the emblem, then the operation's mention (which starts with it, as a rule) and the Région.
        var lines = publicity.FundingMention.StartsWith(EuPublicity.Statement, StringComparison.Ordinal)
            ? new[] { (publicity.FundingMention, _theme.Strong), (publicity.ManagingAuthority, _theme.Small) }
            : [(EuPublicity.Statement, _theme.Strong), (publicity.FundingMention, _theme.Small), (publicity.ManagingAuthority, _theme.Small)];
        foreach (var (line, font) in lines)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var wrapped = LineBreaker.Wrap(gfx, line, font, width);
            LineBreaker.Draw(gfx, wrapped, font, brush, textLeft, y, width);
            y += wrapped.Height + 1;
        }
        _flow.Y = Math.Max(_flow.Y + height, y) + 12;
        _publicityBottom = _flow.Y;
    }

    public IDocumentComposer Cover(string title, string? subtitle, IReadOnlyList<string> lines)
    {
        Guard();
        if (!_flow.AtTopOfPage && !(_flow.Page == _document.Pages[0] && Math.Abs(_flow.Y - _publicityBottom) < 0.01))
        {
            _flow.NewPage();
        }
        var gfx = _flow.Gfx;
        gfx.DrawRectangle(new XSolidBrush(_theme.Primary), _flow.Left, _flow.Top + 120, 60, 5);
        _flow.Y = _flow.Top + 140;
        Text(title, _theme.CoverTitle, _theme.Primary, 10);
        if (!string.IsNullOrWhiteSpace(subtitle))
        {
            Text(subtitle, _theme.CoverSubtitle, _theme.Text, 24);
        }
        foreach (var line in lines)
        {
            Text(line, _theme.Body, _theme.Text, 6);
        }
        _flow.NewPage();
        return this;
    }

    public IDocumentComposer Heading(string text, int level = 1)
    {
        Guard();
        var font = _theme.Headings[Math.Clamp(level, 1, 3) - 1];
        var wrapped = LineBreaker.Wrap(_flow.Gfx, text, font, _flow.ContentWidth);
        _flow.Gap(level == 1 ? 10 : 6);
        // Keep the heading with the start of what follows (a few lines, or a table header and its first rows).
        _flow.EnsureSpace(wrapped.Height + KeepWithHeading);
        LineBreaker.Draw(_flow.Gfx, wrapped, font, new XSolidBrush(_theme.Primary), _flow.Left, _flow.Y, _flow.ContentWidth);
        _flow.Y += wrapped.Height + 2;
        if (level == 1)
        {
            _flow.Gfx.DrawLine(new XPen(_theme.Primary, 1), _flow.Left, _flow.Y, _flow.Right, _flow.Y);
        }
        _flow.Y += 6;
        return this;
    }

    public IDocumentComposer Paragraph(string text, TextStyle style = TextStyle.Body)
    {
        Guard();
        Text(text, _theme.For(style), _theme.ColorFor(style), 6);
        return this;
    }

    public IDocumentComposer Spacer(double points)
    {
        Guard();
        _flow.Gap(points);
        return this;
    }

    public IDocumentComposer KeyValues(IReadOnlyList<KeyValuePair<string, string>> items)
    {
        Guard();
        var keyWidth = _flow.ContentWidth * 0.35;
        var valueWidth = _flow.ContentWidth - keyWidth - 8;
        var textBrush = new XSolidBrush(_theme.Text);
        foreach (var (key, value) in items)
        {
            var k = LineBreaker.Wrap(_flow.Gfx, key, _theme.Strong, keyWidth);
            var v = LineBreaker.Wrap(_flow.Gfx, value, _theme.Body, valueWidth);
            var height = Math.Max(Math.Max(k.Height, v.Height), LineBreaker.LineHeight(_theme.Body));
            if (height > _flow.Bottom - _flow.Top)
            {
                // Longer than a page: print as a label followed by a flowing paragraph.
                Text(key, _theme.Strong, _theme.Text, 0);
                Text(value, _theme.Body, _theme.Text, 3);
                continue;
            }
            _flow.EnsureSpace(height);
            LineBreaker.Draw(_flow.Gfx, k, _theme.Strong, textBrush, _flow.Left, _flow.Y, keyWidth);
            LineBreaker.Draw(_flow.Gfx, v, _theme.Body, textBrush, _flow.Left + keyWidth + 8, _flow.Y, valueWidth);
            _flow.Y += height + 3;
        }
        _flow.Gap(6);
        return this;
    }

    public IDocumentComposer Table(IReadOnlyList<TableColumn> columns, IReadOnlyList<IReadOnlyList<string>> rows, double minRowHeight = 0)
    {
        Guard();
        new TableRenderer(_flow, _theme, Math.Max(0, minRowHeight)).Render(columns, rows);
        return this;
    }

    public IDocumentComposer SignatureBoxes(IReadOnlyList<string> labels, double height = 80)
    {
        Guard();
        if (labels.Count == 0)
        {
            return this;
        }
        const double gap = 16;
        var width = (_flow.ContentWidth - gap * (labels.Count - 1)) / labels.Count;
        var labelHeight = labels.Max(l => LineBreaker.Wrap(_flow.Gfx, l, _theme.Strong, width).Height) + 4;
        _flow.EnsureSpace(labelHeight + height);
        var pen = new XPen(_theme.Text, 0.8);
        var brush = new XSolidBrush(_theme.Text);
        for (var i = 0; i < labels.Count; i++)
        {
            var x = _flow.Left + i * (width + gap);
            var label = LineBreaker.Wrap(_flow.Gfx, labels[i], _theme.Strong, width);
            LineBreaker.Draw(_flow.Gfx, label, _theme.Strong, brush, x, _flow.Y, width);
            _flow.Gfx.DrawRectangle(pen, x, _flow.Y + labelHeight, width, height);
        }
        _flow.Y += labelHeight + height;
        _flow.Gap(8);
        return this;
    }

    public IDocumentComposer KpiTiles(IReadOnlyList<KpiTile> tiles, int columns = 3)
    {
        Guard();
        new KpiTileRenderer(_flow, _theme).Render(tiles, Math.Max(1, columns));
        return this;
    }

    public IDocumentComposer BarChart(string title, IReadOnlyList<string> labels, IReadOnlyList<double> values)
    {
        Guard();
        new ChartRenderer(_flow, _theme).Bar(title, labels, values);
        return this;
    }

    public IDocumentComposer LineChart(string title, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series)
    {
        Guard();
        new ChartRenderer(_flow, _theme).Line(title, labels, series);
        return this;
    }

    public IDocumentComposer Image(byte[] data, double width)
    {
        Guard();
        var stream = new MemoryStream(PngNormalizer.Normalize(data));
        var image = XImage.FromStream(stream);
        _resources.Add(image);
        _resources.Add(stream);
        width = Math.Min(width, _flow.ContentWidth);
        var height = width * image.PixelHeight / Math.Max(1, image.PixelWidth);
        var maxHeight = _flow.Bottom - _flow.Top;
        if (height > maxHeight)
        {
            (width, height) = (width * maxHeight / height, maxHeight);
        }
        _flow.EnsureSpace(height);
        _flow.Gfx.DrawImage(image, _flow.Left, _flow.Y, width, height);
        _flow.Y += height;
        _flow.Gap(8);
        return this;
    }

    public IDocumentComposer PageBreak()
    {
        Guard();
        if (!_flow.AtTopOfPage)
        {
            _flow.NewPage();
        }
        return this;
    }

    public byte[] ToPdf()
    {
        using var output = new MemoryStream();
        WriteTo(output);
        return output.ToArray();
    }

    public void WriteTo(Stream output)
    {
        Guard();
        _finished = true;
        var lastPageIsBlank = _flow.AtTopOfPage && _document.PageCount > 1; // after a trailing PageBreak or Cover
        _flow.Dispose();
        if (lastPageIsBlank)
        {
            _document.Pages.RemoveAt(_document.PageCount - 1);
        }
        new FooterRenderer(_theme, _settings).Render(_document);
        _document.Save(output, closeStream: false);
        _document.Dispose();
        foreach (var resource in _resources)
        {
            resource.Dispose();
        }
    }

    /// <summary>Wrapped text placed line by line, each line moving to a new page when it does not fit.</summary>
    private void Text(string text, XFont font, XColor color, double spaceAfter)
    {
        var wrapped = LineBreaker.Wrap(_flow.Gfx, text, font, _flow.ContentWidth);
        var brush = new XSolidBrush(color);
        for (var i = 0; i < wrapped.Lines.Count; i++)
        {
            _flow.EnsureSpace(wrapped.LineHeight);
            LineBreaker.Draw(_flow.Gfx, wrapped, font, brush, _flow.Left, _flow.Y, _flow.ContentWidth, CellAlign.Left, i, 1);
            _flow.Y += wrapped.LineHeight;
        }
        _flow.Gap(spaceAfter);
    }

    private void Guard() => ObjectDisposedException.ThrowIf(_finished, this);
}
