namespace CscDashboard.Core.Reporting.Pdf;

/// <summary>
/// Flow-layout document builder used by the report documents. Content is appended top to bottom and
/// breaks across pages automatically (A4 portrait). The PDFsharp implementation is
/// <see cref="PdfDocumentComposer"/>; the interface exists so another engine (QuestPDF) can replace it.
/// A composer builds exactly one document: call <see cref="ToPdf"/> or <see cref="WriteTo"/> once, at the end.
/// </summary>
public interface IDocumentComposer
{
    /// <summary>A cover page: title, subtitle and a few lines, then a page break.</summary>
    IDocumentComposer Cover(string title, string? subtitle, IReadOnlyList<string> lines);

    /// <summary>A section heading; level 1 (largest) to 3. Kept on the same page as what follows.</summary>
    IDocumentComposer Heading(string text, int level = 1);

    /// <summary>Wrapped text; '\n' starts a new line. Words longer than the line are split, never dropped.</summary>
    IDocumentComposer Paragraph(string text, TextStyle style = TextStyle.Body);

    /// <summary>Vertical space in points (ignored at the top of a page).</summary>
    IDocumentComposer Spacer(double points);

    /// <summary>Label/value lines (label in bold on the left, value wrapped on the right).</summary>
    IDocumentComposer KeyValues(IReadOnlyList<KeyValuePair<string, string>> items);

    /// <summary>
    /// A table whose header repeats on every page; rows are never split unless taller than a page.
    /// A <paramref name="minRowHeight"/> above zero makes a form to fill in by hand: rows at least that
    /// tall (points) and ruled cells.
    /// </summary>
    IDocumentComposer Table(IReadOnlyList<TableColumn> columns, IReadOnlyList<IReadOnlyList<string>> rows, double minRowHeight = 0);

    /// <summary>Empty framed boxes side by side, each with its label on top, for handwritten signatures.</summary>
    IDocumentComposer SignatureBoxes(IReadOnlyList<string> labels, double height = 80);

    /// <summary>KPI tiles in a grid of <paramref name="columns"/> per row.</summary>
    IDocumentComposer KpiTiles(IReadOnlyList<KpiTile> tiles, int columns = 3);

    /// <summary>A horizontal bar chart, one bar per label, with a value axis and the values printed.</summary>
    IDocumentComposer BarChart(string title, IReadOnlyList<string> labels, IReadOnlyList<double> values);

    /// <summary>A line chart over categories (e.g. months), one line per series, with a legend.</summary>
    IDocumentComposer LineChart(string title, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series);

    /// <summary>A PNG or JPEG image, <paramref name="width"/> points wide (scaled down to fit the page).</summary>
    IDocumentComposer Image(byte[] data, double width);

    IDocumentComposer PageBreak();

    /// <summary>Finishes the document (footers "Page X / Y") and returns the PDF bytes.</summary>
    byte[] ToPdf();

    /// <summary>Finishes the document (footers "Page X / Y") and writes the PDF to the stream.</summary>
    void WriteTo(Stream output);
}

/// <summary>Creates one composer per document (register as a singleton).</summary>
public interface IDocumentComposerFactory
{
    IDocumentComposer Create(DocumentSettings settings);
}

/// <summary>
/// Document-wide settings. <paramref name="GeneratedAt"/> comes from the caller's TimeProvider, already
/// in the time zone to print; <paramref name="FooterText"/> is printed at the bottom left of every page.
/// </summary>
public sealed record DocumentSettings(string Title, string FooterText, DateTimeOffset GeneratedAt, string? Author = null)
{
    /// <summary>The EU emblem block drawn at the top of page 1 (issue 20); every document of the operation sets it.</summary>
    public EuPublicity? Publicity { get; init; }
}

public enum TextStyle
{
    Body,
    Strong,
    Emphasis,
    Small,
    Muted,
}

public enum CellAlign
{
    Left,
    Center,
    Right,
}

/// <summary>A table column: header text, width relative to the other columns, alignment of its cells.</summary>
public sealed record TableColumn(string Header, double RelativeWidth = 1, CellAlign Align = CellAlign.Left);

/// <summary>One KPI tile. <paramref name="Change"/> starting with '+' is shown in green, with '-' or '−' in red.</summary>
public sealed record KpiTile(string Label, string Value, string? Change = null);

public sealed record ChartSeries(string Name, IReadOnlyList<double> Values);

public sealed class PdfDocumentComposerFactory : IDocumentComposerFactory
{
    public IDocumentComposer Create(DocumentSettings settings) => new PdfDocumentComposer(settings);
}
