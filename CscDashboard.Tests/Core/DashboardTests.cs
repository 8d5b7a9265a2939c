using System.Text.Json;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Network;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core;

/// <summary>
/// A small hand-made month (February 2023, previous month January) with known answers. Today is
/// 2023-03-15. Activities go through <see cref="ActivityService"/>, so the monthly aggregates are
/// maintained as in production.
/// </summary>
public sealed class DashboardTests : IAsyncLifetime
{
    private CoreTestContext _ctx = default!;
    private int _art, _lil, _a1, _a2, _a3, _p1, _p2, _ws1;
    private CurrentUser _coordinator = default!;

    public async Task InitializeAsync()
    {
        _ctx = await CoreTestContext.CreateAsync();
        _art = await _ctx.TerritoryIdAsync("ART");
        _lil = await _ctx.TerritoryIdAsync("LIL");
        await using (var db = _ctx.CreateDb())
        {
            SocialCentre Centre(string name, int territory, DateOnly? engaged, CentreStatus status) =>
                new() { Name = name, Commune = "C", Postcode = "62000", TerritoryId = territory, Status = status, EngagedOn = engaged };
            var a1 = Centre("Centre A1", _art, new(2022, 1, 10), CentreStatus.Engaged);
            var a2 = Centre("Centre A2", _art, new(2023, 2, 1), CentreStatus.Engaged);
            var a3 = Centre("Centre A3", _art, null, CentreStatus.Candidate);
            var l1 = Centre("Centre L1", _lil, new(2021, 10, 1), CentreStatus.Engaged);
            db.Centres.AddRange(a1, a2, a3, l1);
            var p1 = new Partner { Name = "Mairie de Béthune", Kind = PartnerKind.Commune, TerritoryId = _art };
            var p2 = new Partner { Name = "CAF du Pas-de-Calais", Kind = PartnerKind.Caf };
            db.Partners.AddRange(p1, p2);
            await db.SaveChangesAsync();
            (_a1, _a2, _a3, _p1, _p2) = (a1.Id, a2.Id, a3.Id, p1.Id, p2.Id);
            db.Members.AddRange(
                new NetworkMember { FirstName = "Inès", LastName = "Ctnova", Role = MemberRole.Ctn, TerritoryId = _art, CentreId = _a1, ActiveFrom = new(2021, 9, 1) },
                new NetworkMember { FirstName = "Marc", LastName = "Médiateur", Role = MemberRole.Mediator, TerritoryId = _art, CentreId = _a2, ActiveFrom = new(2023, 4, 1) },
                new NetworkMember { FirstName = "Paul", LastName = "Bénévole", Role = MemberRole.Volunteer, TerritoryId = _art, ActiveFrom = new(2022, 1, 1) },
                new NetworkMember { FirstName = "Lucie", LastName = "Partie", Role = MemberRole.Ctn, TerritoryId = _lil, ActiveFrom = new(2021, 9, 1), ActiveTo = new(2022, 12, 31) });
            _ws1 = await db.Workstreams.Where(w => w.Number == 1).Select(w => w.Id).SingleAsync();
            await db.SaveChangesAsync();
        }

        _coordinator = await _ctx.AddUserAsync("coord-art@test.csc", Roles.Coordinator, "ART");
        _ctx.ActAs(_coordinator);
        var service = _ctx.Get<ActivityService>();
        ActivityInput Input(DateOnly date, int minutes, ActivityType type, ActivityFormat format, TimeOnly? start = null) => new()
        {
            Date = date, DurationMinutes = minutes, TerritoryId = _art, Type = type, Format = format, Place = ActivityPlace.InCentre,
            Title = $"{type} {date}", StartTime = start,
        };
        // February 2023 in Artois.
        await service.CreateAsync(Input(new(2023, 2, 6), 60, ActivityType.CentreSupport, ActivityFormat.Visit, new(10, 0)) with
        {
            CentreIds = [_a1],
            ProfessionalCount = 2,
            VolunteerCount = 1,
            PartnerIds = [_p1],
        });
        await service.CreateAsync(Input(new(2023, 2, 11), 120, ActivityType.PublicAction, ActivityFormat.Workshop, new(18, 0)) with
        {
            CentreIds = [_a2],
            InhabitantCount = 10,
            WorkstreamIds = [_ws1],
        });
        await service.CreateAsync(Input(new(2023, 2, 8), 30, ActivityType.CentreSupport, ActivityFormat.Meeting, new(19, 30)));
        var deleted = await service.CreateAsync(Input(new(2023, 2, 15), 240, ActivityType.Coordination, ActivityFormat.Meeting) with { CentreIds = [_a3] });
        await service.DeleteAsync(deleted, 1);
        // January 2023 (the previous period) and an old visit of A3.
        await service.CreateAsync(Input(new(2023, 1, 10), 90, ActivityType.NetworkAnimation, ActivityFormat.Meeting) with { PartnerIds = [_p2] });
        await service.CreateAsync(Input(new(2022, 11, 15), 45, ActivityType.CentreSupport, ActivityFormat.Visit) with { CentreIds = [_a3] });
        // February 2023 in Lille, logged by the project lead.
        _ctx.ActAs(await _ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        await _ctx.Get<ActivityService>().CreateAsync(Input(new(2023, 2, 20), 30, ActivityType.Coordination, ActivityFormat.Phone) with { TerritoryId = _lil });
        _ctx.ActAs(_coordinator);
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task The_overview_kpis_and_their_change_against_the_previous_month()
    {
        var overview = await _ctx.Get<DashboardService>().GetOverviewAsync(Period.Month(2023, 2));
        var k = overview.Kpis;

        Assert.Equal(Period.Month(2023, 1), overview.PreviousPeriod);
        Assert.Equal((4, 1, 300.0), (k.Activities.Value, k.Activities.Previous, k.Activities.ChangePercent));
        Assert.Equal((4.0, 1.5), (k.Hours.Value, k.Hours.Previous));
        Assert.Equal(166.7, k.Hours.ChangePercent);
        Assert.Equal((10, 0), (k.Inhabitants.Value, k.Inhabitants.Previous));
        Assert.Null(k.Inhabitants.ChangePercent);
        Assert.Equal(3, k.ProfessionalsAndVolunteers.Value);
        Assert.Equal((3, 2), (k.CentresEngaged.Value, k.CentresEngaged.Previous));
        Assert.Equal((2, 0), (k.CentresActive.Value, k.CentresActive.Previous));
        Assert.Equal(2, k.MembersActive.Value);
        Assert.Equal((1, 1), (k.PartnersMet.Value, k.PartnersMet.Previous));
    }

    [Fact]
    public async Task Territories_sectors_types_workstreams_and_trend()
    {
        var overview = await _ctx.Get<DashboardService>().GetOverviewAsync(Period.Month(2023, 2));

        Assert.Equal(10, overview.Territories.Count);
        var art = overview.Territories.Single(t => t.Code == "ART").Figures;
        Assert.Equal((3, 3.5, 2, 1), (art.Activities, art.Hours, art.CentresActive, art.PartnersMet));
        Assert.Equal(1, overview.Territories.Single(t => t.Code == "LIL").Figures.Activities);
        Assert.Equal(3, overview.Sectors.Single(s => s.Number == 1).Figures.Activities);
        Assert.Equal(1, overview.Sectors.Single(s => s.Number == 3).Figures.Activities);
        Assert.Equal(2, overview.Types.Single(t => t.Type == ActivityType.CentreSupport).Activities);
        Assert.DoesNotContain(overview.Types, t => t.Type == ActivityType.NetworkAnimation);
        var ws = overview.Workstreams.Single(w => w.Id == _ws1);
        Assert.Equal((1, 2.0, 10), (ws.Activities, ws.Hours, ws.Inhabitants));

        Assert.Equal(12, overview.Trend.Count);
        Assert.Equal(new DateOnly(2022, 3, 1), overview.Trend[0].Month);
        Assert.Equal([1, 0, 1, 4], overview.Trend.Skip(8).Select(m => m.Activities));
    }

    [Fact]
    public async Task A_custom_period_adds_the_days_outside_whole_months()
    {
        var service = _ctx.Get<DashboardService>();

        var partial = await service.GetOverviewAsync(Period.Custom(new(2023, 2, 7), new(2023, 3, 10)));
        Assert.Equal(3, partial.Kpis.Activities.Value);
        Assert.Equal(3.0, partial.Kpis.Hours.Value);
        Assert.Equal(1, partial.Kpis.CentresActive.Value);

        var crossing = await service.GetOverviewAsync(Period.Custom(new(2023, 1, 5), new(2023, 2, 28)));
        Assert.Equal(5, crossing.Kpis.Activities.Value);
        Assert.Equal(2, crossing.Kpis.PartnersMet.Value);
    }

    [Fact]
    public async Task The_territory_dashboard_flags_dormant_centres_and_shares_of_evening_and_weekend_work()
    {
        var dashboard = await _ctx.Get<DashboardService>().GetTerritoryAsync("ART", Period.Month(2023, 2));

        Assert.Equal(new DateOnly(2023, 2, 28), dashboard.DormantReference);
        var centres = dashboard.Centres.ToDictionary(c => c.Id);
        Assert.Equal((1, 1.0, new DateOnly(2023, 2, 6), false), (centres[_a1].Activities, centres[_a1].Hours, centres[_a1].LastVisit, centres[_a1].Dormant));
        Assert.Equal((new DateOnly(2023, 2, 11), (DateOnly?)null, false), (centres[_a2].LastActivity, centres[_a2].LastVisit, centres[_a2].Dormant));
        Assert.Equal((new DateOnly(2022, 11, 15), true), (centres[_a3].LastActivity!.Value, centres[_a3].Dormant));
        Assert.Equal((1, 2), (dashboard.CentresWithDigitalStaff, dashboard.CentresWithoutDigitalStaff));
        Assert.True(centres[_a1].HasDigitalStaff);
        Assert.Equal(150.0 / 210, dashboard.EveningShare, 3);
        Assert.Equal(120.0 / 210, dashboard.WeekendShare, 3);
        Assert.Equal("Mairie de Béthune", Assert.Single(dashboard.TopPartners).Name);
        Assert.Equal(3, dashboard.Overview.Kpis.Activities.Value);
    }

    [Fact]
    public async Task Sixty_days_without_activity_makes_a_centre_dormant()
    {
        // On 2023-01-14 the November visit of A3 is 60 days old: not yet dormant; the day after, it is.
        var service = _ctx.Get<DashboardService>();
        var on14 = await service.GetTerritoryAsync("ART", Period.Custom(new(2023, 1, 1), new(2023, 1, 14)));
        var on15 = await service.GetTerritoryAsync("ART", Period.Custom(new(2023, 1, 1), new(2023, 1, 15)));

        Assert.False(on14.Centres.Single(c => c.Id == _a3).Dormant);
        Assert.True(on15.Centres.Single(c => c.Id == _a3).Dormant);
    }

    [Fact]
    public async Task The_committee_gets_the_overview_without_any_name_and_no_territory_dashboard()
    {
        _ctx.ActAs(await _ctx.AddUserAsync("committee@test.csc", Roles.Committee));
        var service = _ctx.Get<DashboardService>();

        var overview = await service.GetOverviewAsync(Period.Month(2023, 2));
        var json = JsonSerializer.Serialize(overview);

        Assert.Equal(4, overview.Kpis.Activities.Value);
        foreach (var name in new[] { "coord-art", "lead", "Inès", "Ctnova", "Médiateur", "Bénévole" })
        {
            Assert.DoesNotContain(name, json);
        }
        await Assert.ThrowsAsync<ScopeViolationException>(() => service.GetTerritoryAsync("ART", Period.Month(2023, 2)));
    }

    [Fact]
    public async Task A_centre_moved_to_another_territory_takes_its_figures_along()
    {
        _ctx.ActAs(await _ctx.AddUserAsync("lead-move@test.csc", Roles.ProjectLead));
        var centres = _ctx.Get<CentreService>();
        var a1 = await centres.GetAsync(_a1);
        await centres.UpdateAsync(_a1, a1.Input with { TerritoryId = _lil });

        var overview = await _ctx.Get<DashboardService>().GetOverviewAsync(Period.Month(2023, 2));

        Assert.Equal(1, overview.Territories.Single(t => t.Code == "ART").Figures.CentresActive);
        Assert.Equal(1, overview.Territories.Single(t => t.Code == "LIL").Figures.CentresActive);
        await using var db = _ctx.CreateDb();
        var incremental = await SnapshotAsync(db);
        await ActivityStatsUpdater.RebuildAllAsync(db);
        Assert.Equal(incremental, await SnapshotAsync(db));
    }

    [Fact]
    public async Task Aggregates_kept_on_each_write_equal_a_full_rebuild()
    {
        await using var db = _ctx.CreateDb();
        var incremental = await SnapshotAsync(db);

        await ActivityStatsUpdater.RebuildAllAsync(db);

        Assert.Equal(incremental, await SnapshotAsync(db));
        Assert.Contains("ART|2023-02-01|PublicAction|1|120|10|0|0|120|120", incremental);
    }

    private static async Task<List<string>> SnapshotAsync(CscDashboard.Core.Data.AppDbContext db)
    {
        var codes = await db.Territories.ToDictionaryAsync(t => t.Id, t => t.Code);
        var rows = new List<string>();
        rows.AddRange((await db.ActivityMonthStats.AsNoTracking().ToListAsync())
            .Select(s => $"{codes[s.TerritoryId]}|{s.Month:yyyy-MM-dd}|{s.Type}|{s.Activities}|{s.Minutes}|{s.Inhabitants}|{s.Professionals}|{s.Volunteers}|{s.EveningMinutes}|{s.WeekendMinutes}"));
        rows.AddRange((await db.CentreMonthStats.AsNoTracking().ToListAsync()).Select(s => $"C{s.CentreId}|{s.TerritoryId}|{s.Month}|{s.Activities}|{s.Minutes}|{s.LastDate}|{s.LastVisitDate}"));
        rows.AddRange((await db.PartnerMonthStats.AsNoTracking().ToListAsync()).Select(s => $"P{s.PartnerId}|{s.TerritoryId}|{s.Month}|{s.Activities}"));
        rows.AddRange((await db.WorkstreamMonthStats.AsNoTracking().ToListAsync()).Select(s => $"W{s.WorkstreamId}|{s.TerritoryId}|{s.Month}|{s.Activities}|{s.Minutes}|{s.Inhabitants}"));
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
