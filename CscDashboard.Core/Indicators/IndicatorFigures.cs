using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Data;
using CscDashboard.Core.Operations;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Indicators;

/// <summary>
/// The "Indicateurs et cibles" section of one scope (the operation, or one territory) over a period, on a context the
/// caller opened and after the caller checked the role. Every value over the activity log is a <see cref="PeriodFigures"/>
/// query (ADR 023), asked only when an indicator needs it: once since the operation began (up to the reference day) and
/// once for the period, unless the two are the same days. Engaged centres are the dashboards' own directory read.
/// </summary>
internal static class IndicatorFigures
{
    private const Measure FlowMeasures = Measure.Activities | Measure.Inhabitants | Measure.Professionals | Measure.Volunteers;
    private const Measure DescribedMeasures = Measure.AgesDescribed | Measure.PublicsDescribed;

    /// <summary>The figures of one range of days for the scope.</summary>
    private sealed record Read(IReadOnlyList<FigureRow> Types, IReadOnlyDictionary<int, int> Audience, int Partners, int Centres);

    /// <summary>
    /// What a dashboard already read for the same scope and period, when the section is built beside it: its rows by type (any
    /// further grouping is summed away), its distinct centres and partners, and the centres engaged on the period's last day.
    /// </summary>
    public sealed record DashboardRead(IReadOnlyList<FigureRow> Types, int Centres, int Partners, int EngagedAtEnd);

    public static async Task<IndicatorSection> BuildAsync(AppDbContext db, IndicatorCatalogueData catalogue, int? territoryId, string scopeLabel,
        Period period, DateOnly today, CancellationToken ct, DashboardRead? shared = null)
    {
        var sources = catalogue.Indicators.Select(i => i.Source).ToHashSet();
        // The period as asked also gives the breakdown (from the dashboard's own reads when it has them); the operation's days of
        // it and the days since the operation began are read again only when they differ.
        var asked = shared is null
            ? await ReadAsync(db, period.From, period.To, territoryId, sources, breakdown: true, ct)
            : new Read(shared.Types, await AudienceAsync(db, period.From, period.To, territoryId, ct), shared.Partners, shared.Centres);
        var breakdown = Breakdown(asked, catalogue.Groups);
        if (catalogue.Operation is not { } operation)
        {
            return IndicatorSection.None(scopeLabel, breakdown);
        }
        var reference = Min(Min(period.To, today), operation.EndDate);
        var (from, to) = (Max(period.From, operation.StartDate), Min(period.To, operation.EndDate));
        var inPeriod = (from, to) == (period.From, period.To) ? asked : await ReadAsync(db, from, to, territoryId, sources, breakdown: false, ct);
        // Since the start is the period itself when the period starts with the operation, up to today, and nothing is dated after
        // today yet (an activity may be logged up to 7 days ahead): the whole operation under way, read once.
        var sinceStart = (operation.StartDate, reference) == (from, to)
                         || (operation.StartDate == from && !await db.Activities.AnyAsync(a => a.DeletedAt == null && a.Date > reference && a.Date <= to, ct))
            ? inPeriod
            : await ReadAsync(db, operation.StartDate, reference, territoryId, sources, breakdown: false, ct);
        var engaged = sources.Contains(IndicatorSource.CentresEngaged)
            ? (Since: await EngagedAsync(db, reference, territoryId, period, shared, ct), Before: await EngagedAsync(db, from.AddDays(-1), territoryId, period, shared, ct),
                End: await EngagedAsync(db, to, territoryId, period, shared, ct))
            : default;

        var goalsOf = catalogue.Targets.ToLookup(t => t.IndicatorId);
        var awaitingEvidence = catalogue.Declarations.Where(d => !d.HasEvidence).CountBy(d => d.IndicatorId).ToDictionary();
        var lines = catalogue.Indicators.Select(indicator =>
        {
            var group = catalogue.Groups.FirstOrDefault(g => g.Id == indicator.GroupId)?.Name;
            var (cumulative, ofPeriod) = indicator.Source switch
            {
                IndicatorSource.CentresEngaged => (engaged.Since, engaged.End - engaged.Before),
                IndicatorSource.Manual => (Declared(catalogue, indicator.Id, operation.StartDate, reference), Declared(catalogue, indicator.Id, from, to)),
                _ => (ValueOf(indicator, sinceStart), ValueOf(indicator, inPeriod)),
            };
            var goal = GoalOf(goalsOf[indicator.Id], territoryId, operation, reference);
            var expected = goal is null ? (decimal?)null : Math.Round(goal.Value.Expected, 2);
            return new IndicatorLine(indicator.Id, indicator.Code, indicator.Name, indicator.Unit, indicator.IsEu,
                IndicatorLabels.Method(indicator.Source, indicator.Type, group), ofPeriod, cumulative, goal?.Final, goal?.IsSum ?? false, expected,
                goal is { Final: > 0 } g ? Math.Round(cumulative / g.Final * 100, 1) : null,
                goal is null ? TargetStatus.NoTarget : TargetTrack.StatusOf(cumulative, expected!.Value, goal.Value.Final),
                awaitingEvidence.GetValueOrDefault(indicator.Id));
        }).ToList();
        return new IndicatorSection(operation.Code, operation.StartDate, operation.EndDate, reference, scopeLabel, lines, breakdown);
    }

    /// <summary>Only the reads the catalogue's sources need.</summary>
    private static async Task<Read> ReadAsync(AppDbContext db, DateOnly from, DateOnly to, int? territoryId, HashSet<IndicatorSource> sources, bool breakdown, CancellationToken ct)
    {
        var types = sources.Overlaps([IndicatorSource.Activities, IndicatorSource.Inhabitants, IndicatorSource.ProfessionalsAndVolunteers]) || breakdown
            ? await PeriodFigures.ReadAsync(db, new FigureQuery(from, to, FigureGroup.Type, breakdown ? FlowMeasures | DescribedMeasures : FlowMeasures) { TerritoryId = territoryId }, ct)
            : [];
        var audience = sources.Contains(IndicatorSource.AudienceInhabitants) || breakdown
            ? await AudienceAsync(db, from, to, territoryId, ct)
            : new Dictionary<int, int>();
        var partners = sources.Contains(IndicatorSource.PartnersMet)
            ? (await PeriodFigures.ReadAsync(db, new FigureQuery(from, to, FigureGroup.Partner, Measure.None) { TerritoryId = territoryId }, ct)).Count
            : 0;
        var centres = sources.Contains(IndicatorSource.CentresActive)
            ? (await PeriodFigures.ReadAsync(db, new FigureQuery(from, to, FigureGroup.Centre, Measure.None) { TerritoryId = territoryId }, ct)).Count
            : 0;
        return new Read(types, audience, partners, centres);
    }

    private static decimal ValueOf(IndicatorCatalogueData.Definition indicator, Read read)
    {
        var rows = read.Types.Where(r => indicator.Type is not { } type || r.Type == type);
        return indicator.Source switch
        {
            IndicatorSource.Activities => rows.Sum(r => r.Activities),
            IndicatorSource.Inhabitants => rows.Sum(r => r.Inhabitants),
            IndicatorSource.ProfessionalsAndVolunteers => rows.Sum(r => r.Professionals + r.Volunteers),
            IndicatorSource.AudienceInhabitants => indicator.GroupId is { } id ? read.Audience.GetValueOrDefault(id) : 0,
            IndicatorSource.PartnersMet => read.Partners,
            IndicatorSource.CentresActive => read.Centres,
            _ => 0,
        };
    }

    /// <summary>A declaration counts on its last day.</summary>
    private static decimal Declared(IndicatorCatalogueData catalogue, int indicatorId, DateOnly from, DateOnly to) =>
        catalogue.Declarations.Where(d => d.IndicatorId == indicatorId && d.To >= from && d.To <= to).Sum(d => d.Value);

    /// <summary>
    /// The scope's own target and its value expected on the reference day; for the operation without one of its own, the sum
    /// of its territories' targets and of their expected values (<c>IsSum</c>); null when none is set.
    /// </summary>
    private static (decimal Final, decimal Expected, bool IsSum)? GoalOf(IEnumerable<IndicatorCatalogueData.Goal> goals, int? territoryId,
        OperationPeriod operation, DateOnly reference)
    {
        var all = goals.ToList();
        if (all.FirstOrDefault(g => g.TerritoryId == territoryId) is { } own)
        {
            return (own.Value, TargetTrack.Of(operation.StartDate, operation.EndDate, own.Value, own.Milestones).ExpectedAt(reference), false);
        }
        if (territoryId is not null || all.Count == 0)
        {
            return null;
        }
        return (all.Sum(g => g.Value), all.Sum(g => TargetTrack.Of(operation.StartDate, operation.EndDate, g.Value, g.Milestones).ExpectedAt(reference)), true);
    }

    private static async Task<IReadOnlyDictionary<int, int>> AudienceAsync(AppDbContext db, DateOnly from, DateOnly to, int? territoryId, CancellationToken ct) =>
        (await PeriodFigures.ReadAsync(db, new FigureQuery(from, to, FigureGroup.Audience, Measure.Inhabitants) { TerritoryId = territoryId }, ct))
            .ToDictionary(r => r.AudienceGroupId, r => r.Inhabitants);

    /// <summary>Centres engaged on the day: the dashboard's figure when it is the period's last day, else the directory's.</summary>
    private static async Task<int> EngagedAsync(AppDbContext db, DateOnly day, int? territoryId, Period period, DashboardRead? shared, CancellationToken ct) =>
        shared is not null && day == period.To
            ? shared.EngagedAtEnd
            : (await DashboardQueries.Of(db).EngagedCentres(db, day, territoryId).ToListAsync(ct)).Sum(c => c.Count);

    /// <summary>The period's inhabitants, how many the breakdown describes, and each group's count and share.</summary>
    private static AudienceBreakdown Breakdown(Read read, IReadOnlyList<AudienceGroupRow> groups)
    {
        var inhabitants = read.Types.Sum(r => r.Inhabitants);
        return new AudienceBreakdown(inhabitants, read.Types.Sum(r => r.AgesDescribed), read.Types.Sum(r => r.PublicsDescribed),
            groups.Select(g =>
            {
                var count = read.Audience.GetValueOrDefault(g.Id);
                return new AudienceShare(g.Name, g.Kind, count, inhabitants == 0 ? 0 : (double)count / inhabitants);
            }).ToList());
    }


    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
