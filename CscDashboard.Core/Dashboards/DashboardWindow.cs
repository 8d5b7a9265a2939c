using CscDashboard.Core.Common;
using CscDashboard.Core.Operations;

namespace CscDashboard.Core.Dashboards;

/// <summary>
/// The territory-months a dashboard's figures read (ADR 035): one territory or all (<see cref="TerritoryId"/> null), from the
/// earliest day any of its sections reads to the period's end. A saved activity outside the window cannot change the page,
/// so neither the page nor <see cref="DashboardCache"/> refreshes for it.
/// </summary>
public sealed record DashboardWindow(int? TerritoryId, DateOnly From, DateOnly To)
{
    public bool Contains(ActivityChange change) =>
        (TerritoryId is null || TerritoryId == change.TerritoryId) && change.Date >= From && change.Date <= To;

    /// <summary>
    /// What a dashboard with its indicators section reads: the period; the compared period (ADR 014: the previous equal
    /// period, a year before for a year, hence the twelve months before the old rule kept); the twelve-month trend ending
    /// with the period (or today); and the indicators' "since the operation began" (the operation holding the period's
    /// reference day, or any the period overlaps: the earliest start of them). Nothing is read after the period's end.
    /// </summary>
    public static DashboardWindow Of(int? territoryId, Period period, DateOnly today, IReadOnlyList<OperationPeriod> operations)
    {
        var trendEnd = DashboardService.TrendEnd(period, today);
        var trendStart = new DateOnly(trendEnd.Year, trendEnd.Month, 1).AddMonths(-(DashboardService.TrendMonths - 1));
        var reference = DashboardService.ReferenceDay(period, today);
        var from = Min(Min(period.From, period.ComparedPeriod(today).From), trendStart);
        foreach (var operation in operations.Where(o => o.Contains(reference) || (o.StartDate <= period.To && o.EndDate >= period.From)))
        {
            from = Min(from, operation.StartDate);
        }
        return new DashboardWindow(territoryId, from, period.To);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
