using System.Globalization;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Indicators;
using CscDashboard.Core.Network;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core;

/// <summary>
/// 1,500 random activities (some deleted, some of them evening or weekend work, linked to random centres,
/// partners and workstreams) over ten territories and three years, the aggregates rebuilt, seeded once.
/// </summary>
public sealed class RandomActivityLog : IAsyncLifetime
{
    public static readonly DateOnly First = new(2021, 9, 1);
    public static readonly DateOnly Last = new(2024, 6, 30);

    public CoreTestContext Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await CoreTestContext.CreateAsync();
        var author = await Host.AddUserAsync("lead@test.csc", Roles.ProjectLead);
        var random = new Random(2023);
        await using var db = Host.CreateDb();
        var territories = await db.Territories.Select(t => t.Id).ToListAsync();
        var workstreams = await db.Workstreams.Select(w => w.Id).ToListAsync();
        var operation = await db.Operations.Select(o => o.Id).FirstAsync();
        var centres = Enumerable.Range(1, 24).Select(i => new SocialCentre
        {
            Name = $"Centre {i}", Commune = "C", Postcode = "59000", TerritoryId = territories[i % territories.Count], Status = CentreStatus.Engaged,
        }).ToList();
        var partners = Enumerable.Range(1, 8).Select(i => new Partner
        {
            Name = $"Partenaire {i}", Kind = PartnerKind.Commune, TerritoryId = i % 4 == 0 ? null : territories[i % territories.Count],
        }).ToList();
        db.AddRange(centres);
        db.AddRange(partners);
        await db.SaveChangesAsync();

        // The inhabitants' breakdown from its own generator, so that the rest of the log stays the same draw by draw.
        var breakdown = new Random(17);
        var kinds = await db.AudienceGroups.ToDictionaryAsync(g => g.Id, g => g.Kind);
        var ageBands = kinds.Where(k => k.Value == AudienceKind.AgeBand).Select(k => k.Key).ToList();
        var publics = kinds.Where(k => k.Value == AudienceKind.Public).Select(k => k.Key).ToList();
        var days = Last.DayNumber - First.DayNumber + 1;
        T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
        for (var i = 0; i < 1_500; i++)
        {
            var activity = new Activity
            {
                OperationId = operation, AuthorId = author.UserId!, Title = $"Activité {i}",
                Date = DateOnly.FromDayNumber(First.DayNumber + random.Next(days)),
                StartTime = random.Next(3) == 0 ? null : new TimeOnly(random.Next(8, 21), 0),
                DurationMinutes = 15 * random.Next(1, 17),
                TerritoryId = Pick(territories),
                Type = Pick(Enum.GetValues<ActivityType>()),
                Format = Pick(Enum.GetValues<ActivityFormat>()),
                Place = ActivityPlace.InCentre,
                InhabitantCount = random.Next(0, 20), ProfessionalCount = random.Next(0, 5), VolunteerCount = random.Next(0, 4), PartnerCount = random.Next(0, 3),
                DeletedAt = random.Next(15) == 0 ? new DateTime(2024, 7, 1, 0, 0, 0, DateTimeKind.Utc) : null,
            };
            activity.Centres.AddRange(centres.OrderBy(_ => random.Next()).Take(random.Next(0, 3)).Select(c => new ActivityCentre { CentreId = c.Id }));
            activity.Partners.AddRange(partners.OrderBy(_ => random.Next()).Take(random.Next(0, 3) / 2).Select(p => new ActivityPartner { PartnerId = p.Id }));
            activity.Workstreams.AddRange(workstreams.OrderBy(_ => random.Next()).Take(random.Next(0, 4) / 2).Select(w => new ActivityWorkstream { WorkstreamId = w }));
            if (activity.InhabitantCount > 0 && breakdown.Next(3) > 0)
            {
                var left = activity.InhabitantCount;
                foreach (var band in ageBands.Where(_ => breakdown.Next(2) == 0))
                {
                    var count = breakdown.Next(0, left + 1);
                    left -= count;
                    activity.Audience.Add(new ActivityAudience { AudienceGroupId = band, Count = count });
                }
                activity.Audience.AddRange(publics.Where(_ => breakdown.Next(3) == 0)
                    .Select(p => new ActivityAudience { AudienceGroupId = p, Count = breakdown.Next(1, activity.InhabitantCount + 1) }));
                AudienceRules.RefreshTotals(activity, kinds);
            }
            db.Activities.Add(activity);
        }
        await db.SaveChangesAsync();
        await ActivityStatsUpdater.RebuildAllAsync(db);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// <see cref="PeriodFigures"/> (whole months from the aggregates, edge days from the activities) against a
/// plain count over the activities in memory, for random periods and every grouping, with and without a
/// territory filter. Runs on SQLite, and on PostgreSQL in the CI's second pass.
/// </summary>
public sealed class PeriodFiguresTests(RandomActivityLog log) : IClassFixture<RandomActivityLog>
{
    private const Measure Sums = Measure.Activities | Measure.Minutes | Measure.Inhabitants | Measure.Professionals | Measure.Volunteers
        | Measure.PartnerCount | Measure.EveningMinutes | Measure.WeekendMinutes | Measure.AgesDescribed | Measure.PublicsDescribed;

    public static TheoryData<string> Groupings => new(Cases.Keys);

    private static readonly Dictionary<string, (FigureGroup By, Measure Measures)> Cases = new()
    {
        ["territoire"] = (FigureGroup.Territory, Sums),
        ["secteur"] = (FigureGroup.Sector, Sums),
        ["type"] = (FigureGroup.Type, Sums),
        ["mois"] = (FigureGroup.Month, Sums),
        ["territoire × type"] = (FigureGroup.Territory | FigureGroup.Type, Sums),
        ["secteur × territoire × mois"] = (FigureGroup.Sector | FigureGroup.Territory | FigureGroup.Month, Measure.Activities | Measure.EveningMinutes),
        ["centre"] = (FigureGroup.Centre, FigureQuery.Kept(FigureGroup.Centre)),
        ["centre × territoire, sans mesure"] = (FigureGroup.Centre | FigureGroup.Territory, Measure.None),
        ["centre × mois"] = (FigureGroup.Centre | FigureGroup.Month, Measure.Activities | Measure.LastVisitDate),
        ["partenaire"] = (FigureGroup.Partner, Measure.Activities),
        ["partenaire × territoire"] = (FigureGroup.Partner | FigureGroup.Territory, Measure.Activities),
        ["chantier"] = (FigureGroup.Workstream, FigureQuery.Kept(FigureGroup.Workstream)),
        ["chantier × territoire"] = (FigureGroup.Workstream | FigureGroup.Territory, FigureQuery.Kept(FigureGroup.Workstream)),
        ["chantier × secteur × mois"] = (FigureGroup.Workstream | FigureGroup.Sector | FigureGroup.Month, Measure.Minutes),
        ["public"] = (FigureGroup.Audience, FigureQuery.Kept(FigureGroup.Audience)),
        ["public × territoire × mois"] = (FigureGroup.Audience | FigureGroup.Territory | FigureGroup.Month, Measure.Inhabitants),
        ["public, sans mesure"] = (FigureGroup.Audience, Measure.None),
    };

    /// <summary>Month edges, single days, whole months, several years, empty periods, and random ranges.</summary>
    private static List<(DateOnly From, DateOnly To)> Periods()
    {
        var periods = new List<(DateOnly, DateOnly)>
        {
            (new(2023, 2, 1), new(2023, 2, 28)), (new(2022, 1, 1), new(2022, 12, 31)), (new(2021, 9, 1), new(2024, 6, 30)),
            (new(2020, 6, 15), new(2025, 2, 10)), (new(2022, 3, 31), new(2022, 4, 1)), (new(2023, 1, 31), new(2023, 1, 31)),
            (new(2022, 11, 1), new(2022, 11, 1)), (new(2019, 1, 1), new(2019, 12, 31)), (new(2023, 5, 10), new(2023, 5, 9)),
            (new(2022, 5, 2), new(2022, 7, 31)), (new(2022, 5, 1), new(2022, 7, 30)), (new(2024, 2, 29), new(2024, 3, 1)),
        };
        var random = new Random(14);
        var span = RandomActivityLog.Last.DayNumber - RandomActivityLog.First.DayNumber;
        for (var i = 0; i < 12; i++)
        {
            var from = DateOnly.FromDayNumber(RandomActivityLog.First.DayNumber + random.Next(span));
            periods.Add((from, from.AddDays(random.Next(i < 6 ? 40 : 800))));
        }
        return periods;
    }

    [Theory]
    [MemberData(nameof(Groupings))]
    public async Task Every_period_gives_what_a_plain_count_over_the_activities_gives(string grouping)
    {
        var (by, measures) = Cases[grouping];
        var plain = await PlainCountAsync();
        var artois = await log.Host.TerritoryIdAsync("ART");
        await using var db = log.Host.CreateDb();
        var compared = 0;
        foreach (var (from, to) in Periods())
        {
            foreach (var territory in new int?[] { null, artois })
            {
                var query = new FigureQuery(from, to, by, measures) { TerritoryId = territory };
                var expected = plain.Expected(query);
                var actual = await PeriodFigures.ReadAsync(db, query);
                Assert.True(Sorted(expected).SequenceEqual(Sorted(actual)),
                    $"{grouping}, {from:yyyy-MM-dd} – {to:yyyy-MM-dd}, territoire {territory?.ToString(CultureInfo.InvariantCulture) ?? "tous"} :\nattendu\n{string.Join("\n", Sorted(expected))}\nlu\n{string.Join("\n", Sorted(actual))}");
                compared += expected.Count;
            }
        }
        Assert.True(compared >= 40, $"{compared} groupes comparés seulement");
    }

    [Fact]
    public async Task Only_keeps_the_named_centres_partners_or_workstreams()
    {
        var plain = await PlainCountAsync();
        await using var db = log.Host.CreateDb();
        var centres = await db.Centres.OrderBy(c => c.Id).Select(c => c.Id).Take(3).ToListAsync();
        var workstream = await db.Workstreams.Where(w => w.Number == 2).Select(w => w.Id).SingleAsync();
        foreach (var query in new[]
        {
            new FigureQuery(new(2022, 1, 10), new(2023, 3, 31), FigureGroup.Centre, Measure.Activities | Measure.LastDate) { Only = centres },
            new FigureQuery(new(2021, 9, 1), new(2023, 12, 31), FigureGroup.Workstream | FigureGroup.Territory, Measure.Minutes) { Only = [workstream] },
        })
        {
            var actual = await PeriodFigures.ReadAsync(db, query);
            Assert.NotEmpty(actual);
            Assert.Equal(Sorted(plain.Expected(query)), Sorted(actual));
        }
    }

    [Fact]
    public void A_grouping_or_a_measure_the_aggregates_do_not_keep_is_refused()
    {
        var day = new DateOnly(2023, 1, 1);
        Assert.Throws<ArgumentException>(() => new FigureQuery(day, day, FigureGroup.None, Measure.Activities));
        Assert.Throws<ArgumentException>(() => new FigureQuery(day, day, FigureGroup.Centre | FigureGroup.Partner, Measure.Activities));
        Assert.Throws<ArgumentException>(() => new FigureQuery(day, day, FigureGroup.Centre | FigureGroup.Type, Measure.Activities));
        Assert.Throws<ArgumentException>(() => new FigureQuery(day, day, FigureGroup.Partner, Measure.Minutes));
        Assert.Throws<ArgumentException>(() => new FigureQuery(day, day, FigureGroup.Territory, Measure.LastDate));
        Assert.Throws<ArgumentException>(() => new FigureQuery(day, day, FigureGroup.Territory, Measure.Activities) { Only = [1] });
    }

    private static List<string> Sorted(IEnumerable<FigureRow> rows) => rows.Select(r => r.ToString()).Order(StringComparer.Ordinal).ToList();

    private async Task<PlainCount> PlainCountAsync()
    {
        await using var db = log.Host.CreateDb();
        return new PlainCount(
            await db.Activities.AsNoTracking().Where(a => a.DeletedAt == null)
                .Include(a => a.Centres).Include(a => a.Partners).Include(a => a.Workstreams).Include(a => a.Audience).ToListAsync(),
            await db.Centres.ToDictionaryAsync(c => c.Id, c => c.TerritoryId),
            await db.Territories.ToDictionaryAsync(t => t.Id, t => t.SectorId),
            await db.AudienceGroups.ToDictionaryAsync(g => g.Id, g => g.Kind));
    }

    /// <summary>The figures of a query computed in memory, activity by activity, with no aggregate.</summary>
    private sealed record PlainCount(List<Activity> Activities, Dictionary<int, int> CentreTerritory, Dictionary<int, int> Sector, Dictionary<int, AudienceKind> Kinds)
    {
        public List<FigureRow> Expected(FigureQuery q)
        {
            var inPeriod = Activities.Where(a => a.Date >= q.From && a.Date <= q.To);
            var facts = q.Link switch
            {
                FigureGroup.Centre => inPeriod.SelectMany(a => a.Centres, (a, l) => (a, Territory: CentreTerritory[l.CentreId], Subject: l.CentreId, Count: (int?)null)),
                FigureGroup.Partner => inPeriod.SelectMany(a => a.Partners, (a, l) => (a, Territory: a.TerritoryId, Subject: l.PartnerId, Count: (int?)null)),
                FigureGroup.Workstream => inPeriod.SelectMany(a => a.Workstreams, (a, l) => (a, Territory: a.TerritoryId, Subject: l.WorkstreamId, Count: (int?)null)),
                // A group's inhabitants are its counts in the breakdown, not the activity's inhabitants.
                FigureGroup.Audience => inPeriod.SelectMany(a => a.Audience, (a, l) => (a, Territory: a.TerritoryId, Subject: l.AudienceGroupId, Count: (int?)l.Count)),
                _ => inPeriod.Select(a => (a, Territory: a.TerritoryId, Subject: 0, Count: (int?)null)),
            };
            return facts
                .Where(f => q.TerritoryId is null || f.Territory == q.TerritoryId)
                .Where(f => q.Only is null || q.Only.Contains(f.Subject))
                .GroupBy(f => new FigureRow
                {
                    TerritoryId = q.By.HasFlag(FigureGroup.Territory) ? f.Territory : 0,
                    SectorId = q.By.HasFlag(FigureGroup.Sector) ? Sector[f.Territory] : 0,
                    Month = q.By.HasFlag(FigureGroup.Month) ? new DateOnly(f.a.Date.Year, f.a.Date.Month, 1) : default,
                    Type = q.By.HasFlag(FigureGroup.Type) ? f.a.Type : default,
                    CentreId = q.By.HasFlag(FigureGroup.Centre) ? f.Subject : 0,
                    PartnerId = q.By.HasFlag(FigureGroup.Partner) ? f.Subject : 0,
                    WorkstreamId = q.By.HasFlag(FigureGroup.Workstream) ? f.Subject : 0,
                    AudienceGroupId = q.By.HasFlag(FigureGroup.Audience) ? f.Subject : 0,
                })
                .Select(g => g.Key with
                {
                    Activities = Sum(q, Measure.Activities, g, _ => 1),
                    Minutes = Sum(q, Measure.Minutes, g, a => a.DurationMinutes),
                    Inhabitants = q.Measures.HasFlag(Measure.Inhabitants) ? g.Sum(f => f.Count ?? f.a.InhabitantCount) : 0,
                    Professionals = Sum(q, Measure.Professionals, g, a => a.ProfessionalCount),
                    Volunteers = Sum(q, Measure.Volunteers, g, a => a.VolunteerCount),
                    PartnerCount = Sum(q, Measure.PartnerCount, g, a => a.PartnerCount),
                    EveningMinutes = Sum(q, Measure.EveningMinutes, g, a => a.StartTime is { } start && start.ToTimeSpan() + TimeSpan.FromMinutes(a.DurationMinutes) > TimeSpan.FromHours(19) ? a.DurationMinutes : 0),
                    WeekendMinutes = Sum(q, Measure.WeekendMinutes, g, a => a.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? a.DurationMinutes : 0),
                    AgesDescribed = Sum(q, Measure.AgesDescribed, g, a => a.Audience.Where(l => Kinds[l.AudienceGroupId] == AudienceKind.AgeBand).Sum(l => l.Count)),
                    PublicsDescribed = Sum(q, Measure.PublicsDescribed, g, a => a.Audience.Any(l => Kinds[l.AudienceGroupId] == AudienceKind.Public) ? a.InhabitantCount : 0),
                    LastDate = q.Measures.HasFlag(Measure.LastDate) ? g.Max(f => f.a.Date) : null,
                    LastVisitDate = q.Measures.HasFlag(Measure.LastVisitDate)
                        ? g.Where(f => f.a.Format == ActivityFormat.Visit || f.a.Type == ActivityType.CentreSupport).Max(f => (DateOnly?)f.a.Date)
                        : null,
                })
                .ToList();
        }

        private static int Sum(FigureQuery q, Measure measure, IEnumerable<(Activity a, int Territory, int Subject, int? Count)> group, Func<Activity, int> value) =>
            q.Measures.HasFlag(measure) ? group.Sum(f => value(f.a)) : 0;
    }
}
