using CscDashboard.Core.Data;
using CscDashboard.Core.Network;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Dashboards;

/// <summary>
/// The dashboards' queries over the monthly aggregates and the reference tables, compiled once. A
/// dashboard runs about twenty small queries; compiled, each costs EF about 60 µs instead of 200 µs
/// of expression-tree caching and parameter extraction (docs/bench.md). A null territory means
/// "every territory": EF builds the SQL knowing which parameters are null, so the territory filter
/// disappears for the federation and becomes a plain equality (using the covering indexes) otherwise.
/// The edge days of custom periods stay ordinary LINQ: they are rare and read the activities anyway.
/// A compiled query belongs to the model it first ran with: one set per model (SQLite, PostgreSQL), for
/// processes that use both (the tests, a copy between the two).
/// </summary>
public sealed partial class DashboardService
{
    private sealed record TerritoryHeader(int Id, string Code, string Name, string Sector);

    private sealed record TerritoryRow(int Id, string Code, string Name, int SectorNumber, string SectorName);

    private sealed record CountOf(int Id, int Count);

    private sealed record IdName(int Id, string Name);

    private sealed record WorkstreamRow(int Id, int Number, string ShortName);

    private sealed record Sums(int Id, int Activities, int Minutes, int Inhabitants);

    private sealed record MonthSums(DateOnly Month, int Activities, int Minutes);

    private sealed record CentreRow(int Id, string Name, string Commune);

    private sealed record CentreLast(int CentreId, bool Before, DateOnly LastActivity, DateOnly? LastVisit);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, CompiledQueries> CompiledByModel = new();

    private static CompiledQueries Compiled(AppDbContext db) => CompiledByModel.GetValue(db.Model, _ => new CompiledQueries());

    private sealed class CompiledQueries
    {
        public readonly Func<AppDbContext, string, CancellationToken, Task<TerritoryHeader?>> TerritoryByCode =
            EF.CompileAsyncQuery((AppDbContext db, string code, CancellationToken ct) =>
                db.Territories.AsNoTracking().Where(t => t.Code == code)
                    .Select(t => new TerritoryHeader(t.Id, t.Code, t.Name, t.Sector!.Name)).SingleOrDefault());

        public readonly Func<AppDbContext, int?, IAsyncEnumerable<TerritoryRow>> TerritoryRows =
            EF.CompileAsyncQuery((AppDbContext db, int? territoryId) =>
                db.Territories.AsNoTracking().Where(t => territoryId == null || t.Id == territoryId).OrderBy(t => t.Number)
                    .Select(t => new TerritoryRow(t.Id, t.Code, t.Name, t.Sector!.Number, t.Sector.Name)));

        public readonly Func<AppDbContext, DateOnly, DateOnly, int?, IAsyncEnumerable<TypeSums>> MonthTypeSums =
            EF.CompileAsyncQuery((AppDbContext db, DateOnly first, DateOnly last, int? territoryId) =>
                db.ActivityMonthStats.AsNoTracking()
                    .Where(s => s.Month >= first && s.Month <= last && (territoryId == null || s.TerritoryId == territoryId))
                    .GroupBy(s => new { s.TerritoryId, s.Type })
                    .Select(g => new TypeSums(g.Key.TerritoryId, g.Key.Type, g.Sum(s => s.Activities), g.Sum(s => s.Minutes), g.Sum(s => s.Inhabitants),
                        g.Sum(s => s.Professionals), g.Sum(s => s.Volunteers), g.Sum(s => s.EveningMinutes), g.Sum(s => s.WeekendMinutes))));

        public readonly Func<AppDbContext, DateOnly, DateOnly, int?, IAsyncEnumerable<Pair>> MonthCentresActive =
            EF.CompileAsyncQuery((AppDbContext db, DateOnly first, DateOnly last, int? territoryId) =>
                db.CentreMonthStats.AsNoTracking()
                    .Where(s => s.Month >= first && s.Month <= last && (territoryId == null || s.TerritoryId == territoryId))
                    .Select(s => new Pair(s.CentreId, s.TerritoryId)).Distinct());

        public readonly Func<AppDbContext, DateOnly, DateOnly, int?, IAsyncEnumerable<Pair>> MonthPartnersMet =
            EF.CompileAsyncQuery((AppDbContext db, DateOnly first, DateOnly last, int? territoryId) =>
                db.PartnerMonthStats.AsNoTracking()
                    .Where(s => s.Month >= first && s.Month <= last && (territoryId == null || s.TerritoryId == territoryId))
                    .Select(s => new Pair(s.PartnerId, s.TerritoryId)).Distinct());

        /// <summary>Centres engaged on the period's last day, per territory.</summary>
        public readonly Func<AppDbContext, DateOnly, int?, IAsyncEnumerable<CountOf>> EngagedCentres =
            EF.CompileAsyncQuery((AppDbContext db, DateOnly to, int? territoryId) =>
                db.Centres.AsNoTracking()
                    .Where(c => c.ArchivedAt == null && c.EngagedOn != null && c.EngagedOn <= to && (c.WithdrawnOn == null || c.WithdrawnOn > to)
                                && (territoryId == null || c.TerritoryId == territoryId))
                    .GroupBy(c => c.TerritoryId).Select(g => new CountOf(g.Key, g.Count())));

        /// <summary>Network members active at some point of the period, per territory.</summary>
        public readonly Func<AppDbContext, DateOnly, DateOnly, int?, IAsyncEnumerable<CountOf>> ActiveMembers =
            EF.CompileAsyncQuery((AppDbContext db, DateOnly from, DateOnly to, int? territoryId) =>
                db.Members.AsNoTracking()
                    .Where(m => m.ArchivedAt == null && m.ActiveFrom <= to && (m.ActiveTo == null || m.ActiveTo >= from)
                                && (territoryId == null || m.TerritoryId == territoryId))
                    .GroupBy(m => m.TerritoryId).Select(g => new CountOf(g.Key, g.Count())));

        public readonly Func<AppDbContext, DateOnly, DateOnly, int?, IAsyncEnumerable<Sums>> MonthWorkstreamSums =
            EF.CompileAsyncQuery((AppDbContext db, DateOnly first, DateOnly last, int? territoryId) =>
                db.WorkstreamMonthStats.AsNoTracking()
                    .Where(s => s.Month >= first && s.Month <= last && (territoryId == null || s.TerritoryId == territoryId))
                    .GroupBy(s => s.WorkstreamId)
                    .Select(g => new Sums(g.Key, g.Sum(s => s.Activities), g.Sum(s => s.Minutes), g.Sum(s => s.Inhabitants))));

        public readonly Func<AppDbContext, IAsyncEnumerable<WorkstreamRow>> WorkstreamRows =
            EF.CompileAsyncQuery((AppDbContext db) =>
                db.Workstreams.AsNoTracking().OrderBy(w => w.Number).Select(w => new WorkstreamRow(w.Id, w.Number, w.ShortName)));

        public readonly Func<AppDbContext, DateOnly, DateOnly, int?, IAsyncEnumerable<MonthSums>> MonthTrend =
            EF.CompileAsyncQuery((AppDbContext db, DateOnly first, DateOnly last, int? territoryId) =>
                db.ActivityMonthStats.AsNoTracking()
                    .Where(s => s.Month >= first && s.Month <= last && (territoryId == null || s.TerritoryId == territoryId))
                    .GroupBy(s => s.Month)
                    .Select(g => new MonthSums(g.Key, g.Sum(s => s.Activities), g.Sum(s => s.Minutes))));

        public readonly Func<AppDbContext, int, IAsyncEnumerable<CentreRow>> TerritoryCentres =
            EF.CompileAsyncQuery((AppDbContext db, int territoryId) =>
                db.Centres.AsNoTracking().Where(c => c.TerritoryId == territoryId && c.ArchivedAt == null)
                    .OrderBy(c => c.Name).Select(c => new CentreRow(c.Id, c.Name, c.Commune)));

        public readonly Func<AppDbContext, int, DateOnly, DateOnly, IAsyncEnumerable<Sums>> MonthCentreSums =
            EF.CompileAsyncQuery((AppDbContext db, int territoryId, DateOnly first, DateOnly last) =>
                db.CentreMonthStats.AsNoTracking()
                    .Where(s => s.TerritoryId == territoryId && s.Month >= first && s.Month <= last)
                    .GroupBy(s => s.CentreId).Select(g => new Sums(g.Key, g.Sum(s => s.Activities), g.Sum(s => s.Minutes), 0)));

        /// <summary>Per centre: last activity and last visit of the months before the reference's month, and of that month.</summary>
        public readonly Func<AppDbContext, int[], DateOnly, IAsyncEnumerable<CentreLast>> CentreLastDates =
            EF.CompileAsyncQuery((AppDbContext db, int[] centreIds, DateOnly month) =>
                db.CentreMonthStats.AsNoTracking()
                    .Where(s => centreIds.Contains(s.CentreId) && s.Month <= month)
                    .GroupBy(s => new { s.CentreId, Before = s.Month < month })
                    .Select(g => new CentreLast(g.Key.CentreId, g.Key.Before, g.Max(s => s.LastDate), g.Max(s => s.LastVisitDate))));

        /// <summary>Centres of the territory with a CTN or a mediator active on the reference day.</summary>
        public readonly Func<AppDbContext, int, DateOnly, IAsyncEnumerable<int>> StaffedCentres =
            EF.CompileAsyncQuery((AppDbContext db, int territoryId, DateOnly reference) =>
                db.Members.AsNoTracking()
                    .Where(m => m.TerritoryId == territoryId && m.CentreId != null && m.ArchivedAt == null
                                && (m.Role == MemberRole.Ctn || m.Role == MemberRole.Mediator)
                                && m.ActiveFrom <= reference && (m.ActiveTo == null || m.ActiveTo >= reference))
                    .Select(m => m.CentreId!.Value).Distinct());

        public readonly Func<AppDbContext, int, DateOnly, DateOnly, IAsyncEnumerable<CountOf>> MonthPartnerCounts =
            EF.CompileAsyncQuery((AppDbContext db, int territoryId, DateOnly first, DateOnly last) =>
                db.PartnerMonthStats.AsNoTracking()
                    .Where(s => s.TerritoryId == territoryId && s.Month >= first && s.Month <= last)
                    .GroupBy(s => s.PartnerId).Select(g => new CountOf(g.Key, g.Sum(s => s.Activities))));

        public readonly Func<AppDbContext, int[], IAsyncEnumerable<IdName>> PartnerNames =
            EF.CompileAsyncQuery((AppDbContext db, int[] ids) =>
                db.Partners.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new IdName(p.Id, p.Name)));
    }
}
