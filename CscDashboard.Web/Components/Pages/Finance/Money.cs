using CscDashboard.Core.Finance;

namespace CscDashboard.Web.Components.Pages.Finance;

/// <summary>French formatting of the finance figures: "12 345,67 €", "24,5 %", "7,50 h".</summary>
public static class Money
{
    public static string Euros(decimal amount) => FinanceRules.Euros(amount);
    public static string Euros(decimal? amount) => amount is { } value ? Euros(value) : "—";
    public static string Percent(decimal? percent) => percent is { } value ? value.ToString("0.0", WebCulture.French) + " %" : "—";
    public static string Hours(decimal hours) => hours.ToString("N2", WebCulture.French) + " h";
}
