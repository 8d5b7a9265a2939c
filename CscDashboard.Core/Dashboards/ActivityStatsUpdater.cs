using CscDashboard.Core.Activities;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Dashboards;

/// <summary>What an activity write touched: its territory-month and the centres, partners and workstreams it was linked to.</summary>
public sealed record StatScope(int TerritoryId, DateOnly Month, IReadOnlyCollection<int> CentreIds, IReadOnlyCollection<int> PartnerIds, IReadOnlyCollection<int> WorkstreamIds)
{
    public static StatScope Of(Activity activity) => new(
        activity.TerritoryId,
        new DateOnly(activity.Date.Year, activity.Date.Month, 1),
        activity.Centres.Select(c => c.CentreId).ToList(),
        activity.Partners.Select(p => p.PartnerId).ToList(),
        activity.Workstreams.Select(w => w.WorkstreamId).ToList());
}

/// <summary>
/// Keeps the monthly aggregates right. After an activity write, the buckets it touched (before and
/// after the change) are recomputed from the activities themselves — a few hundred rows at most —
/// inside the caller's transaction. <see cref="RebuildAllAsync"/> recomputes everything (after a
/// bulk load, or with the <c>stats --rebuild</c> verb when in doubt).
/// </summary>
public static class ActivityStatsUpdater
{
    public static async Task RefreshAsync(AppDbContext db, IEnumerable<StatScope> scopes, CancellationToken ct = default)
    {
        var all = scopes.ToList();
        foreach (var (territoryId, month) in all.Select(s => (s.TerritoryId, s.Month)).Distinct())
        {
            await RefreshTerritoryMonthAsync(db, territoryId, month, ct);
        }
        foreach (var month in all.Select(s => s.Month).Distinct())
        {
            var inMonth = all.Where(s => s.Month == month).ToList();
            await RefreshCentresAsync(db, inMonth.SelectMany(s => s.CentreIds).Distinct().ToList(), month, ct);
            await RefreshPartnersAsync(db, inMonth.SelectMany(s => s.PartnerIds).Distinct().ToList(), month, ct);
            await RefreshWorkstreamsAsync(db, inMonth.SelectMany(s => s.WorkstreamIds).Distinct().ToList(), month, ct);
        }
        await db.SaveChangesAsync(ct);
    }

    private static IQueryable<Activity> Live(AppDbContext db, DateOnly month) =>
        db.Activities.Where(a => a.DeletedAt == null && a.Month == month);

    private static async Task RefreshTerritoryMonthAsync(AppDbContext db, int territoryId, DateOnly month, CancellationToken ct)
    {
        await db.ActivityMonthStats.Where(s => s.TerritoryId == territoryId && s.Month == month).ExecuteDeleteAsync(ct);
        var rows = await Live(db, month).Where(a => a.TerritoryId == territoryId)
            .GroupBy(a => a.Type)
            .Select(g => new ActivityMonthStat
            {
                TerritoryId = territoryId,
                Month = month,
                Type = g.Key,
                Activities = g.Count(),
                Minutes = g.Sum(a => a.DurationMinutes),
                Inhabitants = g.Sum(a => a.InhabitantCount),
                Professionals = g.Sum(a => a.ProfessionalCount),
                Volunteers = g.Sum(a => a.VolunteerCount),
                Partners = g.Sum(a => a.PartnerCount),
                EveningMinutes = g.Sum(a => a.IsEvening ? a.DurationMinutes : 0),
                WeekendMinutes = g.Sum(a => a.IsWeekend ? a.DurationMinutes : 0),
            })
            .ToListAsync(ct);
        db.ActivityMonthStats.AddRange(rows);
    }

    private static async Task RefreshCentresAsync(AppDbContext db, List<int> centreIds, DateOnly month, CancellationToken ct)
    {
        if (centreIds.Count == 0)
        {
            return;
        }
        await db.CentreMonthStats.Where(s => centreIds.Contains(s.CentreId) && s.Month == month).ExecuteDeleteAsync(ct);
        var rows = await db.ActivityCentres
            .Where(ac => centreIds.Contains(ac.CentreId) && ac.Activity!.DeletedAt == null && ac.Activity.Month == month)
            .GroupBy(ac => new { ac.CentreId, ac.Centre!.TerritoryId })
            .Select(g => new CentreMonthStat
            {
                CentreId = g.Key.CentreId,
                TerritoryId = g.Key.TerritoryId,
                Month = month,
                Activities = g.Count(),
                Minutes = g.Sum(ac => ac.Activity!.DurationMinutes),
                LastDate = g.Max(ac => ac.Activity!.Date),
                LastVisitDate = g.Where(ac => ac.Activity!.Format == ActivityFormat.Visit || ac.Activity.Type == ActivityType.CentreSupport)
                    .Max(ac => (DateOnly?)ac.Activity!.Date),
            })
            .ToListAsync(ct);
        db.CentreMonthStats.AddRange(rows);
    }

    private static async Task RefreshPartnersAsync(AppDbContext db, List<int> partnerIds, DateOnly month, CancellationToken ct)
    {
        if (partnerIds.Count == 0)
        {
            return;
        }
        await db.PartnerMonthStats.Where(s => partnerIds.Contains(s.PartnerId) && s.Month == month).ExecuteDeleteAsync(ct);
        var rows = await db.ActivityPartners
            .Where(ap => partnerIds.Contains(ap.PartnerId) && ap.Activity!.DeletedAt == null && ap.Activity.Month == month)
            .GroupBy(ap => new { ap.PartnerId, ap.Activity!.TerritoryId })
            .Select(g => new PartnerMonthStat { PartnerId = g.Key.PartnerId, TerritoryId = g.Key.TerritoryId, Month = month, Activities = g.Count() })
            .ToListAsync(ct);
        db.PartnerMonthStats.AddRange(rows);
    }

    private static async Task RefreshWorkstreamsAsync(AppDbContext db, List<int> workstreamIds, DateOnly month, CancellationToken ct)
    {
        if (workstreamIds.Count == 0)
        {
            return;
        }
        await db.WorkstreamMonthStats.Where(s => workstreamIds.Contains(s.WorkstreamId) && s.Month == month).ExecuteDeleteAsync(ct);
        var rows = await db.ActivityWorkstreams
            .Where(aw => workstreamIds.Contains(aw.WorkstreamId) && aw.Activity!.DeletedAt == null && aw.Activity.Month == month)
            .GroupBy(aw => new { aw.WorkstreamId, aw.Activity!.TerritoryId })
            .Select(g => new WorkstreamMonthStat
            {
                WorkstreamId = g.Key.WorkstreamId,
                TerritoryId = g.Key.TerritoryId,
                Month = month,
                Activities = g.Count(),
                Minutes = g.Sum(aw => aw.Activity!.DurationMinutes),
                Inhabitants = g.Sum(aw => aw.Activity!.InhabitantCount),
            })
            .ToListAsync(ct);
        db.WorkstreamMonthStats.AddRange(rows);
    }

    /// <summary>Recomputes every aggregate from the activities, in plain SQL (one statement per table).</summary>
    public static async Task RebuildAllAsync(AppDbContext db, CancellationToken ct = default)
    {
        foreach (var sql in RebuildStatements)
        {
            await db.Database.ExecuteSqlRawAsync(sql, ct);
        }
    }

    /// <summary>Also run by the migration that created the tables, to fill them on existing databases.</summary>
    public static readonly string[] RebuildStatements =
    [
        """DELETE FROM "ActivityMonthStats" """,
        """
        INSERT INTO "ActivityMonthStats" ("TerritoryId", "Month", "Type", "Activities", "Minutes", "Inhabitants", "Professionals", "Volunteers", "Partners", "EveningMinutes", "WeekendMinutes")
        SELECT "TerritoryId", "Month", "Type", COUNT(*), SUM("DurationMinutes"), SUM("InhabitantCount"), SUM("ProfessionalCount"), SUM("VolunteerCount"), SUM("PartnerCount"),
               SUM(CASE WHEN "IsEvening" THEN "DurationMinutes" ELSE 0 END), SUM(CASE WHEN "IsWeekend" THEN "DurationMinutes" ELSE 0 END)
        FROM "Activities" WHERE "DeletedAt" IS NULL
        GROUP BY "TerritoryId", "Month", "Type"
        """,
        """DELETE FROM "CentreMonthStats" """,
        """
        INSERT INTO "CentreMonthStats" ("CentreId", "TerritoryId", "Month", "Activities", "Minutes", "LastDate", "LastVisitDate")
        SELECT ac."CentreId", c."TerritoryId", a."Month", COUNT(*), SUM(a."DurationMinutes"), MAX(a."Date"),
               MAX(CASE WHEN a."Format" = 'Visit' OR a."Type" = 'CentreSupport' THEN a."Date" END)
        FROM "ActivityCentres" ac
        JOIN "Activities" a ON a."Id" = ac."ActivityId"
        JOIN "SocialCentres" c ON c."Id" = ac."CentreId"
        WHERE a."DeletedAt" IS NULL
        GROUP BY ac."CentreId", c."TerritoryId", a."Month"
        """,
        """DELETE FROM "PartnerMonthStats" """,
        """
        INSERT INTO "PartnerMonthStats" ("PartnerId", "TerritoryId", "Month", "Activities")
        SELECT ap."PartnerId", a."TerritoryId", a."Month", COUNT(*)
        FROM "ActivityPartners" ap JOIN "Activities" a ON a."Id" = ap."ActivityId"
        WHERE a."DeletedAt" IS NULL
        GROUP BY ap."PartnerId", a."TerritoryId", a."Month"
        """,
        """DELETE FROM "WorkstreamMonthStats" """,
        """
        INSERT INTO "WorkstreamMonthStats" ("WorkstreamId", "TerritoryId", "Month", "Activities", "Minutes", "Inhabitants")
        SELECT aw."WorkstreamId", a."TerritoryId", a."Month", COUNT(*), SUM(a."DurationMinutes"), SUM(a."InhabitantCount")
        FROM "ActivityWorkstreams" aw JOIN "Activities" a ON a."Id" = aw."ActivityId"
        WHERE a."DeletedAt" IS NULL
        GROUP BY aw."WorkstreamId", a."TerritoryId", a."Month"
        """,
    ];
}
