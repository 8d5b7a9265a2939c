using PdfSharp.Drawing;

namespace CscDashboard.Core.Reporting.Pdf;

/// <summary>Lines of a wrapped text and the height they take.</summary>
internal sealed record WrappedText(IReadOnlyList<string> Lines, double LineHeight)
{
    public double Height => Lines.Count * LineHeight;
}

/// <summary>
/// Measuring line-breaker (XTextFormatter drops lines that do not fit and cannot split long words).
/// Breaks on spaces, splits any word wider than the line at character level, keeps every character,
/// honours '\n' as a hard break (an empty line stays an empty line).
/// </summary>
internal static class LineBreaker
{
    public static double LineHeight(XFont font) => font.GetHeight();

    public static WrappedText Wrap(XGraphics gfx, string? text, XFont font, double maxWidth)
    {
        var lines = new List<string>();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var spaceWidth = Measure(gfx, " ", font);
            foreach (var hardLine in text.Replace("\r\n", "\n").Split('\n'))
            {
                WrapLine(gfx, hardLine, font, Math.Max(maxWidth, 1), spaceWidth, lines);
            }
        }
        return new WrappedText(lines, LineHeight(font));
    }

    /// <summary>Draws lines [first, first + count) of a wrapped text from <paramref name="y"/> down.</summary>
    public static void Draw(XGraphics gfx, WrappedText text, XFont font, XBrush brush, double x, double y, double width,
        CellAlign align = CellAlign.Left, int first = 0, int? count = null)
    {
        var format = align switch
        {
            CellAlign.Right => XStringFormats.TopRight,
            CellAlign.Center => XStringFormats.TopCenter,
            _ => XStringFormats.TopLeft,
        };
        var last = Math.Min(text.Lines.Count, first + (count ?? text.Lines.Count));
        for (var i = first; i < last; i++)
        {
            if (text.Lines[i].Length > 0)
            {
                var lineTop = y + (i - first) * text.LineHeight;
                gfx.DrawString(text.Lines[i], font, brush, new XRect(x, lineTop, width, text.LineHeight), format);
            }
        }
    }

    public static double Measure(XGraphics gfx, string text, XFont font) =>
        text.Length == 0 ? 0 : gfx.MeasureString(text, font).Width;

    private static void WrapLine(XGraphics gfx, string line, XFont font, double maxWidth, double spaceWidth, List<string> output)
    {
        var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            output.Add(string.Empty);
            return;
        }

        var current = string.Empty;
        var currentWidth = 0.0;
        foreach (var word in words)
        {
            var wordWidth = Measure(gfx, word, font);
            if (current.Length > 0 && currentWidth + spaceWidth + wordWidth <= maxWidth)
            {
                current += " " + word;
                currentWidth += spaceWidth + wordWidth;
                continue;
            }
            if (current.Length > 0)
            {
                output.Add(current);
            }
            if (wordWidth <= maxWidth)
            {
                (current, currentWidth) = (word, wordWidth);
                continue;
            }
            // A word wider than the line: cut it into pieces that fit; the last piece continues the line.
            var pieces = SplitWord(gfx, word, font, maxWidth);
            output.AddRange(pieces.Take(pieces.Count - 1));
            current = pieces[^1];
            currentWidth = Measure(gfx, current, font);
        }
        output.Add(current);
    }

    private static List<string> SplitWord(XGraphics gfx, string word, XFont font, double maxWidth)
    {
        var pieces = new List<string>();
        var start = 0;
        var width = 0.0;
        for (var i = 0; i < word.Length; i++)
        {
            // Keep surrogate pairs together.
            var length = char.IsHighSurrogate(word[i]) && i + 1 < word.Length ? 2 : 1;
            var charWidth = Measure(gfx, word.Substring(i, length), font);
            if (i > start && width + charWidth > maxWidth)
            {
                pieces.Add(word[start..i]);
                start = i;
                width = 0;
            }
            width += charWidth;
            i += length - 1;
        }
        pieces.Add(word[start..]);
        return pieces;
    }
}
