using System.Globalization;
using CscDashboard.Core.Common;
using CscDashboard.Core.Operations;

namespace CscDashboard.Web.Components.Pages.Workstreams;

/// <summary>A period the figures can be shown for, and whether it is the one on screen.</summary>
public sealed record PeriodChoice(string Label, DateOnly From, DateOnly To);

/// <summary>
/// The URLs of a workstream space (<c>/workstreams/1?from=2024-01-01&amp;to=2027-12-31&amp;q=…&amp;tag=…</c>)
/// and of the activity list filtered on it, so every view can be bookmarked and shared.
/// </summary>
public static class WorkstreamLinks
{
    public static string Space(int number, DateOnly from, DateOnly to, string? search = null, string? tag = null) =>
        $"/workstreams/{number}" + Query(("from", Iso(from)), ("to", Iso(to)), ("q", search), ("tag", tag));

    /// <summary>The activity log filtered on the workstream (and a territory) over the period.</summary>
    public static string Activities(int workstreamId, DateOnly from, DateOnly to, string? territoryCode = null) =>
        "/activities" + Query(("workstream", workstreamId.ToString(CultureInfo.InvariantCulture)), ("territory", territoryCode), ("from", Iso(from)), ("to", Iso(to)));

    /// <summary>The current operation, this year, this quarter, then the earlier operations (newest first).</summary>
    public static IReadOnlyList<PeriodChoice> Choices(IReadOnlyList<OperationPeriod> operations, DateOnly today)
    {
        var choices = new List<PeriodChoice>();
        var current = operations.FirstOrDefault(o => o.Contains(today)) ?? operations.LastOrDefault(o => o.StartDate <= today);
        if (current is not null)
        {
            choices.Add(new("Toute l'opération", current.StartDate, current.EndDate));
        }
        choices.Add(new("Cette année", new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31)));
        var quarterStart = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1);
        choices.Add(new("Ce trimestre", quarterStart, quarterStart.AddMonths(3).AddDays(-1)));
        choices.AddRange(operations.Where(o => o != current && o.StartDate <= today).OrderByDescending(o => o.StartDate)
            .Select(o => new PeriodChoice(o.Code, o.StartDate, o.EndDate)));
        return choices;
    }

    /// <summary>A day from the address (inside <see cref="DateBounds"/>, ADR 020); anything else is ignored.</summary>
    public static DateOnly? ParseDate(string? text) => DateBounds.DayOrNull(text);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Query(params (string Key, string? Value)[] parts)
    {
        var query = string.Join("&", parts.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
        return query.Length == 0 ? "" : "?" + query;
    }
}
