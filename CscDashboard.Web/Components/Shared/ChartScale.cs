using MudBlazor;

namespace CscDashboard.Web.Components.Shared;

/// <summary>Bar-chart axes that read well whatever the scale (hours or hundreds of thousands of euros).</summary>
public static class ChartScale
{
    /// <summary>
    /// Bar colours that stand out at 3:1 from both a white card and a dark-mode card (WCAG 1.4.11, ADR 021): a blue, an
    /// orange (told apart without hue vision too), a teal. MudBlazor's default second colour is 1.6:1 on white.
    /// </summary>
    public static readonly string[] Palette = ["#3e8de9", "#d37117", "#1b9c84"];

    /// <summary>About five grid lines, whole numbers on the axis.</summary>
    public static BarChartOptions BarOptions(double max) => new() { YAxisTicks = NiceStep(max), YAxisFormat = "N0", ChartPalette = Palette };

    /// <summary>
    /// The same for amounts in euros, the axis in thousands or millions ("250 k€", "1,5 M€"): seven-digit
    /// labels do not fit beside a chart on a phone.
    /// </summary>
    public static BarChartOptions EuroBarOptions(double max)
    {
        var options = BarOptions(max);
        options.YAxisToStringFunc = Euros;
        return options;
    }

    public static string Euros(double value) => Math.Abs(value) switch
    {
        >= 1_000_000 => (value / 1_000_000).ToString("0.#", WebCulture.French) + " M€",
        >= 1_000 => (value / 1_000).ToString("0.#", WebCulture.French) + " k€",
        _ => value.ToString("0", WebCulture.French) + " €",
    };

    /// <summary>A step of 1, 2 or 5 times a power of ten giving about five grid lines.</summary>
    /// <summary>The steps an axis may take within a power of ten.</summary>
    private static readonly int[] Multiples = [1, 2, 5, 10];

    public static int NiceStep(double max)
    {
        var raw = Math.Max(1, max / 5);
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = Multiples.Select(m => m * power).First(s => s >= raw);
        return (int)Math.Min(int.MaxValue, Math.Max(1, step));
    }
}
