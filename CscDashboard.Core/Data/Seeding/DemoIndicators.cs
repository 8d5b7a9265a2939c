using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Indicators;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Tools;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Data.Seeding;

/// <summary>
/// The indicator catalogue of every operation begun by today, as an EU operation of this kind would have it (issue 17):
/// output indicators (centres engaged as digital third places, collective actions, inhabitants, professionals and
/// volunteers trained) and internal ones (workstream sessions, partners, co-funding, seniors and priority neighbourhoods
/// reached, visits). Co-funding is declared by hand, a convention or two a year per territory, most filed in the vault.
/// Targets come last, from each territory's actual values (read like the dashboards, so the monthly aggregates must be
/// built): the value the territory heads for at the end, times a factor between 0.8 and 1.25, with a milestone on each
/// 31 December, so that territories are ahead, on track, behind or done. Used by the demo and the national data set.
/// </summary>
internal static class DemoIndicators
{
    public static readonly IReadOnlyList<(string Code, string Name, string Unit, bool IsEu, IndicatorSource Source, ActivityType? Type, string? Group)> Catalogue =
    [
        ("CENTRES-TLN", "Centres sociaux engagés comme tiers-lieux numériques", "centres", true, IndicatorSource.CentresEngaged, null, null),
        ("ACTIONS", "Actions collectives menées avec les habitants", "actions", true, IndicatorSource.Activities, ActivityType.PublicAction, null),
        ("HABITANTS", "Habitants touchés", "habitants", true, IndicatorSource.Inhabitants, null, null),
        ("PRO-BEN", "Professionnels et bénévoles formés en animation de réseau", "personnes", true, IndicatorSource.ProfessionalsAndVolunteers, ActivityType.NetworkAnimation, null),
        ("VISITES", "Accompagnements des centres", "accompagnements", false, IndicatorSource.Activities, ActivityType.CentreSupport, null),
        ("CHANTIERS", "Séances des chantiers thématiques", "séances", false, IndicatorSource.Activities, ActivityType.Workstream, null),
        ("PARTENAIRES", "Partenaires mobilisés", "partenaires", false, IndicatorSource.PartnersMet, null, null),
        ("SENIORS", "Seniors touchés", "habitants", false, IndicatorSource.AudienceInhabitants, null, "SENIORS"),
        ("QPV", "Habitants des quartiers prioritaires touchés", "habitants", false, IndicatorSource.AudienceInhabitants, null, "QPV"),
        ("COFIN", "Cofinancements obtenus", "€", false, IndicatorSource.Manual, null, null),
    ];

    private static readonly string[] Funders =
        ["la commune", "l'intercommunalité", "le Département", "la CAF", "la Conférence des financeurs", "une fondation d'entreprise"];

    /// <summary>
    /// The catalogue, declarations and targets of each operation begun by <paramref name="today"/> that has no catalogue yet,
    /// for the territories that have activities. <paramref name="convention"/>: the placeholder file of the conventions filed
    /// as evidence (none in the national data set).
    /// </summary>
    public static async Task SeedAsync(AppDbContext db, BulkInserter inserter, DateOnly today, DemoEvidenceFile? convention, int seed, CancellationToken ct)
    {
        var rng = new Random(seed);
        var groups = await IndicatorCatalogueData.AudienceGroupsAsync(db, ct);
        var done = await db.Indicators.Select(i => i.OperationId).Distinct().ToListAsync(ct);
        var operations = await db.Operations.AsNoTracking().Where(o => o.StartDate <= today && !done.Contains(o.Id)).OrderBy(o => o.StartDate).ToListAsync(ct);
        var active = await db.ActivityMonthStats.Select(s => s.TerritoryId).Distinct().ToListAsync(ct);
        var territories = await db.Territories.AsNoTracking().Where(t => active.Contains(t.Id)).OrderBy(t => t.Number)
            .Select(t => new TerritoryRef(t.Id, t.Code, t.Name)).ToListAsync(ct);
        foreach (var operation in operations)
        {
            var indicators = Catalogue.Select((c, i) => new Indicator
            {
                OperationId = operation.Id, Code = c.Code, Name = c.Name, Unit = c.Unit, IsEu = c.IsEu, Source = c.Source, ActivityType = c.Type,
                AudienceGroupId = c.Group is null ? null : groups.Single(g => g.Code == c.Group).Id, Number = i + 1,
            }).ToList();
            inserter.Insert(indicators, ct);
            Declare(inserter, operation, indicators.Single(i => i.Source == IndicatorSource.Manual).Id, territories, today, convention, rng, ct);
            await SetTargetsAsync(db, inserter, operation, indicators.Single(i => i.Code == "CENTRES-TLN").Id, territories, today, rng, ct);
        }
    }

    /// <summary>One or two co-funding conventions a year per territory, each counted on the last day of its quarter.</summary>
    private static void Declare(BulkInserter inserter, Operation operation, int indicatorId, IReadOnlyList<TerritoryRef> territories, DateOnly today,
        DemoEvidenceFile? convention, Random rng, CancellationToken ct)
    {
        var declarations = new List<(IndicatorDeclaration Declaration, EvidenceDocument? Evidence)>();
        foreach (var territory in territories)
        {
            for (var year = operation.StartDate.Year; year <= Math.Min(operation.EndDate.Year, today.Year); year++)
            {
                foreach (var quarter in Enumerable.Range(1, 4).Where(_ => rng.Chance(0.35)))
                {
                    var period = Period.Quarter(year, quarter);
                    var (from, to) = (Max(period.From, operation.StartDate), Min(period.To, operation.EndDate));
                    if (from > to || to > today)
                    {
                        continue;
                    }
                    var funder = rng.Pick(Funders);
                    var declaration = new IndicatorDeclaration
                    {
                        IndicatorId = indicatorId, TerritoryId = territory.Id, From = from, To = to, Value = 500 * rng.Next(4, 50),
                        Note = $"Convention de cofinancement signée avec {funder} ({French.InWords(period)}).",
                    };
                    var evidence = convention is null || rng.Chance(0.15) ? null : new EvidenceDocument
                    {
                        OperationId = operation.Id, TerritoryId = territory.Id, Category = EvidenceCategory.Other, Sha256 = convention.Sha256,
                        OriginalName = $"convention-cofinancement_{territory.Code.ToLowerInvariant()}_{period.Code}.pdf", Size = convention.Size,
                        ContentType = "application/pdf", PeriodMonth = new DateOnly(to.Year, to.Month, 1), RetentionUntil = operation.RetentionUntil,
                    };
                    declarations.Add((declaration, evidence));
                }
            }
        }
        inserter.Insert(declarations.Where(d => d.Evidence is not null).Select(d => d.Evidence!), ct);
        foreach (var (declaration, evidence) in declarations)
        {
            declaration.EvidenceDocumentId = evidence?.Id;
        }
        inserter.Insert(declarations.Select(d => d.Declaration), ct);
    }

    /// <summary>Each territory's targets from its values since the operation began (the dashboards' figures), and the operation's own for the centres.</summary>
    private static async Task SetTargetsAsync(AppDbContext db, BulkInserter inserter, Operation operation, int centresIndicatorId, IReadOnlyList<TerritoryRef> territories,
        DateOnly today, Random rng, CancellationToken ct)
    {
        var reference = Min(today, operation.EndDate);
        var (elapsed, total) = (reference.DayNumber - operation.StartDate.DayNumber + 1, operation.EndDate.DayNumber - operation.StartDate.DayNumber + 1);
        if (elapsed < 60)
        {
            return;
        }
        var sofar = Period.Custom(operation.StartDate, reference);
        var targets = new List<IndicatorTarget>();
        var centres = 0m;
        foreach (var territory in territories)
        {
            var catalogue = await IndicatorCatalogueData.LoadAsync(db, sofar, today, territory.Id, ct);
            var section = await IndicatorFigures.BuildAsync(db, catalogue, territory.Id, territory.Name, sofar, today, ct);
            foreach (var line in section.Lines)
            {
                // Stocks (engaged centres) and distinct counts (partners) grow slower than flows once most are in.
                var heading = line.Code is "CENTRES-TLN" or "PARTENAIRES" ? line.Cumulative * (1 + 0.25m * (total - elapsed) / total) : line.Cumulative * total / elapsed;
                var value = Round(heading * (decimal)(0.8 + 0.45 * rng.NextDouble()), line.Unit);
                if (value <= 0)
                {
                    continue;
                }
                centres += line.Code == "CENTRES-TLN" ? value : 0;
                targets.Add(Target(line.IndicatorId, territory.Id, value, operation, line.Unit));
            }
        }
        if (centres > 0)
        {
            // The operation's own target for the centres: the territories' sum, rounded down to a round number (set on its own, ADR 025).
            targets.Add(Target(centresIndicatorId, null, Math.Max(5, Math.Floor(centres * 0.9m / 5) * 5), operation, "centres"));
        }
        inserter.Insert(targets, ct);
        inserter.Insert(targets.SelectMany(t => t.Milestones.Select(m =>
        {
            m.TargetId = t.Id;
            return m;
        })), ct);
    }

    /// <summary>A target with a milestone on each 31 December inside the operation, on a line that starts a little slowly.</summary>
    private static IndicatorTarget Target(int indicatorId, int? territoryId, decimal value, Operation operation, string unit)
    {
        var target = new IndicatorTarget { IndicatorId = indicatorId, TerritoryId = territoryId, Value = value };
        var span = (decimal)(operation.EndDate.DayNumber - operation.StartDate.DayNumber);
        for (var year = operation.StartDate.Year; year < operation.EndDate.Year; year++)
        {
            var day = new DateOnly(year, 12, 31);
            if (day > operation.StartDate && day < operation.EndDate)
            {
                var share = (day.DayNumber - operation.StartDate.DayNumber) / span;
                target.Milestones.Add(new TargetMilestone { Date = day, Value = Math.Min(value, Round(value * (decimal)Math.Pow((double)share, 1.15), unit)) });
            }
        }
        return target;
    }

    /// <summary>Round figures as a project lead would set them: euros to the thousand, large counts to five, small ones to the unit.</summary>
    private static decimal Round(decimal value, string unit) => unit == "€" ? Math.Round(value / 1000) * 1000
        : value >= 100 ? Math.Round(value / 5) * 5
        : Math.Round(value);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
