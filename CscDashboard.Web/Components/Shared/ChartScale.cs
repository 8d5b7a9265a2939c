using MudBlazor;

namespace CscDashboard.Web.Components.Shared;

/// <summary>Bar-chart axes that read well whatever the scale (hours or hundreds of thousands of euros).</summary>
public static class ChartScale
{
    /// <summary>About five grid lines, whole numbers on the axis.</summary>
    public static BarChartOptions BarOptions(double max) => new() { YAxisTicks = NiceStep(max), YAxisFormat = "N0" };

    /// <summary>A step of 1, 2 or 5 times a power of ten giving about five grid lines.</summary>
    public static int NiceStep(double max)
    {
        var raw = Math.Max(1, max / 5);
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 5, 10 }.Select(m => m * power).First(s => s >= raw);
        return (int)Math.Min(int.MaxValue, Math.Max(1, step));
    }
}
