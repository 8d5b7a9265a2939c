using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Network;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CscDashboard.Tests.Core.ActivityTestData;

namespace CscDashboard.Tests.Core;

public sealed class ActivityLogTests
{
    [Fact]
    public async Task A_coordinator_cannot_edit_or_delete_an_activity_of_another_territory()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var lil = await ctx.TerritoryIdAsync("LIL");
        ctx.ActAs(await ctx.AddUserAsync("lille@test.csc", Roles.Coordinator, "LIL"));
        var id = await ctx.Get<ActivityService>().CreateAsync(Visit(lil));

        ctx.ActAs(await ctx.AddUserAsync("artois@test.csc", Roles.Coordinator, "ART"));
        var service = ctx.Get<ActivityService>();
        await Assert.ThrowsAsync<ScopeViolationException>(() => service.UpdateAsync(id, Visit(lil, "Piraté"), 1));
        await Assert.ThrowsAsync<ScopeViolationException>(() => service.DeleteAsync(id, 1));
        // Moving one's own activity into another territory is refused too.
        ctx.ActAs(await ctx.AddUserAsync("lille2@test.csc", Roles.Coordinator, "LIL"));
        var art = await ctx.TerritoryIdAsync("ART");
        await Assert.ThrowsAsync<ScopeViolationException>(() => service.UpdateAsync(id, Visit(art), 1));

        var detail = await ctx.Get<ActivityQueries>().GetAsync(id);
        Assert.Equal("Visite de suivi", detail.Input.Title);
        Assert.Equal(1, detail.Version);
    }

    [Fact]
    public async Task An_activity_opens_with_its_own_centres_workstreams_and_partners()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var lil = await ctx.TerritoryIdAsync("LIL");
        var faubourg = await AddCentreAsync(ctx, "LIL", "Centre social Faubourg");
        var abbaye = await AddCentreAsync(ctx, "LIL", "Centre social Abbaye");
        int caf, mairie, inclusion, parenting;
        await using (var db = ctx.CreateDb())
        {
            var partners = new[] { new Partner { Name = "CAF du Nord", Kind = PartnerKind.Caf }, new Partner { Name = "Mairie de Lille", Kind = PartnerKind.Commune } };
            db.Partners.AddRange(partners);
            await db.SaveChangesAsync();
            (caf, mairie) = (partners[0].Id, partners[1].Id);
            inclusion = await db.Workstreams.Where(w => w.Number == 1).Select(w => w.Id).SingleAsync();
            parenting = await db.Workstreams.Where(w => w.Number == 2).Select(w => w.Id).SingleAsync();
        }
        ctx.ActAs(await ctx.AddUserAsync("lille@test.csc", Roles.Coordinator, "LIL"));
        var service = ctx.Get<ActivityService>();
        var id = await service.CreateAsync(Visit(lil, "Visite partagée") with { CentreIds = [abbaye, faubourg], WorkstreamIds = [parenting, inclusion], PartnerIds = [mairie, caf] });
        await service.CreateAsync(Visit(lil, "Autre visite") with { CentreIds = [faubourg], WorkstreamIds = [parenting], PartnerIds = [caf] });

        var detail = await ctx.Get<ActivityQueries>().GetAsync(id);

        Assert.Equal(["Centre social Faubourg", "Centre social Abbaye"], detail.Centres.Select(c => c.Name));
        Assert.Equal([inclusion, parenting], detail.Workstreams.Select(w => w.Id));
        Assert.Equal(["CAF du Nord", "Mairie de Lille"], detail.Partners.Select(p => p.Name));
        Assert.Equal([faubourg, abbaye], detail.Input.CentreIds);
        Assert.Equal([caf, mairie], detail.Input.PartnerIds);
    }

    [Fact]
    public async Task A_deleted_activity_leaves_the_list_and_only_the_project_lead_restores_it()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        var coordinator = await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART");
        ctx.ActAs(coordinator);
        var id = await ctx.Get<ActivityService>().CreateAsync(Visit(art));
        var queries = ctx.Get<ActivityQueries>();

        await ctx.Get<ActivityService>().DeleteAsync(id, 1);

        Assert.Equal(0, (await queries.ListAsync(new ActivityFilter(), new PageRequest())).TotalCount);
        await Assert.ThrowsAsync<NotFoundException>(() => queries.GetAsync(id));
        await Assert.ThrowsAsync<ScopeViolationException>(() => ctx.Get<ActivityService>().RestoreAsync(id));
        await Assert.ThrowsAsync<ScopeViolationException>(() => queries.ListAsync(new ActivityFilter { Deleted = true }, new PageRequest()));

        ctx.ActAs(await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        var trash = await queries.ListAsync(new ActivityFilter { Deleted = true }, new PageRequest());
        Assert.Equal(id, Assert.Single(trash.Items).Id);
        await ctx.Get<ActivityService>().RestoreAsync(id);

        ctx.ActAs(coordinator);
        Assert.Equal(id, Assert.Single((await queries.ListAsync(new ActivityFilter(), new PageRequest())).Items).Id);
    }

    [Fact]
    public async Task Two_people_editing_the_same_activity_get_a_clear_conflict_and_nothing_is_overwritten()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));
        var id = await ctx.Get<ActivityService>().CreateAsync(Visit(art));
        var loadedByBoth = (await ctx.Get<ActivityQueries>().GetAsync(id)).Version;

        ctx.ActAs(await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        await ctx.Get<ActivityService>().UpdateAsync(id, Visit(art, "Titre de la cheffe de projet"), loadedByBoth);

        ctx.ActAs(await ctx.AddUserAsync("coord2@test.csc", Roles.Coordinator, "ART"));
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => ctx.Get<ActivityService>().UpdateAsync(id, Visit(art, "Titre du coordinateur"), loadedByBoth));

        Assert.Contains("modifiée par lead", conflict.Message);
        Assert.Contains("n'ont pas été enregistrés", conflict.Message);
        Assert.Equal("Titre de la cheffe de projet", (await ctx.Get<ActivityQueries>().GetAsync(id)).Input.Title);
    }

    [Fact]
    public async Task The_history_tells_each_change_in_french()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        var centre = await AddCentreAsync(ctx, "ART", "Centre social Vauban");
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));
        var service = ctx.Get<ActivityService>();
        var id = await service.CreateAsync(Visit(art));
        ctx.Clock.Advance(TimeSpan.FromMinutes(10));
        await service.UpdateAsync(id, Visit(art, "Visite du centre Vauban") with { DurationMinutes = 90, CentreIds = [centre] }, 1);
        ctx.Clock.Advance(TimeSpan.FromMinutes(10));
        await service.DeleteAsync(id, 2);

        ctx.ActAs(await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        var history = await ctx.Get<ActivityHistory>().GetAsync(id);

        Assert.Equal(["Création", "Modification", "Suppression"], history.Select(h => h.Action));
        Assert.All(history, h => Assert.Equal("coord", h.UserName));
        var edit = history[1].Changes;
        Assert.Contains("Titre : « Visite de suivi » → « Visite du centre Vauban »", edit);
        Assert.Contains("Durée : 1 h → 1 h 30", edit);
        Assert.Contains("Centre ajouté : Centre social Vauban", edit);

        ctx.ActAs(await ctx.AddUserAsync("committee@test.csc", Roles.Committee));
        await Assert.ThrowsAsync<ScopeViolationException>(() => ctx.Get<ActivityHistory>().GetAsync(id));
    }

    [Fact]
    public async Task The_list_filters_sorts_and_pages_on_the_server()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        var lil = await ctx.TerritoryIdAsync("LIL");
        var centre = await AddCentreAsync(ctx, "LIL", "Centre social Faubourg");
        ctx.ActAs(await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        var service = ctx.Get<ActivityService>();
        for (var i = 0; i < 30; i++)
        {
            await service.CreateAsync(Visit(i % 2 == 0 ? art : lil, $"Visite {i:00}") with { Date = Today.AddDays(-i) });
        }
        await service.CreateAsync(Visit(lil, "Atelier parents-enfants") with
        {
            Type = ActivityType.PublicAction,
            CentreIds = [centre],
            InhabitantCount = 8,
            Date = Today.AddDays(-3),
        });
        var queries = ctx.Get<ActivityQueries>();

        var page2 = await queries.ListAsync(new ActivityFilter(), new PageRequest(Page: 1, PageSize: 10));
        Assert.Equal(31, page2.TotalCount);
        Assert.Equal(10, page2.Items.Count);
        Assert.True(page2.Items.Zip(page2.Items.Skip(1)).All(p => p.First.Date >= p.Second.Date), "newest first by default");

        var lille = await queries.ListAsync(new ActivityFilter { TerritoryId = lil }, new PageRequest(PageSize: 100));
        Assert.Equal(16, lille.TotalCount);
        Assert.All(lille.Items, r => Assert.Equal("LIL", r.TerritoryCode));

        var week = await queries.ListAsync(new ActivityFilter { From = Today.AddDays(-6), To = Today }, new PageRequest(PageSize: 100));
        Assert.Equal(8, week.TotalCount);

        var byCentre = await queries.ListAsync(new ActivityFilter { CentreId = centre, Type = ActivityType.PublicAction }, new PageRequest());
        var row = Assert.Single(byCentre.Items);
        Assert.Equal(["Centre social Faubourg"], row.Centres);
        Assert.Equal(8, row.Participants);

        var text = await queries.ListAsync(new ActivityFilter { Text = "parents" }, new PageRequest());
        Assert.Equal("Atelier parents-enfants", Assert.Single(text.Items).Title);

        // Centre names are read for the page's rows only, each row with its own centres, in the order they were created.
        var second = await AddCentreAsync(ctx, "LIL", "Centre social Abbaye");
        await service.CreateAsync(Visit(lil, "Visite des deux centres") with { CentreIds = [second, centre], Date = Today.AddDays(-1) });
        var lastDays = await queries.ListAsync(new ActivityFilter { TerritoryId = lil, From = Today.AddDays(-3), To = Today }, new PageRequest());
        Assert.Equal(["Centre social Faubourg", "Centre social Abbaye"], lastDays.Items.Single(r => r.Title == "Visite des deux centres").Centres);
        Assert.Equal(["Centre social Faubourg"], lastDays.Items.Single(r => r.Title == "Atelier parents-enfants").Centres);
        Assert.All(lastDays.Items.Where(r => r.Title.StartsWith("Visite ", StringComparison.Ordinal) && r.Title != "Visite des deux centres"),
            r => Assert.Empty(r.Centres));

        var byTitle = await queries.ListAsync(new ActivityFilter(), new PageRequest(PageSize: 3, SortBy: "title"));
        Assert.Equal(["Atelier parents-enfants", "Visite 00", "Visite 01"], byTitle.Items.Select(r => r.Title));
    }

    [Fact]
    public async Task My_week_groups_my_activities_by_day_with_daily_totals()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        ctx.ActAs(await ctx.AddUserAsync("other@test.csc", Roles.Coordinator, "ART"));
        await ctx.Get<ActivityService>().CreateAsync(Visit(art, "Pas à moi"));
        ctx.ActAs(await ctx.AddUserAsync("me@test.csc", Roles.Coordinator, "ART"));
        var service = ctx.Get<ActivityService>();
        await service.CreateAsync(Visit(art) with { Date = new DateOnly(2023, 3, 13), DurationMinutes = 90 });
        await service.CreateAsync(Visit(art) with { Date = new DateOnly(2023, 3, 13), DurationMinutes = 45 });
        await service.CreateAsync(Visit(art) with { Date = new DateOnly(2023, 3, 15), DurationMinutes = 30 });
        await service.CreateAsync(Visit(art) with { Date = new DateOnly(2023, 3, 12), DurationMinutes = 30 }); // previous Sunday

        var week = await ctx.Get<ActivityQueries>().GetWeekAsync(new DateOnly(2023, 3, 15));

        Assert.Equal(new DateOnly(2023, 3, 13), week.Monday);
        Assert.Equal(7, week.Days.Count);
        Assert.Equal([135, 0, 30, 0, 0, 0, 0], week.Days.Select(d => d.TotalMinutes));
        Assert.Equal(165, week.TotalMinutes);
    }

    [Fact]
    public async Task Entry_defaults_follow_my_last_activity_and_log_again_copies_to_today()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        var lil = await ctx.TerritoryIdAsync("LIL");
        ctx.ActAs(await ctx.AddUserAsync("two@test.csc", Roles.Coordinator, "ART", "LIL"));
        var queries = ctx.Get<ActivityQueries>();

        var first = await queries.GetEntryDefaultsAsync();
        Assert.Equal(Today, first.Today);
        Assert.Equal(art, first.TerritoryId);
        Assert.Equal(2, first.Territories.Count);

        var id = await ctx.Get<ActivityService>().CreateAsync(Visit(lil) with
        {
            Type = ActivityType.Partnership,
            Format = ActivityFormat.Meeting,
            Date = Today.AddDays(-20),
            Title = "Comité de pilotage CAF",
        });
        var next = await queries.GetEntryDefaultsAsync();
        Assert.Equal((lil, ActivityType.Partnership, ActivityFormat.Meeting), (next.TerritoryId!.Value, next.Type, next.Format));

        var copy = (await queries.GetCopyAsync(id)).Input;
        Assert.Equal(Today, copy.Date);
        Assert.Equal("Comité de pilotage CAF", copy.Title);
    }

    [Fact]
    public async Task The_committee_cannot_read_the_activity_log()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        ctx.ActAs(await ctx.AddUserAsync("committee@test.csc", Roles.Committee));

        await Assert.ThrowsAsync<ScopeViolationException>(() => ctx.Get<ActivityQueries>().ListAsync(new ActivityFilter(), new PageRequest()));
    }
}
