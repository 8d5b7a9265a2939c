using CscDashboard.Core.Common;
using CscDashboard.Core.Data;

namespace CscDashboard.Core.Dashboards;

/// <summary>
/// What one period of an overview read: the figures per territory and per type, and the grouped rows
/// behind them, which the territory dashboard and the reports reuse (its evening and weekend shares,
/// its centres, its partners) instead of asking again.
/// </summary>
internal sealed record AreaRead(
    IReadOnlyDictionary<int, AreaFigures> ByTerritory,
    IReadOnlyList<TypeFigures> Types,
    IReadOnlyList<FigureRow> TypeRows,
    IReadOnlyList<FigureRow> Centres,
    IReadOnlyList<FigureRow> Partners);

/// <summary>
/// The overview of the federation (no territory) or of one territory over a period, on a context the
/// caller opened and after the caller checked the role: KPIs against the compared period (ADR 014),
/// territories, sectors, types, workstreams and the twelve-month trend, all from <see cref="PeriodFigures"/>.
/// </summary>
internal static class OverviewFigures
{
    public static async Task<(Overview Overview, AreaRead Current)> BuildAsync(AppDbContext db, Period period, int? territoryId, DateOnly today, CancellationToken ct)
    {
        var queries = DashboardQueries.Of(db);
        var previousPeriod = period.ComparedPeriod(today);
        var current = await AreaAsync(db, period, territoryId, ct);
        var previous = await AreaAsync(db, previousPeriod, territoryId, ct);
        var territories = await queries.TerritoryRows(db, territoryId).ToListAsync(ct);

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

        var overview = new Overview(period, previousPeriod, kpis, territoryRows, sectors, current.Types,
            await WorkstreamsAsync(db, period, territoryId, ct),
            await TrendAsync(db, DashboardService.TrendEnd(period, today), today, territoryId, ct),
            period.IsUnderWay(today),
            // Which months of the period are approved (ADR 027): the figures of the others may still move.
            await Closing.MonthValidation.ReadAsync(db, period.From, period.To, territoryId, today, ct));
        return (overview, current);
    }

    /// <summary>The period's reads, as the indicators section takes them (<see cref="Indicators.IndicatorFigures"/>).</summary>
    public static Indicators.IndicatorFigures.DashboardRead Shared(AreaRead current) => new(current.TypeRows, current.Centres.Count,
        current.Partners.Select(p => p.PartnerId).Distinct().Count(), current.ByTerritory.Values.Sum(f => f.CentresEngaged));

    private static readonly AreaFigures Empty = new(0, 0, 0, 0, 0, 0, 0, 0);

    private static AreaFigures Add(IEnumerable<AreaFigures> figures)
    {
        var list = figures.ToList();
        return new AreaFigures(list.Sum(f => f.Activities), Math.Round(list.Sum(f => f.Hours), 1), list.Sum(f => f.Inhabitants),
            list.Sum(f => f.ProfessionalsAndVolunteers), list.Sum(f => f.CentresEngaged), list.Sum(f => f.CentresActive),
            list.Sum(f => f.MembersActive), list.Sum(f => f.PartnersMet));
    }

    /// <summary>The described inhabitants come along for the indicators section (issue 17), which reuses these rows: the covering index holds them.</summary>
    private const Measure TypeMeasures = Measure.Activities | Measure.Minutes | Measure.Inhabitants | Measure.Professionals | Measure.Volunteers
        | Measure.EveningMinutes | Measure.WeekendMinutes | Measure.AgesDescribed | Measure.PublicsDescribed;

    /// <summary>
    /// The KPIs of one period per territory. Active centres and partners met are the groups that had an
    /// activity; for one territory their activities (and the centres' hours) come along for the territory
    /// dashboard, which its covering indexes hold. The federation asks for none: a SELECT DISTINCT on the
    /// month indexes, which do not hold the centres' hours.
    /// </summary>
    private static async Task<AreaRead> AreaAsync(AppDbContext db, Period period, int? territoryId, CancellationToken ct)
    {
        var queries = DashboardQueries.Of(db);
        var types = await PeriodFigures.ReadAsync(db, new FigureQuery(period, FigureGroup.Territory | FigureGroup.Type, TypeMeasures) { TerritoryId = territoryId }, ct);
        var centreMeasures = territoryId is null ? Measure.None : Measure.Activities | Measure.Minutes;
        var centres = await PeriodFigures.ReadAsync(db, new FigureQuery(period, FigureGroup.Centre | FigureGroup.Territory, centreMeasures) { TerritoryId = territoryId }, ct);
        var partnerMeasures = territoryId is null ? Measure.None : Measure.Activities;
        var partners = await PeriodFigures.ReadAsync(db, new FigureQuery(period, FigureGroup.Partner | FigureGroup.Territory, partnerMeasures) { TerritoryId = territoryId }, ct);
        var engaged = await queries.EngagedCentres(db, period.To, territoryId).ToDictionaryAsync(c => c.Id, c => c.Count, cancellationToken: ct);
        var members = await queries.ActiveMembers(db, period.From, period.To, territoryId).ToDictionaryAsync(m => m.Id, m => m.Count, cancellationToken: ct);

        // Grouped once: a hundred territories × thousands of centre and partner rows add up otherwise.
        var typesOf = types.ToLookup(r => r.TerritoryId);
        var centresOf = centres.CountBy(c => c.TerritoryId).ToDictionary();
        var partnersOf = partners.CountBy(p => p.TerritoryId).ToDictionary();
        var ids = typesOf.Select(g => g.Key).Concat(centresOf.Keys).Concat(partnersOf.Keys).Concat(engaged.Keys).Concat(members.Keys).Distinct();
        var byTerritory = ids.ToDictionary(id => id, id =>
        {
            var rows = typesOf[id].ToList();
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
        var byType = types.GroupBy(r => r.Type)
            .Select(g => new TypeFigures(g.Key, g.Sum(r => r.Activities), Math.Round(g.Sum(r => r.Minutes) / 60.0, 1)))
            .OrderByDescending(t => t.Activities).ThenBy(t => t.Type).ToList();
        return new AreaRead(byTerritory, byType, types, centres, partners);
    }

    private static async Task<IReadOnlyList<WorkstreamFigures>> WorkstreamsAsync(AppDbContext db, Period period, int? territoryId, CancellationToken ct)
    {
        var query = new FigureQuery(period, FigureGroup.Workstream, Measure.Activities | Measure.Minutes | Measure.Inhabitants) { TerritoryId = territoryId };
        var sums = (await PeriodFigures.ReadAsync(db, query, ct)).ToDictionary(r => r.WorkstreamId);
        var workstreams = await DashboardQueries.Of(db).WorkstreamRows(db).ToListAsync(ct);
        return workstreams.Select(w => sums.TryGetValue(w.Id, out var s)
                ? new WorkstreamFigures(w.Id, w.Number, w.ShortName, s.Activities, Math.Round(s.Minutes / 60.0, 1), s.Inhabitants)
                : new WorkstreamFigures(w.Id, w.Number, w.ShortName, 0, 0, 0))
            .ToList();
    }

    /// <summary>The twelve months ending with <paramref name="end"/>'s month (whole months: the aggregates only); the month holding today is flagged partial.</summary>
    private static async Task<IReadOnlyList<MonthFigures>> TrendAsync(AppDbContext db, DateOnly end, DateOnly today, int? territoryId, CancellationToken ct)
    {
        var last = new DateOnly(end.Year, end.Month, 1);
        var first = last.AddMonths(-(DashboardService.TrendMonths - 1));
        var query = new FigureQuery(first, last.AddMonths(1).AddDays(-1), FigureGroup.Month, Measure.Activities | Measure.Minutes) { TerritoryId = territoryId };
        var months = (await PeriodFigures.ReadAsync(db, query, ct)).ToDictionary(r => r.Month);
        return Enumerable.Range(0, DashboardService.TrendMonths).Select(i => first.AddMonths(i))
            .Select(m => months.TryGetValue(m, out var g)
                ? new MonthFigures(m, g.Activities, Math.Round(g.Minutes / 60.0, 1), Partial: IsPartial(m, today))
                : new MonthFigures(m, 0, 0, Partial: IsPartial(m, today)))
            .ToList();
    }

    private static bool IsPartial(DateOnly month, DateOnly today) => month <= today && today < month.AddMonths(1);
}
