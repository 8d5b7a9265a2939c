using System.Text.Json;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Indicators;
using CscDashboard.Core.Network;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core.Indicators;

/// <summary>
/// A hand-made log (120 activities over three territories, some deleted, with centres, partners and breakdowns; centres
/// engaged, withdrawn and archived; declared values) and one indicator of each source, seeded once. Today is 2023-03-15.
/// </summary>
public sealed class IndicatorLog : IAsyncLifetime
{
    private CoreTestContext _ctx = default!;
    private Dictionary<string, int> _indicators = [];
    private int _art, _lil;

    public CoreTestContext Ctx => _ctx;
    public IReadOnlyDictionary<string, int> Indicators => _indicators;

    public async Task InitializeAsync()
    {
        _ctx = await CoreTestContext.CreateAsync();
        await IndicatorTestData.LeadAsync(_ctx);
        (_art, _lil) = (await _ctx.TerritoryIdAsync("ART"), await _ctx.TerritoryIdAsync("LIL"));
        var fia = await _ctx.TerritoryIdAsync("FIA");
        var operationId = await IndicatorTestData.OperationIdAsync(_ctx);
        _indicators = await IndicatorTestData.CatalogueAsync(_ctx, operationId);
        var territories = new[] { _art, _lil, fia };
        var random = new Random(25);

        var centres = new List<int>();
        var partners = new List<int>();
        await using (var db = _ctx.CreateDb())
        {
            for (var i = 0; i < 6; i++)
            {
                var centre = new SocialCentre
                {
                    Name = $"Centre {i}", Commune = "C", Postcode = "62000", TerritoryId = territories[i % 3], Status = CentreStatus.Engaged,
                    EngagedOn = new DateOnly(2021, 9, 1).AddDays(90 * i), WithdrawnOn = i == 4 ? new DateOnly(2022, 11, 30) : null,
                    ArchivedAt = i == 5 ? new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc) : null,
                };
                db.Centres.Add(centre);
                await db.SaveChangesAsync();
                centres.Add(centre.Id);
            }
            for (var i = 0; i < 4; i++)
            {
                var partner = new Partner { Name = $"Partenaire {i}", Kind = PartnerKind.Commune, TerritoryId = i == 3 ? null : territories[i] };
                db.Partners.Add(partner);
                await db.SaveChangesAsync();
                partners.Add(partner.Id);
            }
        }
        var groups = await _ctx.Get<global::CscDashboard.Core.Lookups.LookupService>().AudienceGroupsAsync();
        var activities = _ctx.Get<ActivityService>();
        var start = new DateOnly(2021, 9, 1);
        for (var i = 0; i < 120; i++)
        {
            var type = (ActivityType)random.Next(8);
            var inhabitants = type == ActivityType.PublicAction ? random.Next(1, 30) : random.Next(4) == 0 ? random.Next(0, 5) : 0;
            var ages = groups.Where(g => g.Kind == AudienceKind.AgeBand).ToList();
            var audience = new List<AudienceCount>();
            if (inhabitants > 0 && random.Next(3) > 0)
            {
                var left = inhabitants;
                foreach (var band in ages.Where(_ => random.Next(2) == 0))
                {
                    var count = random.Next(0, left + 1);
                    left -= count;
                    audience.Add(new AudienceCount(band.Id, count));
                }
                audience.AddRange(groups.Where(g => g.Kind == AudienceKind.Public && random.Next(3) == 0).Select(g => new AudienceCount(g.Id, random.Next(1, inhabitants + 1))));
            }
            var id = await activities.CreateAsync(new ActivityInput
            {
                Date = start.AddDays(random.Next(new DateOnly(2023, 3, 20).DayNumber - start.DayNumber + 1)), DurationMinutes = 60, TerritoryId = territories[random.Next(3)],
                Type = type, Format = ActivityFormat.Workshop, Place = ActivityPlace.InCentre, Title = $"Activité {i}",
                InhabitantCount = inhabitants, ProfessionalCount = random.Next(0, 6), VolunteerCount = random.Next(0, 3),
                CentreIds = type == ActivityType.PublicAction || random.Next(3) == 0 ? [centres[random.Next(6)]] : [],
                PartnerIds = random.Next(4) == 0 ? [partners[random.Next(4)]] : [],
                Audience = audience,
            });
            if (random.Next(12) == 0)
            {
                await activities.DeleteAsync(id, 1);
            }
        }
        var declarations = _ctx.Get<DeclarationService>();
        foreach (var (territory, from, to, value) in new (int?, DateOnly, DateOnly, decimal)[]
        {
            (_art, new(2022, 1, 1), new(2022, 3, 31), 1000m), (_lil, new(2022, 6, 1), new(2022, 6, 30), 2500.5m),
            (null, new(2023, 1, 1), new(2023, 2, 28), 400m), (_art, new(2023, 3, 1), new(2023, 3, 15), 75m),
        })
        {
            await declarations.CreateAsync(new DeclarationInput
            {
                IndicatorId = _indicators["COF"], TerritoryId = territory, From = from, To = to, Value = value, Note = "Convention signée",
            });
        }
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();
}

/// <summary>
/// Every value of the section, over the period and since the operation began, equals a plain count over the same records
/// in memory; the operation's target is its territories' sum unless set on its own.
/// </summary>
public sealed class IndicatorFiguresTests(IndicatorLog log) : IClassFixture<IndicatorLog>
{
    private static readonly DateOnly Today = new(2023, 3, 15);
    private readonly CoreTestContext _ctx = log.Ctx;
    private readonly IReadOnlyDictionary<string, int> _indicators = log.Indicators;

    public static TheoryData<string> Periods => new(["2023-Q1", "2022", "CSC-2021-2023", "2022-05", "2022-03-10_2022-06-20", "2021-06-01_2021-10-15"]);

    [Theory]
    [MemberData(nameof(Periods))]
    public async Task Every_value_equals_a_plain_count_over_the_records(string code) => await CheckAsync(code, Today);

    /// <summary>
    /// Once nothing is dated after today (the activities logged ahead are deleted here), the whole operation up to today is the
    /// period itself: read once, and still a plain count. The other cases count from the records as they are when they run.
    /// </summary>
    [Fact]
    public async Task The_whole_operation_under_way_is_a_plain_count_when_nothing_is_dated_after_today()
    {
        var activities = _ctx.Get<ActivityService>();
        await using (var db = _ctx.CreateDb())
        {
            foreach (var ahead in await db.Activities.AsNoTracking().Where(a => a.DeletedAt == null && a.Date > Today).Select(a => new { a.Id, a.Version }).ToListAsync())
            {
                await activities.DeleteAsync(ahead.Id, ahead.Version);
            }
        }
        await CheckAsync("CSC-2021-2023", Today);
    }

    private async Task CheckAsync(string code, DateOnly today)
    {
        var plain = await PlainAsync();
        var dashboards = _ctx.Get<IndicatorDashboardService>();
        var pages = _ctx.Get<DashboardService>();
        Assert.True(Period.TryParse(code, [new(0, "CSC-2021-2023", new(2021, 9, 1), new(2023, 12, 31))], out var period, out _));
        foreach (var territory in new string?[] { null, "ART", "LIL" })
        {
            var section = territory is null ? await dashboards.GetOverviewAsync(period) : await dashboards.GetTerritoryAsync(territory, period);
            // The pages build the same section on the dashboard's own reads of the period.
            var onPage = territory is null ? (await pages.GetOverviewWithIndicatorsAsync(period)).Indicators
                : (await pages.GetTerritoryWithIndicatorsAsync(territory, period)).Overview.Indicators;
            Assert.Equal(JsonSerializer.Serialize(section), JsonSerializer.Serialize(onPage));
            int? scope = territory is null ? null : await _ctx.TerritoryIdAsync(territory);
            var reference = Min(Min(period.To, today), new DateOnly(2023, 12, 31));
            var (from, to) = (Max(period.From, new DateOnly(2021, 9, 1)), Min(period.To, new DateOnly(2023, 12, 31)));
            Assert.Equal("CSC-2021-2023", section.OperationCode);
            Assert.Equal(reference, section.Reference);
            Assert.Equal(_indicators.Count, section.Lines.Count);
            if (period.Kind == PeriodKind.Operation && territory is null)
            {
                Assert.All(section.Lines, l => Assert.True(l.Cumulative > 0, $"{l.Code} vaut 0 : le jeu ne le met pas à l'épreuve"));
            }
            foreach (var line in section.Lines)
            {
                var (since, inPeriod) = (plain.Value(line.Code, scope, new DateOnly(2021, 9, 1), reference, cumulative: true), plain.Value(line.Code, scope, from, to, cumulative: false));
                Assert.True(since == line.Cumulative && inPeriod == line.PeriodValue,
                    $"{code}, {territory ?? "fédération"}, {line.Code} : attendu {since} depuis le début et {inPeriod} sur la période, lu {line.Cumulative} et {line.PeriodValue}");
            }
            var expectedInhabitants = plain.Live.Where(a => a.Date >= period.From && a.Date <= period.To && (scope is null || a.TerritoryId == scope)).ToList();
            Assert.Equal(expectedInhabitants.Sum(a => a.InhabitantCount), section.Audience.Inhabitants);
            Assert.Equal(expectedInhabitants.Sum(a => a.AgesDescribed), section.Audience.AgesDescribed);
            Assert.Equal(expectedInhabitants.Sum(a => a.PublicsDescribed), section.Audience.PublicsDescribed);
            Assert.Equal(expectedInhabitants.SelectMany(a => a.Audience).Where(l => l.AudienceGroupId == plain.Seniors).Sum(l => l.Count),
                section.Audience.Groups.Single(g => g.Name == "Seniors").Count);
        }
    }

    [Fact]
    public async Task The_operation_target_is_the_sum_of_the_territories_unless_set_on_its_own()
    {
        var (art, lil) = (await _ctx.TerritoryIdAsync("ART"), await _ctx.TerritoryIdAsync("LIL"));
        var targets = _ctx.Get<IndicatorService>();
        await targets.SetTargetAsync(new TargetInput { IndicatorId = _indicators["ACT"], TerritoryId = art, Value = 40, Milestones = [new(new(2022, 12, 31), 20)] });
        await targets.SetTargetAsync(new TargetInput { IndicatorId = _indicators["ACT"], TerritoryId = lil, Value = 60 });
        var dashboards = _ctx.Get<IndicatorDashboardService>();
        var year = Period.Year(2022);
        var summed = (await dashboards.GetOverviewAsync(year)).Lines.Single(l => l.Code == "ACT");
        Assert.True(summed.TargetIsSum);
        Assert.Equal(100, summed.Target);
        // On 31/12/2022: ART's milestone (20) and LIL's straight line from 0 on 01/09/2021 to 60 on 31/12/2023.
        var lilLine = Math.Round(60m * (new DateOnly(2022, 12, 31).DayNumber - new DateOnly(2021, 9, 1).DayNumber) / (new DateOnly(2023, 12, 31).DayNumber - new DateOnly(2021, 9, 1).DayNumber), 2);
        Assert.Equal(20 + lilLine, summed.Expected);
        Assert.Equal(20, (await dashboards.GetTerritoryAsync("ART", year)).Lines.Single(l => l.Code == "ACT").Expected);

        await targets.SetTargetAsync(new TargetInput { IndicatorId = _indicators["ACT"], Value = 90 });
        var own = (await dashboards.GetOverviewAsync(year)).Lines.Single(l => l.Code == "ACT");
        Assert.False(own.TargetIsSum);
        Assert.Equal(90, own.Target);
        Assert.Null((await dashboards.GetTerritoryAsync("FIA", year)).Lines.Single(l => l.Code == "ACT").Target);
        Assert.Equal(TargetStatus.NoTarget, (await dashboards.GetTerritoryAsync("FIA", year)).Lines.Single(l => l.Code == "ACT").Status);
    }

    private async Task<Plain> PlainAsync()
    {
        await using var db = _ctx.CreateDb();
        return new Plain(
            await db.Activities.AsNoTracking().Where(a => a.DeletedAt == null).Include(a => a.Centres).Include(a => a.Partners).Include(a => a.Audience).ToListAsync(),
            await db.Centres.AsNoTracking().ToListAsync(),
            await db.IndicatorDeclarations.AsNoTracking().ToListAsync(),
            await db.AudienceGroups.Where(g => g.Code == "SENIORS").Select(g => g.Id).SingleAsync(),
            _indicators);
    }

    /// <summary>Each indicator's value computed record by record, with no aggregate and no SQL grouping.</summary>
    private sealed record Plain(List<Activity> Live, List<SocialCentre> Centres, List<IndicatorDeclaration> Declarations, int Seniors, IReadOnlyDictionary<string, int> Indicators)
    {
        public decimal Value(string code, int? territory, DateOnly from, DateOnly to, bool cumulative)
        {
            var activities = Live.Where(a => a.Date >= from && a.Date <= to && (territory is null || a.TerritoryId == territory)).ToList();
            var centreTerritory = Centres.ToDictionary(c => c.Id, c => c.TerritoryId);
            return code switch
            {
                "ACT" => activities.Count(a => a.Type == ActivityType.PublicAction),
                "HAB" => activities.Sum(a => a.InhabitantCount),
                "PRO" => activities.Where(a => a.Type == ActivityType.NetworkAnimation).Sum(a => a.ProfessionalCount + a.VolunteerCount),
                "SEN" => activities.SelectMany(a => a.Audience).Where(l => l.AudienceGroupId == Seniors).Sum(l => l.Count),
                "PAR" => activities.SelectMany(a => a.Partners).Select(p => p.PartnerId).Distinct().Count(),
                "CEN" => Live.Where(a => a.Date >= from && a.Date <= to).SelectMany(a => a.Centres)
                    .Where(l => territory is null || centreTerritory[l.CentreId] == territory).Select(l => l.CentreId).Distinct().Count(),
                // A stock: its value on the day since the start, its change over the period.
                "ENG" => cumulative ? Engaged(territory, to) : Engaged(territory, to) - Engaged(territory, from.AddDays(-1)),
                "COF" => Declarations.Where(d => d.IndicatorId == Indicators["COF"] && d.To >= from && d.To <= to && (territory is null || d.TerritoryId == territory)).Sum(d => d.Value),
                _ => throw new ArgumentOutOfRangeException(nameof(code)),
            };
        }

        private int Engaged(int? territory, DateOnly day) => Centres.Count(c => c.ArchivedAt == null && c.EngagedOn <= day && (c.WithdrawnOn == null || c.WithdrawnOn > day)
            && (territory is null || c.TerritoryId == territory));
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
