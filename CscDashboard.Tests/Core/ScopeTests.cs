using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Lookups;
using CscDashboard.Core.Network;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core;

public sealed class ScopeTests
{
    private static ActivityInput Visit(int territoryId) => new()
    {
        Date = new DateOnly(2023, 3, 14),
        DurationMinutes = 60,
        TerritoryId = territoryId,
        Type = ActivityType.CentreSupport,
        Format = ActivityFormat.Visit,
        Place = ActivityPlace.InCentre,
        Title = "Visite de suivi",
    };

    [Fact]
    public async Task A_coordinator_writes_in_their_territory()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));

        var id = await ctx.Get<ActivityService>().CreateAsync(Visit(await ctx.TerritoryIdAsync("ART")));

        await using var db = ctx.CreateDb();
        var stored = await db.Activities.SingleAsync(a => a.Id == id);
        Assert.Equal("Visite de suivi", stored.Title);
        Assert.Equal(ctx.Users.Current.UserId, stored.AuthorId);
    }

    [Fact]
    public async Task A_coordinator_write_outside_their_territory_is_refused_by_the_service_and_nothing_is_written()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));

        var lil = await ctx.TerritoryIdAsync("LIL");
        var refused = await Assert.ThrowsAsync<ScopeViolationException>(() => ctx.Get<ActivityService>().CreateAsync(Visit(lil)));

        Assert.Contains("territoire", refused.Message);
        await using var db = ctx.CreateDb();
        Assert.Equal(0, await db.Activities.CountAsync());
    }

    [Fact]
    public async Task The_committee_cannot_write_and_the_project_lead_writes_anywhere()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var lil = await ctx.TerritoryIdAsync("LIL");
        ctx.ActAs(await ctx.AddUserAsync("committee@test.csc", Roles.Committee));
        await Assert.ThrowsAsync<ScopeViolationException>(() => ctx.Get<ActivityService>().CreateAsync(Visit(lil)));

        ctx.ActAs(await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        var id = await ctx.Get<ActivityService>().CreateAsync(Visit(lil));
        Assert.True(id > 0);
    }

    [Fact]
    public async Task The_pickers_search_centres_and_partners_for_signed_in_callers_only()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        await ctx.Get<CentreService>().CreateAsync(new CentreInput { Name = "Centre Jean Jaurès", Commune = "Arras", Postcode = "62000", TerritoryId = art });
        await ctx.Get<PartnerService>().CreateAsync(new PartnerInput { Name = "Mairie d'Arras", TerritoryId = art });
        var lookups = ctx.Get<LookupService>();

        ctx.ActAs(CurrentUser.Anonymous);
        await Assert.ThrowsAsync<ScopeViolationException>(() => lookups.SearchCentresAsync("Jaurès", art));
        await Assert.ThrowsAsync<ScopeViolationException>(() => lookups.SearchPartnersAsync("Arras", art));

        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "LIL"));
        Assert.Equal("Centre Jean Jaurès (Arras)", Assert.Single(await lookups.SearchCentresAsync("Jaurès", null)).Name);
        Assert.Equal("Mairie d'Arras", Assert.Single(await lookups.SearchPartnersAsync("Arras", null)).Name);
    }

    [Fact]
    public async Task Invalid_input_gets_french_messages_per_field_and_writes_nothing()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));
        var input = Visit(await ctx.TerritoryIdAsync("ART")) with
        {
            Title = " ",
            DurationMinutes = 3,
            Date = new DateOnly(2023, 3, 30),
            InhabitantCount = -1,
        };

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => ctx.Get<ActivityService>().CreateAsync(input));

        Assert.Equal("Le titre est obligatoire.", failure.Errors[nameof(ActivityInput.Title)].Single());
        Assert.Contains("entre 5 minutes et 12 heures", failure.Errors[nameof(ActivityInput.DurationMinutes)].Single());
        Assert.Contains("7 jours", failure.Errors[nameof(ActivityInput.Date)].Single());
        Assert.Contains("entre 0 et 10 000", failure.Errors[nameof(ActivityInput.InhabitantCount)].Single());
        await using var db = ctx.CreateDb();
        Assert.Equal(0, await db.Activities.CountAsync());
    }
}
