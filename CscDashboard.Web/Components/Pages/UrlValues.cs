using System.Globalization;

namespace CscDashboard.Web.Components.Pages;

/// <summary>
/// Numbers and switches read from a page's address. The pages bind them as text and parse them here:
/// Blazor's own int and bool query binding throws on "?centre=abc" and the exception ends the circuit
/// (ADR 020). A value that does not parse is ignored, as if it were absent. Dates and periods are read
/// by <see cref="Core.Common.DateBounds"/> and <see cref="Core.Common.Period"/>.
/// </summary>
public static class UrlValues
{
    /// <summary>A record id: a positive whole number, otherwise null.</summary>
    public static int? Id(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

    /// <summary>"true" (any case) is on; anything else is off.</summary>
    public static bool Flag(string? text) => bool.TryParse(text, out var value) && value;
}
