using CscDashboard.Core.Data;

namespace CscDashboard.Core.Dashboards;

/// <summary>
/// The centres (not archived) of one territory, or of every territory at once (the reports), with their
/// activities and hours over a period, last activity, last visit, dormancy and digital staff: a handful
/// of queries whatever the number of territories. The caller opened the context and checked the role.
/// </summary>
internal static class CentreTable
{
    /// <param name="sums">The period's rows grouped by centre with <see cref="Measure.Activities"/> and <see cref="Measure.Minutes"/>.</param>
    /// <param name="reference">The day dormancy and digital staff are judged on: the period's end, or today if sooner.</param>
    /// <returns>Each territory's centres, by name.</returns>
    public static async Task<ILookup<int, CentreFigures>> ReadAsync(AppDbContext db, int? territoryId, IReadOnlyList<FigureRow> sums, DateOnly reference, CancellationToken ct)
    {
        var queries = DashboardQueries.Of(db);
        var centres = await queries.Centres(db, territoryId).ToListAsync(ct);
        var last = await LastDatesAsync(db, territoryId, reference, ct);
        var staffed = await queries.StaffedCentres(db, territoryId, reference).ToHashSetAsync(cancellationToken: ct);
        var dormantBefore = reference.AddDays(-DashboardService.DormantDays);
        var sumsOf = sums.ToLookup(s => s.CentreId);
        return centres.ToLookup(c => c.TerritoryId, c =>
        {
            var rows = sumsOf[c.Id].ToList();
            var dates = last.GetValueOrDefault(c.Id);
            return new CentreFigures(c.Id, c.Name, c.Commune, rows.Sum(s => s.Activities), Math.Round(rows.Sum(s => s.Minutes) / 60.0, 1),
                dates?.LastDate, dates?.LastVisitDate, Dormant: dates?.LastDate is not { } lastDate || lastDate < dormantBefore, HasDigitalStaff: staffed.Contains(c.Id));
        });
    }

    /// <summary>
    /// Last activity and last visit of each centre up to the reference day (future-dated entries do not
    /// count). Whole months come from the aggregates' LastDate / LastVisitDate; the reference's month too
    /// when no activity of that month is dated after the reference, which is the usual case; otherwise
    /// that month's days up to the reference are read from the activities, for those centres only.
    /// Reading every link of the centres from the activities instead costs thousands of row lookups.
    /// </summary>
    private static async Task<Dictionary<int, FigureRow>> LastDatesAsync(AppDbContext db, int? territoryId, DateOnly reference, CancellationToken ct)
    {
        var month = new DateOnly(reference.Year, reference.Month, 1);
        var rows = await DashboardQueries.Of(db).CentreLastDates(db, territoryId, month).ToListAsync(ct);
        var beyond = rows.Where(r => !r.Before && r.LastActivity > reference).Select(r => r.CentreId).ToList();
        var dates = rows.Where(r => r.Before || r.LastActivity <= reference)
            .Select(r => new FigureRow { CentreId = r.CentreId, LastDate = r.LastActivity, LastVisitDate = r.LastVisit }).ToList();
        if (beyond.Count > 0)
        {
            dates.AddRange(await PeriodFigures.ReadAsync(db, new FigureQuery(month, reference, FigureGroup.Centre, Measure.LastDate | Measure.LastVisitDate) { Only = beyond }, ct));
        }
        return dates.GroupBy(d => d.CentreId).ToDictionary(g => g.Key, g => g.Aggregate((a, b) => a.Plus(b)));
    }
}
