using CscDashboard.Core.Common;
using CscDashboard.Core.Finance;

namespace CscDashboard.Web.Components.Pages.Finance;

/// <summary>
/// What <c>/finance</c> and <c>/compliance</c> read from their address (<c>?operation=…&amp;period=…&amp;territory=…</c>)
/// and how they write it back. A value the caller may not use is reported in <c>problem</c> (in French) and
/// replaced by the default: the operation holding today (else the latest), the whole operation, every
/// territory the caller reads.
/// </summary>
public static class OperationSelection
{
    public static FinanceOperation? Operation(IReadOnlyList<FinanceOperation> operations, string? code, DateOnly today, int? preferredId = null) =>
        operations.FirstOrDefault(o => string.Equals(o.Code, code, StringComparison.OrdinalIgnoreCase))
        ?? operations.FirstOrDefault(o => o.Id == preferredId)
        ?? operations.FirstOrDefault(o => o.Period.Contains(today))
        ?? (operations.Count > 0 ? operations[^1] : null);

    /// <param name="shownInstead">What the page shows instead, e.g. « tous vos territoires sont affichés ».</param>
    public static FinanceTerritory? Territory(IReadOnlyList<FinanceTerritory> territories, string? code, string shownInstead, ref string? problem)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }
        var territory = territories.FirstOrDefault(t => string.Equals(t.Code, code, StringComparison.OrdinalIgnoreCase));
        if (territory is null)
        {
            problem = $"Le territoire « {DateBounds.Shorten(code)} » n'est pas dans votre périmètre : {shownInstead}.";
        }
        return territory;
    }

    public static Period Period(FinanceOperation operation, string? code, ref string? problem)
    {
        if (!string.IsNullOrEmpty(code))
        {
            if (Core.Common.Period.TryParse(code, [operation.Period], out var period, out var error))
            {
                return period;
            }
            problem = error;
        }
        return Core.Common.Period.Of(operation.Period);
    }

    /// <summary>The period as the address carries it: nothing for the whole operation (the default).</summary>
    public static string? CodeInUrl(Period period) => period.Kind == PeriodKind.Operation ? null : period.Code;

    public static string Url(string path, string? operation, string? period, string? territory, params (string Key, string? Value)[] more)
    {
        var parts = new (string Key, string? Value)[] { ("operation", operation), ("period", period), ("territory", territory) }
            .Concat(more)
            .Where(p => !string.IsNullOrEmpty(p.Value))
            .Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}")
            .ToList();
        return parts.Count == 0 ? path : path + "?" + string.Join("&", parts);
    }
}
