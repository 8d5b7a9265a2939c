using PdfSharp.Drawing;

namespace CscDashboard.Core.Reporting.Pdf;

/// <summary>KPI tiles in a grid: label (muted), value (large), change (green / red / grey). Rows never split.</summary>
internal sealed class KpiTileRenderer(PageFlow flow, PdfTheme theme)
{
    private const double Gap = 8;
    private const double Padding = 8;

    public void Render(IReadOnlyList<KpiTile> tiles, int columns)
    {
        var width = (flow.ContentWidth - Gap * (columns - 1)) / columns;
        var inner = width - 2 * Padding;
        foreach (var row in tiles.Chunk(columns))
        {
            var gfx = flow.Gfx;
            var laidOut = row.Select(t => (
                Label: LineBreaker.Wrap(gfx, t.Label, theme.Small, inner),
                Value: LineBreaker.Wrap(gfx, t.Value, theme.KpiValue, inner),
                Change: LineBreaker.Wrap(gfx, t.Change, theme.Small, inner),
                Tile: t)).ToList();
            var height = laidOut.Max(t => t.Label.Height + t.Value.Height + t.Change.Height) + 2 * Padding + 4;
            flow.EnsureSpace(height);
            gfx = flow.Gfx;
            var x = flow.Left;
            foreach (var (label, value, change, tile) in laidOut)
            {
                gfx.DrawRoundedRectangle(new XSolidBrush(theme.TileBackground), new XRect(x, flow.Y, width, height), new XSize(6, 6));
                gfx.DrawRectangle(new XSolidBrush(theme.Primary), x, flow.Y + 6, 3, height - 12);
                var y = flow.Y + Padding;
                LineBreaker.Draw(gfx, label, theme.Small, new XSolidBrush(theme.Muted), x + Padding, y, inner);
                y += label.Height + 2;
                LineBreaker.Draw(gfx, value, theme.KpiValue, new XSolidBrush(theme.Primary), x + Padding, y, inner);
                y += value.Height + 2;
                LineBreaker.Draw(gfx, change, theme.Small, new XSolidBrush(ChangeColor(tile.Change)), x + Padding, y, inner);
                x += width + Gap;
            }
            flow.Y += height + Gap;
        }
        flow.Gap(4);
    }

    private XColor ChangeColor(string? change)
    {
        var text = change?.TrimStart() ?? string.Empty;
        return text.StartsWith('+') ? theme.Positive
            : text.StartsWith('-') || text.StartsWith('\u2212') ? theme.Negative
            : theme.Muted;
    }
}
