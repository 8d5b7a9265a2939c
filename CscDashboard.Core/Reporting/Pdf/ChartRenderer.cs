using PdfSharp.Drawing;

namespace CscDashboard.Core.Reporting.Pdf;

/// <summary>Bar and line charts drawn with XGraphics: title, axes, ticks, grid, labels (French numbers).</summary>
internal sealed class ChartRenderer(PageFlow flow, PdfTheme theme)
{
    private const double TitleGap = 6;
    private const double LineChartPlotHeight = 150;

    /// <summary>Horizontal bars: category labels on the left (wrapped), value axis at the bottom.</summary>
    public void Bar(string title, IReadOnlyList<string> labels, IReadOnlyList<double> values)
    {
        var count = Math.Min(labels.Count, values.Count);
        var scale = count == 0 ? (0, 1, 0.2) : NiceScale(Math.Min(0, values.Take(count).Min()), Math.Max(0, values.Take(count).Max()));
        Bar(title, labels.Take(count).ToList(), values.Take(count).ToList(), scale);
    }

    /// <summary>One chart block; a chart taller than a page continues on the next one, same scale, title "(suite)".</summary>
    private void Bar(string title, List<string> labels, List<double> values, (double Low, double High, double Step) scale)
    {
        var gfx = flow.Gfx;
        var count = labels.Count;
        var labelFont = theme.Small;
        var maxLabel = Enumerable.Range(0, count).Select(i => LineBreaker.Measure(gfx, labels[i], labelFont)).DefaultIfEmpty(0).Max();
        var labelWidth = Math.Min(maxLabel + 2, flow.ContentWidth * 0.35);
        var wrapped = Enumerable.Range(0, count).Select(i => LineBreaker.Wrap(gfx, labels[i], labelFont, labelWidth)).ToArray();
        var slots = wrapped.Select(w => Math.Max(18, w.Height + 6)).ToArray();
        var valueTexts = Enumerable.Range(0, count).Select(i => PdfTheme.Number(values[i])).ToArray();
        var valueSpace = valueTexts.Select(v => LineBreaker.Measure(gfx, v, theme.Tiny)).DefaultIfEmpty(0).Max() + 8;
        var tickHeight = LineBreaker.LineHeight(theme.Tiny);
        var titleHeight = LineBreaker.LineHeight(theme.ChartTitle) + TitleGap + 6;

        var capacity = flow.Bottom - flow.Top - titleHeight - tickHeight - 12;
        if (slots.Sum() > capacity && count > 1)
        {
            var fitting = Math.Max(1, slots.Select((_, i) => slots.Take(i + 1).Sum()).Count(h => h <= capacity));
            Bar(title, labels[..fitting], values[..fitting], scale);
            Bar(title + " (suite)", labels[fitting..], values[fitting..], scale);
            return;
        }
        flow.EnsureSpace(titleHeight + slots.Sum() + tickHeight + 12);
        gfx = flow.Gfx;
        DrawTitle(title);
        if (count == 0)
        {
            NoData();
            return;
        }

        var (lo, hi, step) = scale;
        var plotLeft = flow.Left + labelWidth + 8;
        var plotRight = flow.Right - valueSpace;
        var top = flow.Y;
        var bottom = top + slots.Sum();
        double X(double v) => plotLeft + (v - lo) / (hi - lo) * (plotRight - plotLeft);

        // Reading order: the grid (no text), then each bar's label and value, then the axis' numbers.
        var gridPen = new XPen(theme.Rule, 0.5);
        var ticks = Ticks(lo, hi, step);
        foreach (var t in ticks)
        {
            gfx.DrawLine(gridPen, X(t), top, X(t), bottom);
        }

        var y = top;
        var textBrush = new XSolidBrush(theme.Text);
        var barBrush = new XSolidBrush(theme.Series[0]);
        for (var i = 0; i < count; i++)
        {
            LineBreaker.Draw(gfx, wrapped[i], labelFont, textBrush, flow.Left, y + (slots[i] - wrapped[i].Height) / 2, labelWidth,
                CellAlign.Right);
            var barHeight = Math.Min(12, slots[i] - 6);
            var x0 = X(0);
            var x1 = X(values[i]);
            gfx.DrawRectangle(barBrush, Math.Min(x0, x1), y + (slots[i] - barHeight) / 2, Math.Max(Math.Abs(x1 - x0), 0.5), barHeight);
            gfx.DrawString(valueTexts[i], theme.Tiny, textBrush,
                new XRect(Math.Max(x0, x1) + 3, y + (slots[i] - tickHeight) / 2, valueSpace, tickHeight), XStringFormats.TopLeft);
            y += slots[i];
        }
        var axisPen = new XPen(theme.Muted, 0.8);
        gfx.DrawLine(axisPen, X(0), top, X(0), bottom);
        gfx.DrawLine(axisPen, plotLeft, bottom, plotRight, bottom);
        var tickBrush = new XSolidBrush(theme.Muted);
        foreach (var t in ticks)
        {
            gfx.DrawString(PdfTheme.Number(t), theme.Tiny, tickBrush, new XRect(X(t) - 30, bottom + 3, 60, tickHeight), XStringFormats.TopCenter);
        }
        flow.Y = bottom + tickHeight + 12;
    }

    /// <summary>Lines over categories: legend under the title, value axis on the left, category labels below.</summary>
    public void Line(string title, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series)
    {
        var tickHeight = LineBreaker.LineHeight(theme.Tiny);
        var titleHeight = LineBreaker.LineHeight(theme.ChartTitle) + TitleGap + 6;
        flow.EnsureSpace(titleHeight + 2 * tickHeight + LineChartPlotHeight + tickHeight + 16);
        var gfx = flow.Gfx;
        DrawTitle(title);
        var values = series.SelectMany(s => s.Values.Take(labels.Count)).ToList();
        if (labels.Count == 0 || values.Count == 0)
        {
            NoData();
            return;
        }
        DrawLegend(series);

        var (lo, hi, step) = NiceScale(Math.Min(0, values.Min()), Math.Max(0, values.Max()));
        var ticks = Ticks(lo, hi, step);
        var tickWidth = ticks.Max(t => LineBreaker.Measure(gfx, PdfTheme.Number(t), theme.Tiny));
        var plotLeft = flow.Left + tickWidth + 6;
        var plotRight = flow.Right - 4;
        var top = flow.Y + tickHeight / 2;
        var bottom = top + LineChartPlotHeight;
        var slot = (plotRight - plotLeft) / labels.Count;
        double X(int i) => plotLeft + (i + 0.5) * slot;
        double Y(double v) => bottom - (v - lo) / (hi - lo) * (bottom - top);

        var gridPen = new XPen(theme.Rule, 0.5);
        var mutedBrush = new XSolidBrush(theme.Muted);
        foreach (var t in ticks)
        {
            gfx.DrawLine(gridPen, plotLeft, Y(t), plotRight, Y(t));
            gfx.DrawString(PdfTheme.Number(t), theme.Tiny, mutedBrush,
                new XRect(flow.Left, Y(t) - tickHeight / 2, tickWidth, tickHeight), XStringFormats.TopRight);
        }
        var axisPen = new XPen(theme.Muted, 0.8);
        gfx.DrawLine(axisPen, plotLeft, top, plotLeft, bottom);
        gfx.DrawLine(axisPen, plotLeft, bottom, plotRight, bottom);

        // Category labels: every k-th one when they would overlap.
        var labelWidth = labels.Max(l => LineBreaker.Measure(gfx, l, theme.Tiny)) + 4;
        var every = Math.Max(1, (int)Math.Ceiling(labelWidth / slot));
        for (var i = 0; i < labels.Count; i++)
        {
            gfx.DrawLine(axisPen, X(i), bottom, X(i), bottom + 3);
            if (i % every == 0)
            {
                gfx.DrawString(labels[i], theme.Tiny, mutedBrush,
                    new XRect(X(i) - labelWidth / 2, bottom + 4, labelWidth, tickHeight), XStringFormats.TopCenter);
            }
        }

        for (var s = 0; s < series.Count; s++)
        {
            var color = theme.Series[s % theme.Series.Length];
            var points = series[s].Values.Take(labels.Count).Select((v, i) => new XPoint(X(i), Y(v))).ToArray();
            if (points.Length > 1)
            {
                gfx.DrawLines(new XPen(color, 1.6) { LineJoin = XLineJoin.Round }, points);
            }
            var brush = new XSolidBrush(color);
            foreach (var p in points)
            {
                gfx.DrawEllipse(brush, p.X - 2, p.Y - 2, 4, 4);
            }
        }
        flow.Y = bottom + tickHeight + 16;
    }

    private void DrawLegend(IReadOnlyList<ChartSeries> series)
    {
        var gfx = flow.Gfx;
        var height = LineBreaker.LineHeight(theme.Tiny);
        var x = flow.Left;
        var textBrush = new XSolidBrush(theme.Text);
        for (var s = 0; s < series.Count; s++)
        {
            var width = 12 + LineBreaker.Measure(gfx, series[s].Name, theme.Tiny) + 14;
            if (x + width > flow.Right && x > flow.Left)
            {
                x = flow.Left;
                flow.Y += height + 2;
            }
            gfx.DrawRectangle(new XSolidBrush(theme.Series[s % theme.Series.Length]), x, flow.Y + (height - 8) / 2, 8, 8);
            gfx.DrawString(series[s].Name, theme.Tiny, textBrush, new XRect(x + 12, flow.Y, width, height), XStringFormats.TopLeft);
            x += width;
        }
        flow.Y += height + 6;
    }

    private void DrawTitle(string title)
    {
        flow.Gap(6);
        var wrapped = LineBreaker.Wrap(flow.Gfx, title, theme.ChartTitle, flow.ContentWidth);
        LineBreaker.Draw(flow.Gfx, wrapped, theme.ChartTitle, new XSolidBrush(theme.Primary), flow.Left, flow.Y, flow.ContentWidth);
        flow.Y += wrapped.Height + TitleGap;
    }

    private void NoData()
    {
        flow.Gfx.DrawString("Aucune donnée", theme.Small, new XSolidBrush(theme.Muted), new XPoint(flow.Left, flow.Y), XStringFormats.TopLeft);
        flow.Y += LineBreaker.LineHeight(theme.Small) + 12;
    }

    private static List<double> Ticks(double low, double high, double step)
    {
        var count = (int)Math.Round((high - low) / step);
        return Enumerable.Range(0, count + 1).Select(k => Math.Round(low + k * step, 9)).ToList();
    }

    /// <summary>Axis bounds on round steps (1, 2, 2.5, 5 × 10^n), about five ticks.</summary>
    internal static (double Low, double High, double Step) NiceScale(double low, double high)
    {
        if (high - low < 1e-9)
        {
            high = low + 1;
        }
        var raw = (high - low) / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var norm = raw / magnitude;
        var nice = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10;
        var step = nice * magnitude;
        return (Math.Floor(low / step) * step, Math.Ceiling(high / step) * step, step);
    }
}
