using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Network;
using CscDashboard.Core.Operations;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Dashboards;

/// <summary>The per-part queries of the dashboards: workstreams, trend, a territory's centres and partners.</summary>
public sealed partial class DashboardService
{
    private static async Task<IReadOnlyList<WorkstreamFigures>> WorkstreamFiguresAsync(AppDbContext db, PeriodSlices slices, int? territoryId, CancellationToken ct)
    {
        var rows = new List<Sums>();
        if (slices.HasMonths)
        {
            rows.AddRange(await Compiled(db).MonthWorkstreamSums(db, slices.FirstMonth, slices.LastMonth, territoryId).ToListAsync(ct));
        }
        if (slices.HasEdges)
        {
            // An explicit join: EF turns a sum over a navigation inside a group into one correlated subquery per sum.
            var links = slices.EdgesOfLinks(db.ActivityWorkstreams.AsNoTracking()
                .Join(db.Activities.Where(a => a.DeletedAt == null), aw => aw.ActivityId, a => a.Id,
                    (aw, a) => new { aw.WorkstreamId, a.Date, a.TerritoryId, a.DurationMinutes, a.InhabitantCount }), x => x.Date);
            if (territoryId is { } t)
            {
                links = links.Where(x => x.TerritoryId == t);
            }
            var grouped = await links.GroupBy(x => x.WorkstreamId)
                .Select(g => new { g.Key, Activities = g.Count(), Minutes = g.Sum(x => x.DurationMinutes), Inhabitants = g.Sum(x => x.InhabitantCount) })
                .ToListAsync(ct);
            rows.AddRange(grouped.Select(g => new Sums(g.Key, g.Activities, g.Minutes, g.Inhabitants)));
        }
        var workstreams = await Compiled(db).WorkstreamRows(db).ToListAsync(ct);
        return workstreams.Select(w =>
        {
            var of = rows.Where(r => r.Id == w.Id).ToList();
            return new WorkstreamFigures(w.Id, w.Number, w.ShortName, of.Sum(r => r.Activities), Math.Round(of.Sum(r => r.Minutes) / 60.0, 1), of.Sum(r => r.Inhabitants));
        }).ToList();
    }

    /// <summary>The twelve months ending with <paramref name="end"/>'s month; the month holding today is flagged partial.</summary>
    private static async Task<IReadOnlyList<MonthFigures>> TrendAsync(AppDbContext db, DateOnly end, DateOnly today, int? territoryId, CancellationToken ct)
    {
        var last = new DateOnly(end.Year, end.Month, 1);
        var first = last.AddMonths(-(TrendMonths - 1));
        var grouped = await Compiled(db).MonthTrend(db, first, last, territoryId).ToDictionaryAsync(g => g.Month, cancellationToken: ct);
        return Enumerable.Range(0, TrendMonths).Select(i => first.AddMonths(i))
            .Select(m => grouped.TryGetValue(m, out var g)
                ? new MonthFigures(m, g.Activities, Math.Round(g.Minutes / 60.0, 1), Partial: IsPartial(m, today))
                : new MonthFigures(m, 0, 0, Partial: IsPartial(m, today)))
            .ToList();
    }

    private static bool IsPartial(DateOnly month, DateOnly today) => month <= today && today < month.AddMonths(1);

    private static async Task<IReadOnlyList<CentreFigures>> CentreFiguresAsync(AppDbContext db, int territoryId, PeriodSlices slices, DateOnly reference, CancellationToken ct)
    {
        var centres = await Compiled(db).TerritoryCentres(db, territoryId).ToListAsync(ct);
        var inPeriod = new List<Sums>();
        if (slices.HasMonths)
        {
            inPeriod.AddRange(await Compiled(db).MonthCentreSums(db, territoryId, slices.FirstMonth, slices.LastMonth).ToListAsync(ct));
        }
        if (slices.HasEdges)
        {
            // An explicit join, as in WorkstreamFiguresAsync.
            var links = slices.EdgesOfLinks(db.ActivityCentres.AsNoTracking().Where(ac => ac.Centre!.TerritoryId == territoryId)
                .Join(db.Activities.Where(a => a.DeletedAt == null), ac => ac.ActivityId, a => a.Id, (ac, a) => new { ac.CentreId, a.Date, a.DurationMinutes }), x => x.Date);
            var grouped = await links.GroupBy(x => x.CentreId)
                .Select(g => new { g.Key, Activities = g.Count(), Minutes = g.Sum(x => x.DurationMinutes) }).ToListAsync(ct);
            inPeriod.AddRange(grouped.Select(g => new Sums(g.Key, g.Activities, g.Minutes, 0)));
        }
        var last = await LastDatesAsync(db, centres.Select(c => c.Id).ToArray(), reference, ct);
        var staffed = await Compiled(db).StaffedCentres(db, territoryId, reference).ToHashSetAsync(cancellationToken: ct);
        var dormantBefore = reference.AddDays(-DormantDays);
        var sumsOf = inPeriod.ToLookup(p => p.Id);
        return centres.Select(c =>
        {
            var sums = sumsOf[c.Id];
            var dates = last.GetValueOrDefault(c.Id);
            return new CentreFigures(c.Id, c.Name, c.Commune, sums.Sum(s => s.Activities), Math.Round(sums.Sum(s => s.Minutes) / 60.0, 1),
                dates?.LastActivity, dates?.LastVisit, Dormant: dates is null || dates.LastActivity < dormantBefore, HasDigitalStaff: staffed.Contains(c.Id));
        }).ToList();
    }

    private sealed record LastDates(int CentreId, DateOnly LastActivity, DateOnly? LastVisit);

    /// <summary>
    /// Last activity and last visit of each centre up to the reference day (future-dated entries do
    /// not count). Whole months come from the aggregates' LastDate / LastVisitDate; the reference's
    /// month too when no activity of that month is dated after the reference, which is the usual
    /// case; otherwise that month's days are read from the activities, for those centres only.
    /// Reading every link of the territory's centres instead costs thousands of row lookups.
    /// </summary>
    private static async Task<Dictionary<int, LastDates>> LastDatesAsync(AppDbContext db, int[] centreIds, DateOnly reference, CancellationToken ct)
    {
        var month = new DateOnly(reference.Year, reference.Month, 1);
        var rows = await Compiled(db).CentreLastDates(db, centreIds, month).ToListAsync(ct);
        var beyond = rows.Where(r => !r.Before && r.LastActivity > reference).Select(r => r.CentreId).ToList();
        var dates = rows.Where(r => r.Before || r.LastActivity <= reference).Select(r => new LastDates(r.CentreId, r.LastActivity, r.LastVisit)).ToList();
        if (beyond.Count > 0)
        {
            dates.AddRange(await db.ActivityCentres.AsNoTracking().Where(ac => beyond.Contains(ac.CentreId))
                .Join(db.Activities.Where(a => a.DeletedAt == null && a.Date >= month && a.Date <= reference), ac => ac.ActivityId, a => a.Id,
                    (ac, a) => new { ac.CentreId, a.Date, IsVisit = a.Format == ActivityFormat.Visit || a.Type == ActivityType.CentreSupport })
                .GroupBy(x => x.CentreId)
                .Select(g => new LastDates(g.Key, g.Max(x => x.Date), g.Max(x => x.IsVisit ? x.Date : (DateOnly?)null)))
                .ToListAsync(ct));
        }
        return dates.GroupBy(d => d.CentreId).ToDictionary(g => g.Key, g => new LastDates(g.Key, g.Max(d => d.LastActivity), g.Max(d => d.LastVisit)));
    }

    private static async Task<IReadOnlyList<PartnerFigures>> TopPartnersAsync(AppDbContext db, int territoryId, PeriodSlices slices, CancellationToken ct)
    {
        var counts = new Dictionary<int, int>();
        if (slices.HasMonths)
        {
            await foreach (var g in Compiled(db).MonthPartnerCounts(db, territoryId, slices.FirstMonth, slices.LastMonth).WithCancellation(ct))
            {
                counts[g.Id] = counts.GetValueOrDefault(g.Id) + g.Count;
            }
        }
        if (slices.HasEdges)
        {
            var links = slices.EdgesOfLinks(db.ActivityPartners.AsNoTracking().Where(ap => ap.Activity!.DeletedAt == null && ap.Activity.TerritoryId == territoryId), ap => ap.Activity!.Date);
            foreach (var g in await links.GroupBy(ap => ap.PartnerId).Select(g => new { g.Key, Activities = g.Count() }).ToListAsync(ct))
            {
                counts[g.Key] = counts.GetValueOrDefault(g.Key) + g.Activities;
            }
        }
        var top = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key).Take(5).ToList();
        var names = await Compiled(db).PartnerNames(db, top.Select(t => t.Key).ToArray()).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken: ct);
        return top.Select(t => new PartnerFigures(t.Key, names.GetValueOrDefault(t.Key, "?"), t.Value)).ToList();
    }
}
