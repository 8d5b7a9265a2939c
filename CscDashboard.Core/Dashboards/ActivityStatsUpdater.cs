using CscDashboard.Core.Activities;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Dashboards;

/// <summary>What an activity write touched: its territory-month and the centres, partners, workstreams and audience groups it was linked to.</summary>
public sealed record StatScope(int TerritoryId, DateOnly Month, IReadOnlyCollection<int> CentreIds, IReadOnlyCollection<int> PartnerIds, IReadOnlyCollection<int> WorkstreamIds)
{
    public IReadOnlyCollection<int> AudienceGroupIds { get; init; } = [];

    public static StatScope Of(Activity activity) => new(
        activity.TerritoryId,
        new DateOnly(activity.Date.Year, activity.Date.Month, 1),
        activity.Centres.Select(c => c.CentreId).ToList(),
        activity.Partners.Select(p => p.PartnerId).ToList(),
        activity.Workstreams.Select(w => w.WorkstreamId).ToList())
    {
        AudienceGroupIds = activity.Audience.Select(a => a.AudienceGroupId).ToList(),
    };
}

/// <summary>
/// Keeps the monthly aggregates right. After an activity write, the buckets it touched (before and
/// after the change) are recomputed from the activities themselves — a few hundred rows at most —
/// inside the caller's transaction. <see cref="RebuildAllAsync"/> recomputes everything after a bulk
/// load (the demo and national seeds). Both compute a bucket with <see cref="PeriodFigures.FromActivities"/>
/// grouped by the table's key: the aggregates hold, by construction, what the edge days of a period add.
/// </summary>
public static class ActivityStatsUpdater
{
    /// <summary>Each table's key and measures (its dates are not used: the activities are filtered by month).</summary>
    private static readonly FigureQuery TypeMonths = Bucket(FigureGroup.Territory | FigureGroup.Month | FigureGroup.Type, FigureGroup.None);
    private static readonly FigureQuery CentreMonths = Bucket(FigureGroup.Centre | FigureGroup.Territory | FigureGroup.Month, FigureGroup.Centre);
    private static readonly FigureQuery PartnerMonths = Bucket(FigureGroup.Partner | FigureGroup.Territory | FigureGroup.Month, FigureGroup.Partner);
    private static readonly FigureQuery WorkstreamMonths = Bucket(FigureGroup.Workstream | FigureGroup.Territory | FigureGroup.Month, FigureGroup.Workstream);
    private static readonly FigureQuery AudienceMonths = Bucket(FigureGroup.Audience | FigureGroup.Territory | FigureGroup.Month, FigureGroup.Audience);

    private static FigureQuery Bucket(FigureGroup key, FigureGroup link) => new(DateOnly.MinValue, DateOnly.MaxValue, key, FigureQuery.Kept(link));

    public static async Task RefreshAsync(AppDbContext db, IEnumerable<StatScope> scopes, CancellationToken ct = default)
    {
        var all = scopes.ToList();
        foreach (var (territoryId, month) in all.Select(s => (s.TerritoryId, s.Month)).Distinct())
        {
            await db.ActivityMonthStats.Where(s => s.TerritoryId == territoryId && s.Month == month).ExecuteDeleteAsync(ct);
            db.ActivityMonthStats.AddRange((await RowsAsync(db, month, TypeMonths with { TerritoryId = territoryId }, ct)).Select(r => new ActivityMonthStat
            {
                TerritoryId = r.TerritoryId, Month = r.Month, Type = r.Type, Activities = r.Activities, Minutes = r.Minutes, Inhabitants = r.Inhabitants,
                Professionals = r.Professionals, Volunteers = r.Volunteers, Partners = r.PartnerCount, EveningMinutes = r.EveningMinutes, WeekendMinutes = r.WeekendMinutes,
                AgesDescribed = r.AgesDescribed, PublicsDescribed = r.PublicsDescribed,
            }));
        }
        foreach (var month in all.Select(s => s.Month).Distinct())
        {
            var inMonth = all.Where(s => s.Month == month).ToList();
            if (inMonth.SelectMany(s => s.CentreIds).Distinct().ToList() is { Count: > 0 } centreIds)
            {
                await db.CentreMonthStats.Where(s => centreIds.Contains(s.CentreId) && s.Month == month).ExecuteDeleteAsync(ct);
                db.CentreMonthStats.AddRange((await RowsAsync(db, month, CentreMonths with { Only = centreIds }, ct)).Select(r => new CentreMonthStat
                {
                    CentreId = r.CentreId, TerritoryId = r.TerritoryId, Month = r.Month, Activities = r.Activities, Minutes = r.Minutes,
                    LastDate = r.LastDate!.Value, LastVisitDate = r.LastVisitDate,
                }));
            }
            if (inMonth.SelectMany(s => s.PartnerIds).Distinct().ToList() is { Count: > 0 } partnerIds)
            {
                await db.PartnerMonthStats.Where(s => partnerIds.Contains(s.PartnerId) && s.Month == month).ExecuteDeleteAsync(ct);
                db.PartnerMonthStats.AddRange((await RowsAsync(db, month, PartnerMonths with { Only = partnerIds }, ct)).Select(r => new PartnerMonthStat
                {
                    PartnerId = r.PartnerId, TerritoryId = r.TerritoryId, Month = r.Month, Activities = r.Activities,
                }));
            }
            if (inMonth.SelectMany(s => s.WorkstreamIds).Distinct().ToList() is { Count: > 0 } workstreamIds)
            {
                await db.WorkstreamMonthStats.Where(s => workstreamIds.Contains(s.WorkstreamId) && s.Month == month).ExecuteDeleteAsync(ct);
                db.WorkstreamMonthStats.AddRange((await RowsAsync(db, month, WorkstreamMonths with { Only = workstreamIds }, ct)).Select(r => new WorkstreamMonthStat
                {
                    WorkstreamId = r.WorkstreamId, TerritoryId = r.TerritoryId, Month = r.Month, Activities = r.Activities, Minutes = r.Minutes, Inhabitants = r.Inhabitants,
                }));
            }
            if (inMonth.SelectMany(s => s.AudienceGroupIds).Distinct().ToList() is { Count: > 0 } groupIds)
            {
                // Keyed per territory of the activity, as partners and workstreams: every territory of the month is recomputed for these groups.
                await db.AudienceMonthStats.Where(s => groupIds.Contains(s.AudienceGroupId) && s.Month == month).ExecuteDeleteAsync(ct);
                db.AudienceMonthStats.AddRange((await RowsAsync(db, month, AudienceMonths with { Only = groupIds }, ct)).Select(r => new AudienceMonthStat
                {
                    AudienceGroupId = r.AudienceGroupId, TerritoryId = r.TerritoryId, Month = r.Month, Activities = r.Activities, Inhabitants = r.Inhabitants,
                }));
            }
        }
        await db.SaveChangesAsync(ct);
    }

    private static Task<List<FigureRow>> RowsAsync(AppDbContext db, DateOnly month, FigureQuery bucket, CancellationToken ct) =>
        PeriodFigures.FromActivities(db, db.Activities.Where(a => a.DeletedAt == null && a.Month == month), bucket).ToListAsync(ct);

    /// <summary>
    /// Recomputes every aggregate from the activities: per table, a DELETE and one INSERT … SELECT whose SELECT is
    /// the SQL EF writes for the bucket query over every live activity (one statement, no row through memory).
    /// </summary>
    public static async Task RebuildAllAsync(AppDbContext db, CancellationToken ct = default)
    {
        var live = db.Activities.Where(a => a.DeletedAt == null);
        foreach (var (entity, bucket) in new (Type, FigureQuery)[]
        {
            (typeof(ActivityMonthStat), TypeMonths), (typeof(CentreMonthStat), CentreMonths),
            (typeof(PartnerMonthStat), PartnerMonths), (typeof(WorkstreamMonthStat), WorkstreamMonths), (typeof(AudienceMonthStat), AudienceMonths),
        })
        {
            var type = db.Model.FindEntityType(entity)!;
            var table = Quote(type.GetTableName()!);
            // Each column from the row member of the same name (ActivityMonthStat.Partners: the partners counted on the activities).
            var columns = type.GetProperties().Select(p => (Column: Quote(p.GetColumnName()), Row: Quote(p.Name == nameof(ActivityMonthStat.Partners) ? nameof(FigureRow.PartnerCount) : p.Name))).ToList();
            var select = PeriodFigures.FromActivities(db, live, bucket).ToQueryString();
            // Names from the model and SQL written by EF: nothing typed by a user reaches these statements.
            var delete = $"DELETE FROM {table}";
            var insert = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Column))}) SELECT {string.Join(", ", columns.Select(c => c.Row))} FROM ({select}) AS \"q\"";
            await db.Database.ExecuteSqlRawAsync(delete, ct);
            await db.Database.ExecuteSqlRawAsync(insert, ct);
        }
    }

    private static string Quote(string name) => $"\"{name}\"";
}
