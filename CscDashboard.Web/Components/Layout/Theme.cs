using MudBlazor;

namespace CscDashboard.Web.Components.Layout;

/// <summary>
/// The federation's colours, light and dark (ADR 021). Every colour that carries meaning as text, icon or
/// chip reaches 4.5:1 against the page, the cards and its own contrast text: in light mode the status
/// colours are MudBlazor's, darkened (MudBlazor's green on white is 2.2:1); in dark mode they are light
/// and filled chips and buttons write on them in near-black. AccessibilityTests checks both with axe.
/// </summary>
public static class Theme
{
    /// <summary>Text on a light colour in dark mode: white would be under 2.5:1.</summary>
    private const string DarkText = "#1e1e1e";

    public static readonly MudTheme Value = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5f8b",
            Secondary = "#a84f00",
            Tertiary = "#23764a",
            Info = "#1565c0",
            Success = "#1b7a3d",
            Warning = "#a15c00",
            Error = "#c62828",
            TextSecondary = "#5c6166",
            AppbarBackground = "#1f5f8b",
            Background = "#f5f7fa",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#6fb3e0",
            PrimaryContrastText = DarkText,
            Secondary = "#f0a35e",
            SecondaryContrastText = DarkText,
            Tertiary = "#6cc79a",
            TertiaryContrastText = DarkText,
            Info = "#90caf9",
            InfoContrastText = DarkText,
            Success = "#81c784",
            SuccessContrastText = DarkText,
            Warning = "#ffb74d",
            WarningContrastText = DarkText,
            Error = "#ff8a80",
            ErrorContrastText = DarkText,
            TextSecondary = "#bdbcc8",
            AppbarBackground = "#1b2a38",
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "250px" },
    };
}
