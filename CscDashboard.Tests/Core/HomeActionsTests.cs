using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Compliance;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Core.Home;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CscDashboard.Tests.Core.ActivityTestData;

namespace CscDashboard.Tests.Core;

/// <summary>The home page's action hub: my week, my latest entries, the evidence my territories owe; and "Mes activités".</summary>
public sealed class HomeActionsTests
{
    [Fact]
    public async Task The_week_counts_my_own_activities_from_monday_to_sunday_and_the_latest_entries_come_first()
    {
        // Today is Wednesday 15 March 2023: the week runs from Monday 13 to Sunday 19.
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        var colleague = await ctx.AddUserAsync("collegue@test.csc", Roles.Coordinator, "ART");
        var me = await ctx.AddUserAsync("moi@test.csc", Roles.Coordinator, "ART");
        ctx.ActAs(colleague);
        await ctx.Get<ActivityService>().CreateAsync(Visit(art, "Visite du collègue") with { DurationMinutes = 240 });
        ctx.ActAs(me);
        var service = ctx.Get<ActivityService>();
        await service.CreateAsync(Visit(art, "Dimanche d'avant") with { Date = new DateOnly(2023, 3, 12), DurationMinutes = 120 });
        await service.CreateAsync(Visit(art, "Lundi") with { Date = new DateOnly(2023, 3, 13), DurationMinutes = 60 });
        await service.CreateAsync(Visit(art, "Mercredi") with { DurationMinutes = 90 });
        var deleted = await service.CreateAsync(Visit(art, "Supprimée") with { Date = new DateOnly(2023, 3, 14), DurationMinutes = 300 });
        await service.DeleteAsync(deleted, 1);
        await service.CreateAsync(Visit(art, "Dimanche") with { Date = new DateOnly(2023, 3, 19), DurationMinutes = 30 });
        await service.CreateAsync(Visit(art, "Lundi suivant") with { Date = new DateOnly(2023, 3, 20), DurationMinutes = 45 });

        var actions = await ctx.Get<HomeService>().GetActionsAsync();

        Assert.Equal(new DateOnly(2023, 3, 13), actions.Monday);
        Assert.Equal(180, actions.WeekMinutes);
        Assert.Equal(3, actions.WeekEntries);
        // The last five entered, newest first; neither the deleted one nor the colleague's.
        Assert.Equal(["Lundi suivant", "Dimanche", "Mercredi", "Lundi", "Dimanche d'avant"], actions.Recent.Select(r => r.Title));
        Assert.Equal(new DateOnly(2023, 3, 20), actions.Recent[0].Date);
        Assert.Equal(45, actions.Recent[0].DurationMinutes);
    }

    [Fact]
    public async Task The_evidence_owed_is_the_compliance_to_do_count_of_my_territories_only()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var artCoordinator = await ctx.AddUserAsync("coord-art@test.csc", Roles.Coordinator, "ART");
        var valCoordinator = await ctx.AddUserAsync("coord-val@test.csc", Roles.Coordinator, "VAL");
        var lead = await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead);
        // Each territory: an engaged centre (publicity proof owed) and a public action there (attendance sheet owed).
        foreach (var (user, code) in new[] { (artCoordinator, "ART"), (valCoordinator, "VAL") })
        {
            var centre = await AddCentreAsync(ctx, code, $"Centre social {code}");
            ctx.ActAs(user);
            await ctx.Get<ActivityService>().CreateAsync(Visit(await ctx.TerritoryIdAsync(code), $"Atelier {code}") with
            {
                Type = ActivityType.PublicAction,
                Format = ActivityFormat.Workshop,
                CentreIds = [centre],
                InhabitantCount = 8,
            });
        }
        int operationId;
        await using (var db = ctx.CreateDb())
        {
            operationId = await db.Operations.Where(o => o.Code == ReferenceData.FirstOperationCode).Select(o => o.Id).SingleAsync();
        }

        ctx.ActAs(artCoordinator);
        var mine = await ctx.Get<HomeService>().GetActionsAsync();
        var toDo = await ctx.Get<ComplianceService>().MissingAsync(new ComplianceQuery(operationId));
        Assert.Equal(2, mine.EvidenceOwed);
        Assert.Equal(toDo.Count, mine.EvidenceOwed);
        Assert.All(toDo, item => Assert.Equal("Artois", item.TerritoryName));
        Assert.Equal(ReferenceData.FirstOperationCode, mine.EvidenceOperationCode);

        ctx.ActAs(lead);
        Assert.Equal(4, (await ctx.Get<HomeService>().GetActionsAsync()).EvidenceOwed);

        ctx.ActAs(await ctx.AddUserAsync("comite@test.csc", Roles.Committee));
        await Assert.ThrowsAsync<ScopeViolationException>(() => ctx.Get<HomeService>().GetActionsAsync());
    }

    [Fact]
    public async Task Mes_activites_lists_the_callers_own_activities_whatever_author_the_filter_names()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var lil = await ctx.TerritoryIdAsync("LIL");
        var other = await ctx.AddUserAsync("autre@test.csc", Roles.Coordinator, "LIL");
        var me = await ctx.AddUserAsync("moi@test.csc", Roles.Coordinator, "LIL");
        ctx.ActAs(other);
        await ctx.Get<ActivityService>().CreateAsync(Visit(lil, "Visite de l'autre"));
        ctx.ActAs(me);
        await ctx.Get<ActivityService>().CreateAsync(Visit(lil, "Ma visite"));
        var queries = ctx.Get<ActivityQueries>();
        var page = new PageRequest(0, 25, null, false);

        var mine = await queries.ListAsync(new ActivityFilter { Mine = true, AuthorId = other.UserId }, page);
        var all = await queries.ListAsync(new ActivityFilter(), page);

        Assert.Equal(["Ma visite"], mine.Items.Select(r => r.Title));
        Assert.Equal(2, all.TotalCount);
    }
}
