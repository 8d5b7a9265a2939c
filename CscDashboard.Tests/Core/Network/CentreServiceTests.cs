using System.Globalization;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Network;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CscDashboard.Tests.Core.Network.NetworkTestData;

namespace CscDashboard.Tests.Core.Network;

public sealed class CentreServiceTests
{
    [Fact]
    public async Task A_coordinator_creates_a_centre_in_their_territory_trimmed_and_audited()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));
        var art = await ctx.TerritoryIdAsync("ART");

        var id = await ctx.Get<CentreService>().CreateAsync(Centre(art) with { Name = "  Centre social Jean Jaurès ", Address = " " });

        await using var db = ctx.CreateDb();
        var stored = await db.Centres.SingleAsync(c => c.Id == id);
        Assert.Equal("Centre social Jean Jaurès", stored.Name);
        Assert.Null(stored.Address);
        Assert.Equal(1, stored.Version);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == nameof(SocialCentre) && a.EntityKey == id.ToString(CultureInfo.InvariantCulture) && a.Action == "Insert"));
    }

    [Theory]
    [InlineData("", "Arras", "62000", "Name", "Le nom du centre est obligatoire.")]
    [InlineData("Centre", " ", "62000", "Commune", "La commune est obligatoire.")]
    [InlineData("Centre", "Arras", "", "Postcode", "Le code postal est obligatoire.")]
    [InlineData("Centre", "Arras", "6200", "Postcode", "Le code postal doit compter exactement 5 chiffres.")]
    [InlineData("Centre", "Arras", "62 000", "Postcode", "Le code postal doit compter exactement 5 chiffres.")]
    [InlineData("Centre", "Arras", "6200A", "Postcode", "Le code postal doit compter exactement 5 chiffres.")]
    public async Task Required_fields_and_a_five_digit_postcode_get_french_messages(string name, string commune, string postcode, string field, string message)
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            ctx.Get<CentreService>().CreateAsync(Centre(art) with { Name = name, Commune = commune, Postcode = postcode }));

        Assert.Equal(message, failure.Errors[field].Single());
        await using var db = ctx.CreateDb();
        Assert.Equal(0, await db.Centres.CountAsync());
    }

    public static TheoryData<CentreStatus, DateOnly?, DateOnly?, DateOnly?, string, string> InconsistentStatuses => new()
    {
        { CentreStatus.Engaged, null, null, null, nameof(CentreInput.EngagedOn), "La date d'engagement est obligatoire pour un centre engagé." },
        { CentreStatus.Withdrawn, null, new DateOnly(2022, 1, 1), null, nameof(CentreInput.WithdrawnOn), "La date de retrait est obligatoire pour un centre retiré." },
        { CentreStatus.Candidate, null, new DateOnly(2022, 1, 1), null, nameof(CentreInput.EngagedOn), "Un centre candidat n'a pas encore de date d'engagement." },
        { CentreStatus.Engaged, null, new DateOnly(2022, 1, 1), new DateOnly(2022, 6, 1), nameof(CentreInput.WithdrawnOn), "Un centre engagé n'a pas de date de retrait." },
        { CentreStatus.Withdrawn, null, new DateOnly(2022, 6, 1), new DateOnly(2022, 1, 1), nameof(CentreInput.WithdrawnOn), "La date de retrait ne peut pas précéder la date d'engagement." },
        { CentreStatus.Engaged, new DateOnly(2022, 6, 1), new DateOnly(2022, 1, 1), null, nameof(CentreInput.EngagedOn), "La date d'engagement ne peut pas précéder la date de candidature." },
    };

    [Theory]
    [MemberData(nameof(InconsistentStatuses))]
    public async Task Status_dates_must_match_the_status(CentreStatus status, DateOnly? candidate, DateOnly? engaged, DateOnly? withdrawn, string field, string message)
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => ctx.Get<CentreService>().CreateAsync(
            Centre(art) with { Status = status, CandidateSince = candidate, EngagedOn = engaged, WithdrawnOn = withdrawn }));

        Assert.Contains(message, failure.Errors[field]);
    }

    [Fact]
    public async Task A_withdrawn_centre_with_consistent_dates_is_accepted()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");

        var id = await ctx.Get<CentreService>().CreateAsync(Centre(art) with { Status = CentreStatus.Withdrawn, WithdrawnOn = new DateOnly(2022, 12, 31) });

        Assert.Equal(CentreStatus.Withdrawn, (await ctx.Get<CentreService>().GetAsync(id)).Input.Status);
    }

    [Fact]
    public async Task The_same_name_in_the_same_commune_is_a_duplicate_ignoring_case_and_accents()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        await AddCentreAsync(ctx, Centre(art, "Centre social Jean Jaurès", "Arras"));

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            ctx.Get<CentreService>().CreateAsync(Centre(art, "CENTRE SOCIAL JEAN JAURES", "arras")));

        Assert.Equal("Un centre de ce nom existe déjà dans cette commune.", failure.Errors[nameof(CentreInput.Name)].Single());
        await ctx.Get<CentreService>().CreateAsync(Centre(art, "Centre social Jean Jaurès", "Lens"));
    }

    [Fact]
    public async Task A_coordinator_cannot_create_edit_move_or_archive_outside_their_territories_and_nothing_is_written()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        var lil = await ctx.TerritoryIdAsync("LIL");
        var lilleCentre = await AddCentreAsync(ctx, Centre(lil, "Centre social Faubourg", "Lille"));
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));
        var mine = await ctx.Get<CentreService>().CreateAsync(Centre(art));
        var service = ctx.Get<CentreService>();

        await Assert.ThrowsAsync<ScopeViolationException>(() => service.CreateAsync(Centre(lil, "Autre", "Lille")));
        var lilleInput = (await service.GetAsync(lilleCentre)).Input;
        await Assert.ThrowsAsync<ScopeViolationException>(() => service.UpdateAsync(lilleCentre, lilleInput with { Name = "Piraté" }));
        var mineInput = (await service.GetAsync(mine)).Input;
        await Assert.ThrowsAsync<ScopeViolationException>(() => service.UpdateAsync(mine, mineInput with { TerritoryId = lil }));
        await Assert.ThrowsAsync<ScopeViolationException>(() => service.SetArchivedAsync(lilleCentre, true));

        await using var db = ctx.CreateDb();
        Assert.Equal(2, await db.Centres.CountAsync());
        Assert.Equal("Centre social Faubourg", (await db.Centres.SingleAsync(c => c.Id == lilleCentre)).Name);
        Assert.Equal(art, (await db.Centres.SingleAsync(c => c.Id == mine)).TerritoryId);
        Assert.Null((await db.Centres.SingleAsync(c => c.Id == lilleCentre)).ArchivedAt);
    }

    [Fact]
    public async Task The_committee_reads_centres_but_writes_nothing()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        await AddCentreAsync(ctx, Centre(art));
        ctx.ActAs(await ctx.AddUserAsync("committee@test.csc", Roles.Committee));

        var list = await ctx.Get<CentreService>().ListAsync(new CentreFilter(), new PageRequest());
        Assert.Equal(1, list.TotalCount);
        await Assert.ThrowsAsync<ScopeViolationException>(() => ctx.Get<CentreService>().CreateAsync(Centre(art, "Autre")));
    }

    [Fact]
    public async Task A_project_lead_moves_a_centre_between_territories()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        var lil = await ctx.TerritoryIdAsync("LIL");
        ctx.ActAs(await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        var service = ctx.Get<CentreService>();
        var id = await service.CreateAsync(Centre(art));

        var version = await service.UpdateAsync(id, (await service.GetAsync(id)).Input with { TerritoryId = lil });

        Assert.Equal(2, version);
        Assert.Equal("LIL", (await service.GetAsync(id)).TerritoryCode);
    }

    [Fact]
    public async Task An_archived_centre_leaves_the_list_and_comes_back_when_restored()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));
        var service = ctx.Get<CentreService>();
        var id = await service.CreateAsync(Centre(art));

        await service.SetArchivedAsync(id, true);

        Assert.Equal(0, (await service.ListAsync(new CentreFilter(), new PageRequest())).TotalCount);
        var withArchived = await service.ListAsync(new CentreFilter(IncludeArchived: true), new PageRequest());
        Assert.NotNull(withArchived.Items.Single().ArchivedAt);
        Assert.Equal(ctx.Clock.GetUtcNow().UtcDateTime, withArchived.Items.Single().ArchivedAt);

        await service.SetArchivedAsync(id, false);

        Assert.Null((await service.ListAsync(new CentreFilter(), new PageRequest())).Items.Single().ArchivedAt);
        await using var db = ctx.CreateDb();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Entity == nameof(SocialCentre) && a.Action == "Update"));
    }

    [Fact]
    public async Task An_edit_from_a_stale_form_is_refused_with_a_clear_message_and_the_first_edit_is_kept()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));
        var service = ctx.Get<CentreService>();
        var id = await service.CreateAsync(Centre(art));
        var formA = (await service.GetAsync(id)).Input;
        var formB = (await service.GetAsync(id)).Input;

        var newVersion = await service.UpdateAsync(id, formA with { Address = "12 rue des Postes" });
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => service.UpdateAsync(id, formB with { Address = "3 place du Marché" }));

        Assert.Contains("modifiée par quelqu'un d'autre", conflict.Message);
        var stored = await service.GetAsync(id);
        Assert.Equal("12 rue des Postes", stored.Input.Address);
        Assert.Equal(newVersion, stored.Input.Version);
        // Reloaded, the form saves.
        await service.UpdateAsync(id, stored.Input with { Address = "3 place du Marché" });
    }

    [Fact]
    public async Task The_list_pages_sorts_and_filters_on_the_server()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        var lil = await ctx.TerritoryIdAsync("LIL");
        for (var i = 1; i <= 12; i++)
        {
            await AddCentreAsync(ctx, Centre(i % 2 == 0 ? art : lil, $"Centre {i:00}", $"Commune {i:00}") with
            {
                Status = i <= 3 ? CentreStatus.Candidate : CentreStatus.Engaged,
                EngagedOn = i <= 3 ? null : new DateOnly(2022, 1, i),
            });
        }
        var service = ctx.Get<CentreService>();

        var page2 = await service.ListAsync(new CentreFilter(), new PageRequest(Page: 1, PageSize: 5, SortBy: "name", Descending: true));
        Assert.Equal(12, page2.TotalCount);
        Assert.Equal(["Centre 07", "Centre 06", "Centre 05", "Centre 04", "Centre 03"], page2.Items.Select(c => c.Name));

        var artEngaged = await service.ListAsync(new CentreFilter(TerritoryCode: "ART", Status: CentreStatus.Engaged), new PageRequest(SortBy: "engagedOn"));
        Assert.Equal(["Centre 04", "Centre 06", "Centre 08", "Centre 10", "Centre 12"], artEngaged.Items.Select(c => c.Name));

        var search = await service.ListAsync(new CentreFilter(Search: "commune 1"), new PageRequest());
        Assert.Equal(["Centre 10", "Centre 11", "Centre 12"], search.Items.Select(c => c.Name));

        // An unknown sort key falls back to the name: the grid's state never reaches SQL as text.
        var unknown = await service.ListAsync(new CentreFilter(), new PageRequest(PageSize: 2, SortBy: "Name; DROP TABLE SocialCentres"));
        Assert.Equal(["Centre 01", "Centre 02"], unknown.Items.Select(c => c.Name));
    }

    [Fact]
    public async Task The_centre_page_shows_members_the_ten_latest_activities_and_the_last_visit()
    {
        await using var ctx = await CoreTestContext.CreateAsync(); // today: 2023-03-15
        var art = await ctx.TerritoryIdAsync("ART");
        var coordinator = await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART");
        var centreId = await AddCentreAsync(ctx, Centre(art));
        var other = await AddCentreAsync(ctx, Centre(art, "Autre centre"));
        ctx.ActAs(coordinator);
        await ctx.Get<MemberService>().CreateAsync(Member(art, centreId));
        var author = coordinator.UserId!;

        await AddActivityAsync(ctx, author, art, centreId, new DateOnly(2023, 1, 10), ActivityType.NetworkAnimation, ActivityFormat.Visit, "Visite d'accueil");
        await AddActivityAsync(ctx, author, art, centreId, new DateOnly(2023, 2, 20), ActivityType.CentreSupport, ActivityFormat.Phone, "Appel de suivi");
        // Not visits: another type and format, a deleted visit, a visit planned next week, a visit of another centre.
        await AddActivityAsync(ctx, author, art, centreId, new DateOnly(2023, 3, 1), ActivityType.Communication, ActivityFormat.Meeting, "Réunion com");
        await AddActivityAsync(ctx, author, art, centreId, new DateOnly(2023, 3, 2), ActivityType.CentreSupport, ActivityFormat.Visit, "Supprimée", deleted: true);
        await AddActivityAsync(ctx, author, art, centreId, new DateOnly(2023, 3, 20), ActivityType.CentreSupport, ActivityFormat.Visit, "Visite prévue");
        await AddActivityAsync(ctx, author, art, other, new DateOnly(2023, 3, 10), ActivityType.CentreSupport, ActivityFormat.Visit, "Ailleurs");
        for (var day = 1; day <= 9; day++)
        {
            await AddActivityAsync(ctx, author, art, centreId, new DateOnly(2022, 12, day), ActivityType.Workstream, ActivityFormat.Workshop, $"Atelier {day}");
        }

        var detail = await ctx.Get<CentreService>().GetAsync(centreId);

        Assert.Equal(new DateOnly(2023, 2, 20), detail.LastVisit);
        Assert.Equal("Awa Diallo", detail.Members.Single().FullName);
        Assert.Equal(13, detail.ActivityCount);
        Assert.Equal(10, detail.RecentActivities.Count);
        Assert.Equal(["Visite prévue", "Réunion com", "Appel de suivi", "Visite d'accueil", "Atelier 9"], detail.RecentActivities.Take(5).Select(a => a.Title));
        Assert.All(detail.RecentActivities, a => Assert.Equal("coord", a.AuthorName));
        Assert.True(detail.CanEdit);

        var row = (await ctx.Get<CentreService>().ListAsync(new CentreFilter(), new PageRequest(SortBy: "lastVisit", Descending: true))).Items;
        Assert.Equal([new DateOnly(2023, 3, 10), new DateOnly(2023, 2, 20)], row.Select(r => r.LastVisit));
        Assert.Equal(1, row.Single(r => r.Id == centreId).MemberCount);

        ctx.ActAs(await ctx.AddUserAsync("committee@test.csc", Roles.Committee));
        var forCommittee = await ctx.Get<CentreService>().GetAsync(centreId);
        Assert.Empty(forCommittee.Members);
        Assert.All(forCommittee.RecentActivities, a => Assert.Null(a.AuthorName));
        Assert.False(forCommittee.CanEdit);
    }
}
