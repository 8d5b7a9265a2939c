using System.Runtime.CompilerServices;
using CscDashboard.Core.Data;
using CscDashboard.Core.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CscDashboard.Core.Dashboards;

/// <summary>
/// The dashboards' reads that are not sums over a period (those are <see cref="PeriodFigures"/>): reference
/// rows, the network as it stands on a day, the centres' last dates. Compiled once per model, as
/// <see cref="PeriodFigures"/>'s are (docs/bench.md). A null territory means "every territory".
/// </summary>
internal sealed class DashboardQueries
{
    public sealed record TerritoryHeader(int Id, string Code, string Name, string Sector);

    public sealed record TerritoryRow(int Id, string Code, string Name, int SectorNumber, string SectorName);

    public sealed record CountOf(int Id, int Count);

    public sealed record IdName(int Id, string Name);

    public sealed record WorkstreamRow(int Id, int Number, string ShortName);

    public sealed record CentreRow(int Id, int TerritoryId, string Name, string Commune);

    public sealed record CentreLast(int CentreId, bool Before, DateOnly LastActivity, DateOnly? LastVisit);

    private static readonly ConditionalWeakTable<IModel, DashboardQueries> ByModel = new();

    public static DashboardQueries Of(AppDbContext db) => ByModel.GetValue(db.Model, _ => new DashboardQueries());

    public readonly Func<AppDbContext, string, CancellationToken, Task<TerritoryHeader?>> TerritoryByCode =
        EF.CompileAsyncQuery((AppDbContext db, string code, CancellationToken ct) =>
            db.Territories.AsNoTracking().Where(t => t.Code == code)
                .Select(t => new TerritoryHeader(t.Id, t.Code, t.Name, t.Sector!.Name)).SingleOrDefault());

    public readonly Func<AppDbContext, int?, IAsyncEnumerable<TerritoryRow>> TerritoryRows =
        EF.CompileAsyncQuery((AppDbContext db, int? territoryId) =>
            db.Territories.AsNoTracking().Where(t => territoryId == null || t.Id == territoryId).OrderBy(t => t.Number)
                .Select(t => new TerritoryRow(t.Id, t.Code, t.Name, t.Sector!.Number, t.Sector.Name)));

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

    public readonly Func<AppDbContext, IAsyncEnumerable<WorkstreamRow>> WorkstreamRows =
        EF.CompileAsyncQuery((AppDbContext db) =>
            db.Workstreams.AsNoTracking().OrderBy(w => w.Number).Select(w => new WorkstreamRow(w.Id, w.Number, w.ShortName)));

    /// <summary>The centres (not archived) of a territory, or of every territory, by name.</summary>
    public readonly Func<AppDbContext, int?, IAsyncEnumerable<CentreRow>> Centres =
        EF.CompileAsyncQuery((AppDbContext db, int? territoryId) =>
            db.Centres.AsNoTracking().Where(c => (territoryId == null || c.TerritoryId == territoryId) && c.ArchivedAt == null)
                .OrderBy(c => c.Name).Select(c => new CentreRow(c.Id, c.TerritoryId, c.Name, c.Commune)));

    /// <summary>Per centre of the territory: last activity and last visit of the months before the reference's month, and of that month.</summary>
    public readonly Func<AppDbContext, int?, DateOnly, IAsyncEnumerable<CentreLast>> CentreLastDates =
        EF.CompileAsyncQuery((AppDbContext db, int? territoryId, DateOnly month) =>
            db.CentreMonthStats.AsNoTracking()
                .Where(s => (territoryId == null || s.TerritoryId == territoryId) && s.Month <= month)
                .GroupBy(s => new { s.CentreId, Before = s.Month < month })
                .Select(g => new CentreLast(g.Key.CentreId, g.Key.Before, g.Max(s => s.LastDate), g.Max(s => s.LastVisitDate))));

    /// <summary>Centres of the territory with a CTN or a mediator active on the reference day.</summary>
    public readonly Func<AppDbContext, int?, DateOnly, IAsyncEnumerable<int>> StaffedCentres =
        EF.CompileAsyncQuery((AppDbContext db, int? territoryId, DateOnly reference) =>
            db.Members.AsNoTracking()
                .Where(m => (territoryId == null || m.TerritoryId == territoryId) && m.CentreId != null && m.ArchivedAt == null
                            && (m.Role == MemberRole.Ctn || m.Role == MemberRole.Mediator)
                            && m.ActiveFrom <= reference && (m.ActiveTo == null || m.ActiveTo >= reference))
                .Select(m => m.CentreId!.Value).Distinct());

    public readonly Func<AppDbContext, int[], IAsyncEnumerable<IdName>> PartnerNames =
        EF.CompileAsyncQuery((AppDbContext db, int[] ids) =>
            db.Partners.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new IdName(p.Id, p.Name)));
}
