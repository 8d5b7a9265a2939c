using PdfSharp.Drawing;

namespace CscDashboard.Core.Reporting.Pdf;

/// <summary>
/// Draws a table across pages: the header row repeats at the top of every page, cells wrap, a row moves
/// whole to the next page when it does not fit. Only a row taller than a full page is split (by lines).
/// With a minimum row height, the table is a form: rows at least that tall and every cell ruled.
/// </summary>
internal sealed class TableRenderer(PageFlow flow, PdfTheme theme, double minRowHeight = 0)
{
    private const double Padding = 4;

    public void Render(IReadOnlyList<TableColumn> columns, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        if (columns.Count == 0)
        {
            return;
        }
        var totalWeight = columns.Sum(c => Math.Max(c.RelativeWidth, 0.01));
        var widths = columns.Select(c => flow.ContentWidth * Math.Max(c.RelativeWidth, 0.01) / totalWeight).ToArray();

        var header = WrapCells(columns.Select(c => c.Header).ToList(), widths, theme.SmallBold);
        var headerHeight = RowHeight(header);

        // Keep the header together with the first rows (up to three).
        var firstRowsHeight = rows.Take(3).Sum(r => RowHeight(WrapCells(r, widths, theme.Small)));
        flow.EnsureSpace(headerHeight + Math.Min(firstRowsHeight, flow.Bottom - flow.Top - headerHeight));
        DrawHeader(columns, header, widths, headerHeight);

        for (var r = 0; r < rows.Count; r++)
        {
            var cells = WrapCells(rows[r], widths, theme.Small);
            DrawRow(columns, cells, widths, r % 2 == 1, header, headerHeight);
        }
        flow.Gap(8);
    }

    private void DrawRow(IReadOnlyList<TableColumn> columns, WrappedText[] cells, double[] widths, bool striped,
        WrappedText[] header, double headerHeight)
    {
        var lineHeight = LineBreaker.LineHeight(theme.Small);
        var totalLines = Math.Max(1, cells.Max(c => c.Lines.Count));
        var fitsOnFreshPage = RowHeight(cells) <= flow.Bottom - flow.Top - headerHeight;
        var first = 0;
        while (first < totalLines)
        {
            var remainingLines = totalLines - first;
            var fitting = (int)Math.Floor((flow.Bottom - flow.Y - 2 * Padding + 0.01) / lineHeight);
            // Move the whole row to a new page when it fits there; split only a row taller than a page.
            var formRowDoesNotFit = minRowHeight > 0 && first == 0 && fitsOnFreshPage && flow.Y + RowHeight(cells) > flow.Bottom;
            if (formRowDoesNotFit || (fitting < remainingLines && ((first == 0 && fitsOnFreshPage) || fitting < 1)))
            {
                flow.NewPage();
                DrawHeader(columns, header, widths, headerHeight);
                continue;
            }
            var count = Math.Min(remainingLines, fitting);
            var height = count * lineHeight + 2 * Padding;
            if (first == 0 && count == totalLines)
            {
                height = Math.Max(height, Math.Min(minRowHeight, flow.Bottom - flow.Y));
            }
            var gfx = flow.Gfx;
            if (striped)
            {
                gfx.DrawRectangle(new XSolidBrush(theme.Stripe), flow.Left, flow.Y, flow.ContentWidth, height);
            }
            var x = flow.Left;
            var brush = new XSolidBrush(theme.Text);
            for (var c = 0; c < widths.Length; c++)
            {
                LineBreaker.Draw(gfx, cells[c], theme.Small, brush, x + Padding, flow.Y + Padding, widths[c] - 2 * Padding,
                    columns[c].Align, first, count);
                if (minRowHeight > 0)
                {
                    gfx.DrawRectangle(new XPen(theme.Muted, 0.5), x, flow.Y, widths[c], height);
                }
                x += widths[c];
            }
            flow.Y += height;
            gfx.DrawLine(new XPen(theme.Rule, 0.5), flow.Left, flow.Y, flow.Right, flow.Y);
            first += count;
        }
    }

    private void DrawHeader(IReadOnlyList<TableColumn> columns, WrappedText[] header, double[] widths, double height)
    {
        var gfx = flow.Gfx;
        gfx.DrawRectangle(new XSolidBrush(theme.Primary), flow.Left, flow.Y, flow.ContentWidth, height);
        var x = flow.Left;
        for (var c = 0; c < widths.Length; c++)
        {
            LineBreaker.Draw(gfx, header[c], theme.SmallBold, XBrushes.White, x + Padding, flow.Y + Padding,
                widths[c] - 2 * Padding, columns[c].Align);
            x += widths[c];
        }
        flow.Y += height;
    }

    private WrappedText[] WrapCells(IReadOnlyList<string> values, double[] widths, XFont font) =>
        widths.Select((w, i) => LineBreaker.Wrap(flow.Gfx, i < values.Count ? values[i] : string.Empty, font, w - 2 * Padding))
            .ToArray();

    private double RowHeight(WrappedText[] cells) =>
        Math.Max(minRowHeight, Math.Max(1, cells.Max(c => c.Lines.Count)) * LineBreaker.LineHeight(theme.Small) + 2 * Padding);
}
