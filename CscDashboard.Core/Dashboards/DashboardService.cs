using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Network;
using CscDashboard.Core.Operations;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Dashboards;

/// <summary>
/// The overview and territory dashboards. Every figure is a SQL GROUP BY: whole months are read from
/// the monthly aggregates, the days of a custom period that do not fill a month from the activities
/// (<see cref="PeriodSlices"/>). Only small grouped rows come back to memory.
/// </summary>
public sealed partial class DashboardService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock)
{
    public const int DormantDays = 60;
    public const int TrendMonths = 12;

    public async Task<IReadOnlyList<OperationPeriod>> OperationsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Operations.AsNoTracking().OrderBy(o => o.StartDate)
            .Select(o => new OperationPeriod(o.Id, o.Code, o.StartDate, o.EndDate)).ToListAsync(ct);
    }

    /// <summary>The federation overview; every signed-in role (the committee included: it holds no names).</summary>
    public async Task<Overview> GetOverviewAsync(Period period, CancellationToken ct = default)
    {
        if (!users.Current.IsAuthenticated)
        {
            throw new ScopeViolationException("Veuillez vous connecter.");
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        // One connection for the dozen or two queries of a dashboard, not a pooled open and close around each.
        await db.Database.OpenConnectionAsync(ct);
        return (await BuildOverviewAsync(db, period, territoryId: null, ct)).Overview;
    }

    public async Task<TerritoryDashboard> GetTerritoryAsync(string code, Period period, CancellationToken ct = default)
    {
        if (!users.Current.CanReadActivities)
        {
            throw new ScopeViolationException("Le tableau de bord d'un territoire n'est pas accessible avec votre rôle.");
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        // One connection for the dozen or two queries of a dashboard, not a pooled open and close around each.
        await db.Database.OpenConnectionAsync(ct);
        var territory = await Compiled(db).TerritoryByCode(db, code, ct)
            ?? throw new NotFoundException($"Le territoire « {code} » n'existe pas.");
        var (overview, sums) = await BuildOverviewAsync(db, period, territory.Id, ct);
        var today = Today();
        var reference = period.To < today ? period.To : today;
        var centres = await CentreFiguresAsync(db, territory.Id, PeriodSlices.Of(period), reference, ct);
        var minutes = sums.Sum(s => (double)s.Minutes);
        return new TerritoryDashboard(
            territory.Id, territory.Code, territory.Name, territory.Sector, overview, centres,
            CentresWithDigitalStaff: centres.Count(c => c.HasDigitalStaff),
            CentresWithoutDigitalStaff: centres.Count(c => !c.HasDigitalStaff),
            EveningShare: minutes == 0 ? 0 : sums.Sum(s => s.EveningMinutes) / minutes,
            WeekendShare: minutes == 0 ? 0 : sums.Sum(s => s.WeekendMinutes) / minutes,
            TopPartners: await TopPartnersAsync(db, territory.Id, PeriodSlices.Of(period), ct),
            DormantReference: reference);
    }

    /// <summary>The overview, and the period's type sums behind it (the territory dashboard's evening and weekend shares reuse them).</summary>
    private async Task<(Overview Overview, List<TypeSums> Sums)> BuildOverviewAsync(AppDbContext db, Period period, int? territoryId, CancellationToken ct)
    {
        var today = Today();
        var previousPeriod = period.ComparedPeriod(today);
        var current = await AreaFiguresAsync(db, period, territoryId, ct);
        var previous = await AreaFiguresAsync(db, previousPeriod, territoryId, ct);
        var territories = await Compiled(db).TerritoryRows(db, territoryId).ToListAsync(ct);

        var territoryRows = territories
            .Select(t => new TerritoryFigures(t.Id, t.Code, t.Name, t.SectorNumber, current.ByTerritory.GetValueOrDefault(t.Id, Empty)))
            .ToList();
        var sectors = territories.GroupBy(t => (t.SectorNumber, t.SectorName))
            .Select(g => new SectorFigures(g.Key.SectorNumber, g.Key.SectorName, Add(g.Select(t => current.ByTerritory.GetValueOrDefault(t.Id, Empty)))))
            .OrderBy(s => s.Number).ToList();
        var total = Add(current.ByTerritory.Values);
        var before = Add(previous.ByTerritory.Values);
        var kpis = new KpiSet(
            new(total.Activities, before.Activities),
            new(total.Hours, before.Hours),
            new(total.Inhabitants, before.Inhabitants),
            new(total.ProfessionalsAndVolunteers, before.ProfessionalsAndVolunteers),
            new(total.CentresEngaged, before.CentresEngaged),
            new(total.CentresActive, before.CentresActive),
            new(total.MembersActive, before.MembersActive),
            new(total.PartnersMet, before.PartnersMet));

        return (new Overview(period, previousPeriod, kpis, territoryRows, sectors, current.Types,
            await WorkstreamFiguresAsync(db, PeriodSlices.Of(period), territoryId, ct),
            await TrendAsync(db, TrendEnd(period, today), today, territoryId, ct), period.IsUnderWay(today)), current.Sums);
    }

    private DateOnly Today() => clock.Today();

    /// <summary>The trend's last month: the period's, or today's when the period runs on past today (months to come are not a collapse).</summary>
    public static DateOnly TrendEnd(Period period, DateOnly today) => period.IsUnderWay(today) ? today : period.To;

    private static readonly AreaFigures Empty = new(0, 0, 0, 0, 0, 0, 0, 0);

    private static AreaFigures Add(IEnumerable<AreaFigures> figures)
    {
        var list = figures.ToList();
        return new AreaFigures(list.Sum(f => f.Activities), Math.Round(list.Sum(f => f.Hours), 1), list.Sum(f => f.Inhabitants),
            list.Sum(f => f.ProfessionalsAndVolunteers), list.Sum(f => f.CentresEngaged), list.Sum(f => f.CentresActive),
            list.Sum(f => f.MembersActive), list.Sum(f => f.PartnersMet));
    }

    private sealed record Area(Dictionary<int, AreaFigures> ByTerritory, IReadOnlyList<TypeFigures> Types, List<TypeSums> Sums);

    private static async Task<Area> AreaFiguresAsync(AppDbContext db, Period period, int? territoryId, CancellationToken ct)
    {
        var slices = PeriodSlices.Of(period);
        var sums = await TypeSumsAsync(db, slices, territoryId, ct);
        var centresActive = await CentresActiveAsync(db, slices, territoryId, ct);
        var partnersMet = await PartnersMetAsync(db, slices, territoryId, ct);
        var engaged = await Compiled(db).EngagedCentres(db, period.To, territoryId).ToDictionaryAsync(c => c.Id, c => c.Count, cancellationToken: ct);
        var members = await Compiled(db).ActiveMembers(db, period.From, period.To, territoryId).ToDictionaryAsync(m => m.Id, m => m.Count, cancellationToken: ct);

        var ids = sums.Select(s => s.TerritoryId).Concat(centresActive.Select(c => c.TerritoryId)).Concat(partnersMet.Select(p => p.TerritoryId))
            .Concat(engaged.Keys).Concat(members.Keys).Distinct();
        // Grouped once: a hundred territories × thousands of centre and partner rows add up otherwise.
        var sumsOf = sums.ToLookup(s => s.TerritoryId);
        var centresOf = centresActive.CountBy(c => c.TerritoryId).ToDictionary();
        var partnersOf = partnersMet.CountBy(p => p.TerritoryId).ToDictionary();
        var byTerritory = ids.ToDictionary(id => id, id =>
        {
            var rows = sumsOf[id].ToList();
            return new AreaFigures(
                rows.Sum(r => r.Activities),
                Math.Round(rows.Sum(r => r.Minutes) / 60.0, 1),
                rows.Sum(r => r.Inhabitants),
                rows.Sum(r => r.Professionals + r.Volunteers),
                engaged.GetValueOrDefault(id),
                centresOf.GetValueOrDefault(id),
                members.GetValueOrDefault(id),
                partnersOf.GetValueOrDefault(id));
        });
        var types = sums.GroupBy(s => s.Type)
            .Select(g => new TypeFigures(g.Key, g.Sum(s => s.Activities), Math.Round(g.Sum(s => s.Minutes) / 60.0, 1)))
            .OrderByDescending(t => t.Activities).ToList();
        return new Area(byTerritory, types, sums);
    }

    internal sealed record TypeSums(int TerritoryId, ActivityType Type, int Activities, int Minutes, int Inhabitants, int Professionals, int Volunteers, int EveningMinutes, int WeekendMinutes);

    internal static async Task<List<TypeSums>> TypeSumsAsync(AppDbContext db, PeriodSlices slices, int? territoryId, CancellationToken ct)
    {
        var result = new List<TypeSums>();
        if (slices.HasMonths)
        {
            result.AddRange(await Compiled(db).MonthTypeSums(db, slices.FirstMonth, slices.LastMonth, territoryId).ToListAsync(ct));
        }
        if (slices.HasEdges)
        {
            var edges = slices.Edges(db.Activities.AsNoTracking().Where(a => a.DeletedAt == null));
            if (territoryId is { } t)
            {
                edges = edges.Where(a => a.TerritoryId == t);
            }
            result.AddRange(await edges.GroupBy(a => new { a.TerritoryId, a.Type })
                .Select(g => new TypeSums(g.Key.TerritoryId, g.Key.Type, g.Count(), g.Sum(a => a.DurationMinutes), g.Sum(a => a.InhabitantCount),
                    g.Sum(a => a.ProfessionalCount), g.Sum(a => a.VolunteerCount),
                    g.Sum(a => a.IsEvening ? a.DurationMinutes : 0), g.Sum(a => a.IsWeekend ? a.DurationMinutes : 0)))
                .ToListAsync(ct));
        }
        return result;
    }

    private sealed record Pair(int Id, int TerritoryId);

    private static async Task<HashSet<Pair>> CentresActiveAsync(AppDbContext db, PeriodSlices slices, int? territoryId, CancellationToken ct)
    {
        var set = new HashSet<Pair>();
        if (slices.HasMonths)
        {
            set.UnionWith(await Compiled(db).MonthCentresActive(db, slices.FirstMonth, slices.LastMonth, territoryId).ToListAsync(ct));
        }
        if (slices.HasEdges)
        {
            var links = db.ActivityCentres.AsNoTracking().Where(ac => ac.Activity!.DeletedAt == null);
            links = slices.EdgesOfLinks(links, ac => ac.Activity!.Date);
            if (territoryId is { } t)
            {
                links = links.Where(ac => ac.Centre!.TerritoryId == t);
            }
            set.UnionWith(await links.Select(ac => new Pair(ac.CentreId, ac.Centre!.TerritoryId)).Distinct().ToListAsync(ct));
        }
        return set;
    }

    private static async Task<HashSet<Pair>> PartnersMetAsync(AppDbContext db, PeriodSlices slices, int? territoryId, CancellationToken ct)
    {
        var set = new HashSet<Pair>();
        if (slices.HasMonths)
        {
            set.UnionWith(await Compiled(db).MonthPartnersMet(db, slices.FirstMonth, slices.LastMonth, territoryId).ToListAsync(ct));
        }
        if (slices.HasEdges)
        {
            var links = db.ActivityPartners.AsNoTracking().Where(ap => ap.Activity!.DeletedAt == null);
            links = slices.EdgesOfLinks(links, ap => ap.Activity!.Date);
            if (territoryId is { } t)
            {
                links = links.Where(ap => ap.Activity!.TerritoryId == t);
            }
            set.UnionWith(await links.Select(ap => new Pair(ap.PartnerId, ap.Activity!.TerritoryId)).Distinct().ToListAsync(ct));
        }
        return set;
    }
}
