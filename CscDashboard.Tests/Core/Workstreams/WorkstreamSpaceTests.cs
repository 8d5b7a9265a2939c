using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Workstreams;
using CscDashboard.Tests.Infrastructure;
using static CscDashboard.Tests.Core.Workstreams.WorkstreamTestData;

namespace CscDashboard.Tests.Core.Workstreams;

public sealed class WorkstreamSpaceTests
{
    private static readonly DateOnly Q1From = new(2023, 1, 1);
    private static readonly DateOnly Q1To = new(2023, 3, 31);

    /// <summary>
    /// Seven activities with known answers, logged by the project lead:
    /// workstream 1 in Q1 2023 = ART 2 activities / 150 min / 15 inhabitants, VAL 1 / 120 / 20;
    /// excluded: a deleted one (VAL), one before the period (VAL), one of workstream 2 only (LIL), one without workstream (LIL).
    /// </summary>
    private static async Task<(int Ws1, int Ws2, int DeletedId)> SeedAsync(CoreTestContext ctx)
    {
        var ws1 = await WorkstreamIdAsync(ctx, 1);
        var ws2 = await WorkstreamIdAsync(ctx, 2);
        var art = await ctx.TerritoryIdAsync("ART");
        var val = await ctx.TerritoryIdAsync("VAL");
        var lil = await ctx.TerritoryIdAsync("LIL");
        ctx.ActAs(await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        var service = ctx.Get<ActivityService>();

        Task<int> Log(int territory, DateOnly date, int minutes, int inhabitants, string title, params int[] workstreams) =>
            service.CreateAsync(new ActivityInput
            {
                Date = date, DurationMinutes = minutes, TerritoryId = territory, Type = ActivityType.Workstream, Format = ActivityFormat.Workshop,
                Place = ActivityPlace.InCentre, Title = title, InhabitantCount = inhabitants, WorkstreamIds = workstreams,
            });

        await Log(art, new(2023, 1, 10), 90, 12, "Atelier démarches en ligne", ws1);
        await Log(art, new(2023, 2, 5), 60, 3, "Atelier parents et écrans", ws1, ws2);
        await Log(val, new(2023, 3, 1), 120, 20, "Permanence accès aux droits", ws1);
        var deleted = await Log(val, new(2023, 3, 2), 45, 100, "Saisie en double", ws1);
        await Log(val, new(2022, 12, 31), 30, 7, "Atelier de fin d'année", ws1);
        await Log(lil, new(2023, 3, 10), 60, 50, "Sortie jeunesse", ws2);
        await Log(lil, new(2023, 3, 11), 60, 9, "Réunion de coordination");
        await service.DeleteAsync(deleted, 1);
        return (ws1, ws2, deleted);
    }

    [Fact]
    public async Task Figures_per_territory_count_the_tagged_activities_of_the_period_and_leave_out_deleted_ones()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var (ws1, ws2, _) = await SeedAsync(ctx);
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "CAM"));
        var service = ctx.Get<WorkstreamService>();

        var figures = await service.GetFiguresAsync(ws1, Q1From, Q1To);

        Assert.Equal(10, figures.Territories.Count);
        Assert.Equal(["FIA", "ART", "LIT", "VAL", "DOU", "LLH", "LIL", "RTL", "SAM", "CAM"], figures.Territories.Select(t => t.Code));
        var art = figures.Territories.Single(t => t.Code == "ART");
        Assert.Equal((2, 150, 15), (art.Activities, art.Minutes, art.Inhabitants));
        Assert.Equal(2.5, art.Hours);
        var val = figures.Territories.Single(t => t.Code == "VAL");
        Assert.Equal((1, 120, 20), (val.Activities, val.Minutes, val.Inhabitants));
        Assert.All(figures.Territories.Where(t => t.Code is not ("ART" or "VAL")), t => Assert.Equal((0, 0, 0), (t.Activities, t.Minutes, t.Inhabitants)));
        Assert.Equal((3, 270, 4.5, 35), (figures.Activities, figures.Minutes, figures.Hours, figures.Inhabitants));

        var second = await service.GetFiguresAsync(ws2, Q1From, Q1To);
        Assert.Equal((1, 60, 3), Triple(second, "ART"));
        Assert.Equal((1, 60, 50), Triple(second, "LIL"));
        Assert.Equal(2, second.Activities);
    }

    [Fact]
    public async Task The_space_defaults_to_the_operation_of_today_and_lists_the_sessions_newest_first()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var (ws1, _, deleted) = await SeedAsync(ctx);
        var coordinator = await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART", "LIT");
        await AddCoAnimatorAsync(ctx, ws1, coordinator.UserId!);
        ctx.ActAs(coordinator);

        var space = await ctx.Get<WorkstreamService>().GetSpaceAsync(1);

        Assert.Equal("Inclusion numérique et accès aux droits", space.Name);
        Assert.Equal((new DateOnly(2021, 9, 1), new DateOnly(2023, 12, 31)), (space.From, space.To));
        // The whole operation includes the activity of 31 December 2022.
        Assert.Equal((2, 150, 27), Triple(space.Figures, "VAL"));
        var coAnimator = Assert.Single(space.Coordinators);
        Assert.Equal("coord", coAnimator.DisplayName);
        Assert.Equal(["Artois", "Littoral & ruralité du Pas-de-Calais"], coAnimator.Territories);
        Assert.Equal(new WorkstreamPermissions(true, true, true), space.Permissions);

        var sessions = space.Sessions!;
        Assert.Equal(4, sessions.TotalCount);
        Assert.Equal(["Permanence accès aux droits", "Atelier parents et écrans", "Atelier démarches en ligne", "Atelier de fin d'année"],
            sessions.Items.Select(s => s.Title));
        Assert.DoesNotContain(sessions.Items, s => s.Id == deleted);

        var q1 = await ctx.Get<WorkstreamService>().GetSpaceAsync(1, Q1From, Q1To, new PageRequest(1, 2));
        Assert.Equal(3, q1.Sessions!.TotalCount);
        Assert.Equal("Atelier démarches en ligne", Assert.Single(q1.Sessions.Items).Title);
        Assert.Equal((1, 120, 20), Triple(q1.Figures, "VAL"));
    }

    [Fact]
    public async Task The_committee_gets_the_figures_but_no_names_and_no_sessions()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var (ws1, _, _) = await SeedAsync(ctx);
        var coordinator = await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART");
        await AddCoAnimatorAsync(ctx, ws1, coordinator.UserId!);
        ctx.ActAs(await ctx.AddUserAsync("committee@test.csc", Roles.Committee));
        var service = ctx.Get<WorkstreamService>();

        var space = await service.GetSpaceAsync(1, Q1From, Q1To);

        Assert.Equal(3, space.Figures.Activities);
        Assert.Empty(space.Coordinators);
        Assert.Null(space.Sessions);
        Assert.Equal(new WorkstreamPermissions(false, false, false), space.Permissions);
        await Assert.ThrowsAsync<ScopeViolationException>(() => service.ListSessionsAsync(ws1, Q1From, Q1To, new PageRequest()));
        await Assert.ThrowsAsync<ScopeViolationException>(() => ctx.Get<WatchItemService>().ListAsync(ws1, new WatchItemFilter(), new PageRequest()));
        await Assert.ThrowsAsync<ScopeViolationException>(() => ctx.Get<DeliverableService>().ListAsync(ws1));
    }

    [Fact]
    public async Task An_unknown_workstream_is_not_found()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));

        await Assert.ThrowsAsync<NotFoundException>(() => ctx.Get<WorkstreamService>().GetSpaceAsync(4));
    }

    [Fact]
    public void The_default_period_is_the_operation_of_today_else_the_last_one_begun()
    {
        OperationPeriod[] operations =
        [
            new(1, "A", new(2021, 9, 1), new(2023, 12, 31)),
            new(2, "B", new(2024, 1, 1), new(2027, 12, 31)),
        ];

        Assert.Equal((new DateOnly(2024, 1, 1), new DateOnly(2027, 12, 31)), WorkstreamService.ResolvePeriod(null, null, operations, new(2026, 5, 4)));
        Assert.Equal((new DateOnly(2024, 1, 1), new DateOnly(2027, 12, 31)), WorkstreamService.ResolvePeriod(null, null, operations, new(2030, 1, 1)));
        Assert.Equal((new DateOnly(2021, 9, 1), new DateOnly(2023, 12, 31)), WorkstreamService.ResolvePeriod(null, null, operations, new(2020, 1, 1)));
        Assert.Equal((new DateOnly(2022, 1, 1), new DateOnly(2023, 12, 31)), WorkstreamService.ResolvePeriod(new(2022, 1, 1), null, operations, new(2023, 5, 1)));
        // Bounds given the wrong way round are swapped.
        Assert.Equal((new DateOnly(2022, 1, 1), new DateOnly(2022, 3, 31)), WorkstreamService.ResolvePeriod(new(2022, 3, 31), new(2022, 1, 1), operations, new(2023, 5, 1)));
    }

    private static (int, int, int) Triple(WorkstreamSpaceFigures figures, string code)
    {
        var t = figures.Territories.Single(x => x.Code == code);
        return (t.Activities, t.Minutes, t.Inhabitants);
    }
}
