using CscDashboard.Core.Common;
using PdfSharp.Drawing;

namespace CscDashboard.Core.Reporting.Pdf;

/// <summary>Fonts, colours and number formatting shared by the renderers.</summary>
internal sealed class PdfTheme
{

    public XFont Body { get; } = Font(10);
    public XFont Strong { get; } = Font(10, XFontStyleEx.Bold);
    public XFont Emphasis { get; } = Font(10, XFontStyleEx.Italic);
    public XFont Small { get; } = Font(8.5);
    public XFont SmallBold { get; } = Font(8.5, XFontStyleEx.Bold);
    public XFont Tiny { get; } = Font(7.5);
    public XFont Footer { get; } = Font(7.5);
    public XFont KpiValue { get; } = Font(17, XFontStyleEx.Bold);
    public XFont ChartTitle { get; } = Font(10, XFontStyleEx.Bold);
    public XFont CoverTitle { get; } = Font(26, XFontStyleEx.Bold);
    public XFont CoverSubtitle { get; } = Font(15);
    public XFont[] Headings { get; } = [Font(16, XFontStyleEx.Bold), Font(13, XFontStyleEx.Bold), Font(11, XFontStyleEx.Bold)];

    public XColor Primary { get; } = XColor.FromArgb(0x1F, 0x3A, 0x5F);
    public XColor Text { get; } = XColor.FromArgb(0x22, 0x22, 0x22);
    public XColor Muted { get; } = XColor.FromArgb(0x6B, 0x72, 0x80);
    public XColor Rule { get; } = XColor.FromArgb(0xD1, 0xD5, 0xDB);
    public XColor Stripe { get; } = XColor.FromArgb(0xF3, 0xF5, 0xF8);
    public XColor TileBackground { get; } = XColor.FromArgb(0xEE, 0xF2, 0xF7);
    public XColor Positive { get; } = XColor.FromArgb(0x1B, 0x7F, 0x3B);
    public XColor Negative { get; } = XColor.FromArgb(0xB4, 0x23, 0x18);

    /// <summary>Colours of chart series, in order.</summary>
    public XColor[] Series { get; } =
    [
        XColor.FromArgb(0x2F, 0x6D, 0xB5), XColor.FromArgb(0xE0, 0x8A, 0x1E), XColor.FromArgb(0x3A, 0x9D, 0x5D),
        XColor.FromArgb(0xC0, 0x39, 0x2B), XColor.FromArgb(0x7D, 0x4E, 0xA8), XColor.FromArgb(0x16, 0x9C, 0xA0),
    ];

    public XFont For(TextStyle style) => style switch
    {
        TextStyle.Strong => Strong,
        TextStyle.Emphasis => Emphasis,
        TextStyle.Small or TextStyle.Muted => Small,
        _ => Body,
    };

    public XColor ColorFor(TextStyle style) => style == TextStyle.Muted ? Muted : Text;

    /// <summary>French number: "12 345" or "12 345,5" (no-break space as group separator).</summary>
    public static string Number(double value)
    {
        var text = Math.Abs(value - Math.Round(value)) < 1e-9
            ? value.ToString("N0", French.Culture)
            : value.ToString("N1", French.Culture);
        // .NET uses U+202F (narrow no-break space); U+00A0 is safer for PDF text extraction.
        return text.Replace('\u202F', '\u00A0');
    }

    private static XFont Font(double size, XFontStyleEx style = XFontStyleEx.Regular) =>
        new(DejaVuFontResolver.FamilyName, size, style);
}
