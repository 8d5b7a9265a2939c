using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Core.Network;
using CscDashboard.Core.Tools;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Cli;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core;

/// <summary>A national data set at a tiny scale (3 territories, 2,000 activities), seeded once for the read-only tests.</summary>
public sealed class TinyNationalDatabase : IAsyncLifetime
{
    public static readonly NationalScale Scale = new(Territories: 3, Centres: 30, Members: 120, Activities: 2_000);

    public CoreTestContext Host { get; private set; } = null!;
    public NationalSeedResult Result { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await CoreTestContext.CreateAsync();
        Result = await Host.Get<NationalDataSeeder>().SeedAsync(Scale, CoreTestContext.Password);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class NationalDataSeederTests(TinyNationalDatabase tiny) : IClassFixture<TinyNationalDatabase>
{
    private static readonly string[] FirstThreeCodes = ["N001", "N002", "N003"];

    [Fact]
    public async Task Tiny_scale_has_the_requested_counts()
    {
        await using var db = tiny.Host.CreateDb();
        var territories = await db.Territories.Where(t => t.Code.StartsWith(NationalDataSeeder.TerritoryCodePrefix))
            .OrderBy(t => t.Code).Select(t => new { t.Id, t.Code, t.Name, Sector = t.Sector!.Name }).ToListAsync();

        Assert.Equal(FirstThreeCodes, territories.Select(t => t.Code));
        Assert.Equal("Territoire 001 — Ain", territories[0].Name);
        Assert.Equal("Région Hauts-de-France", territories[1].Sector);
        Assert.Equal(30, await db.Centres.CountAsync());
        Assert.Equal(120, await db.Members.CountAsync());
        Assert.Equal(3 * 10 + 20, await db.Partners.CountAsync());
        Assert.Equal(20, await db.Partners.CountAsync(p => p.TerritoryId == null));
        Assert.Equal(2_000, await db.Activities.CountAsync());
        Assert.Equal((3, 30, 120, 50, 3, 2_000), (tiny.Result.Territories, tiny.Result.Centres, tiny.Result.Members, tiny.Result.Partners, tiny.Result.Accounts, tiny.Result.Activities));
        Assert.True(await db.SystemSettings.AnyAsync(s => s.Key == SystemSetting.NationalDataSeededAt));

        // One coordinator account per territory, linked to it and to its member record, author of its activities.
        var ids = territories.Select(t => t.Id).ToList();
        var coordinators = await db.CoordinatorTerritories.Where(c => ids.Contains(c.TerritoryId)).ToListAsync();
        Assert.Equal(ids.Order(), coordinators.Select(c => c.TerritoryId).Order());
        Assert.Equal(1, await db.Users.Select(u => u.PasswordHash).Distinct().CountAsync());
        Assert.Equal(3, await db.Members.CountAsync(m => m.UserId != null && m.Role == MemberRole.Coordinator));
        Assert.False(await db.Activities.AnyAsync(a => !db.CoordinatorTerritories.Any(c => c.UserId == a.AuthorId && c.TerritoryId == a.TerritoryId)));
    }

    [Fact]
    public async Task Links_come_at_realistic_rates()
    {
        await using var db = tiny.Host.CreateDb();
        double total = await db.Activities.CountAsync();
        var withCentre = await db.ActivityCentres.Select(l => l.ActivityId).Distinct().CountAsync() / total;
        var withPartner = await db.ActivityPartners.Select(l => l.ActivityId).Distinct().CountAsync() / total;
        var withWorkstream = await db.ActivityWorkstreams.Select(l => l.ActivityId).Distinct().CountAsync() / total;

        Assert.InRange(withCentre, 0.40, 0.60);
        Assert.InRange(withPartner, 0.10, 0.20);
        Assert.InRange(withWorkstream, 0.25, 0.35);
        // Centres and partners of the activity's own territory (or federation-wide partners).
        Assert.False(await db.ActivityCentres.AnyAsync(l => l.Centre!.TerritoryId != l.Activity!.TerritoryId));
        Assert.False(await db.ActivityPartners.AnyAsync(l => l.Partner!.TerritoryId != null && l.Partner.TerritoryId != l.Activity!.TerritoryId));
    }

    [Fact]
    public async Task Every_activity_date_falls_inside_its_operation_and_the_three_years()
    {
        await using var db = tiny.Host.CreateDb();

        Assert.Equal(0, await db.Activities.CountAsync(a => a.Date < a.Operation!.StartDate || a.Date > a.Operation.EndDate));
        Assert.Equal(NationalDataSeeder.FirstDay, await db.Activities.MinAsync(a => a.Date));
        Assert.Equal(NationalDataSeeder.LastDay, await db.Activities.MaxAsync(a => a.Date));
        Assert.Equal(new[] { ReferenceData.FirstOperationCode, DemoDataSeeder.SecondOperationCode },
            await db.Activities.Select(a => a.Operation!.Code).Distinct().OrderBy(c => c).ToListAsync());
    }

    [Fact]
    public async Task Aggregates_equal_a_direct_group_by_over_the_activities()
    {
        await using var db = tiny.Host.CreateDb();
        var live = db.Activities.Where(a => a.DeletedAt == null);

        var byType = await live.GroupBy(a => new { a.TerritoryId, a.Month, a.Type })
            .Select(g => new
            {
                g.Key.TerritoryId, g.Key.Month, g.Key.Type, N = g.Count(), Minutes = g.Sum(a => a.DurationMinutes), Inhabitants = g.Sum(a => a.InhabitantCount),
                Evening = g.Sum(a => a.IsEvening ? a.DurationMinutes : 0), Weekend = g.Sum(a => a.IsWeekend ? a.DurationMinutes : 0)
            })
            .ToListAsync();
        var stats = await db.ActivityMonthStats.Select(s => new { s.TerritoryId, s.Month, s.Type, N = s.Activities, s.Minutes, s.Inhabitants, Evening = s.EveningMinutes, Weekend = s.WeekendMinutes })
            .ToListAsync();
        Assert.Equal(Sorted(byType.Select(r => r.ToString())), Sorted(stats.Select(r => r.ToString())));

        var byCentre = await db.ActivityCentres.Join(live, l => l.ActivityId, a => a.Id, (l, a) => new { l.CentreId, a.Month, a.Date, a.DurationMinutes })
            .GroupBy(x => new { x.CentreId, x.Month }).Select(g => new { g.Key.CentreId, g.Key.Month, N = g.Count(), Minutes = g.Sum(x => x.DurationMinutes), Last = g.Max(x => x.Date) })
            .ToListAsync();
        var centreStats = await db.CentreMonthStats.Select(s => new { s.CentreId, s.Month, N = s.Activities, s.Minutes, Last = s.LastDate }).ToListAsync();
        Assert.Equal(Sorted(byCentre.Select(r => r.ToString())), Sorted(centreStats.Select(r => r.ToString())));

        var byPartner = await db.ActivityPartners.Join(live, l => l.ActivityId, a => a.Id, (l, a) => new { l.PartnerId, a.TerritoryId, a.Month })
            .GroupBy(x => new { x.PartnerId, x.TerritoryId, x.Month }).Select(g => new { g.Key.PartnerId, g.Key.TerritoryId, g.Key.Month, N = g.Count() })
            .ToListAsync();
        var partnerStats = await db.PartnerMonthStats.Select(s => new { s.PartnerId, s.TerritoryId, s.Month, N = s.Activities }).ToListAsync();
        Assert.Equal(Sorted(byPartner.Select(r => r.ToString())), Sorted(partnerStats.Select(r => r.ToString())));

        var byWorkstream = await db.ActivityWorkstreams.Join(live, l => l.ActivityId, a => a.Id, (l, a) => new { l.WorkstreamId, a.TerritoryId, a.Month, a.DurationMinutes })
            .GroupBy(x => new { x.WorkstreamId, x.TerritoryId, x.Month }).Select(g => new { g.Key.WorkstreamId, g.Key.TerritoryId, g.Key.Month, N = g.Count(), Minutes = g.Sum(x => x.DurationMinutes) })
            .ToListAsync();
        var workstreamStats = await db.WorkstreamMonthStats.Select(s => new { s.WorkstreamId, s.TerritoryId, s.Month, N = s.Activities, s.Minutes }).ToListAsync();
        Assert.Equal(Sorted(byWorkstream.Select(r => r.ToString())), Sorted(workstreamStats.Select(r => r.ToString())));
    }

    [Fact]
    public async Task The_hand_written_bench_sql_counts_the_same_activities_as_the_dashboards()
    {
        var dashboards = tiny.Host.Get<DashboardService>();
        var operation = Period.Of((await dashboards.OperationsAsync()).First(o => o.Code == ReferenceData.FirstOperationCode));
        await using var db = tiny.Host.CreateDb();
        await db.Database.OpenConnectionAsync();
        var sql = new DashboardSql(db.Database.GetDbConnection());

        var today = tiny.Host.Clock.Today();
        foreach (var period in new[] { operation, Period.Quarter(2023, 1), Period.Custom(new(2022, 2, 10), new(2022, 7, 20)) })
        {
            Assert.Equal((await dashboards.GetOverviewAsync(period)).Kpis.Activities.Value, (await sql.OverviewAsync(period, today)).Activities);
        }
        using var counter = tiny.Host.CountCommands();
        var territory = await dashboards.GetTerritoryAsync("N002", Period.Year(2023));
        var issued = counter.Count;
        var run = await sql.TerritoryAsync("N002", Period.Year(2023), today);
        Assert.Equal(territory.Overview.Kpis.Activities.Value, run.Activities);
        // The yardstick runs one statement per query of the service, no more, no fewer.
        Assert.True(run.Statements >= 15, $"{run.Statements} statements");
        Assert.True(issued == run.Statements, $"app {issued} statements, hand-written {run.Statements}:\n" + string.Join("\n---\n", counter.Statements));
    }

    [Fact]
    public async Task The_same_scale_gives_the_same_activities()
    {
        await using var other = await CoreTestContext.CreateAsync();
        await other.Get<NationalDataSeeder>().SeedAsync(TinyNationalDatabase.Scale, CoreTestContext.Password);

        Assert.Equal(await FingerprintAsync(tiny.Host), await FingerprintAsync(other));
    }

    [Fact]
    public async Task A_database_with_a_network_is_refused()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            tiny.Host.Get<NationalDataSeeder>().SeedAsync(TinyNationalDatabase.Scale, CoreTestContext.Password));

        Assert.Contains("base neuve", error.Message);
        await using var db = tiny.Host.CreateDb();
        Assert.Equal(2_000, await db.Activities.CountAsync());
    }

    private static async Task<string[]> FingerprintAsync(CoreTestContext host)
    {
        await using var db = host.CreateDb();
        return await db.Activities.OrderBy(a => a.Id)
            .Select(a => a.Date + " " + a.StartTime + " " + a.Territory!.Code + " " + a.Type + " " + a.Title + " " + a.Centres.Count() + " " + a.Partners.Count())
            .ToArrayAsync();
    }

    private static List<string> Sorted(IEnumerable<string?> rows) => rows.Select(r => r ?? "").Order(StringComparer.Ordinal).ToList();
}
