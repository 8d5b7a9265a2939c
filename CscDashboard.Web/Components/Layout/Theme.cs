using MudBlazor;

namespace CscDashboard.Web.Components.Layout;

/// <summary>The federation's colours, light and dark.</summary>
public static class Theme
{
    public static readonly MudTheme Value = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5f8b",
            Secondary = "#e07a1f",
            Tertiary = "#2e8b57",
            AppbarBackground = "#1f5f8b",
            Background = "#f5f7fa",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#6fb3e0",
            Secondary = "#f0a35e",
            Tertiary = "#6cc79a",
            AppbarBackground = "#1b2a38",
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "250px" },
    };
}
