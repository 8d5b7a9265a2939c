namespace CscDashboard.Web.Components.Pages.Accessibility;

/// <summary>
/// The accessibility statement's facts shown outside its page too (every page's footer names the conformance
/// status, as the RGAA asks). ADR 022 says why the status is "non conforme" until a full RGAA audit is made.
/// </summary>
public static class Statement
{
    public const string Path = "/accessibilite";

    /// <summary>One of the RGAA's three states: "totalement conforme", "partiellement conforme", "non conforme".</summary>
    public const string Status = "non conforme";

    public static readonly DateOnly Date = new(2026, 12, 5);

    /// <summary>Where people report an accessibility problem (appsettings <c>Accessibility:ContactEmail</c>).</summary>
    public const string ContactEmailSetting = "Accessibility:ContactEmail";

    public const string FooterText = "Accessibilité : " + Status;
}
