using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Indicators;
using CscDashboard.Core.Lookups;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core.Indicators;

/// <summary>The anonymous breakdown of an activity's inhabitants: counts only, partial allowed, never above the inhabitants.</summary>
public sealed class AudienceBreakdownTests
{
    private static async Task<(CoreTestContext Ctx, int Art, Dictionary<string, int> Groups)> WorldAsync()
    {
        var ctx = await CoreTestContext.CreateAsync();
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));
        var groups = (await ctx.Get<LookupService>().AudienceGroupsAsync()).ToDictionary(g => g.Code, g => g.Id);
        return (ctx, await ctx.TerritoryIdAsync("ART"), groups);
    }

    private static async Task<ActivityInput> WorkshopAsync(CoreTestContext ctx, int art, int inhabitants, params (int Group, int Count)[] audience) => new()
    {
        Date = new DateOnly(2023, 3, 14), DurationMinutes = 90, TerritoryId = art, Type = ActivityType.PublicAction, Format = ActivityFormat.Workshop,
        Place = ActivityPlace.InCentre, Title = "Atelier numérique", InhabitantCount = inhabitants,
        CentreIds = [await ActivityTestData.AddCentreAsync(ctx, "ART", $"Centre {Guid.NewGuid():N}")],
        Audience = audience.Select(a => new AudienceCount(a.Group, a.Count)).ToList(),
    };

    private static async Task<(int Activities, long Audit)> WrittenAsync(CoreTestContext ctx)
    {
        await using var db = ctx.CreateDb();
        return (await db.Activities.CountAsync(), await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task Age_bands_above_the_inhabitants_are_refused_in_french_and_nothing_is_written()
    {
        var (ctx, art, groups) = await WorldAsync();
        await using var _ = ctx;
        var input = await WorkshopAsync(ctx, art, 10, (groups["AGE-60"], 6), (groups["AGE-26-59"], 5));
        var before = await WrittenAsync(ctx);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => ctx.Get<ActivityService>().CreateAsync(input));

        Assert.Equal(
            ["La répartition par âge compte 11 habitants, plus que les 10 habitants de l'activité : corrigez l'un ou l'autre. Rien n'a été enregistré."],
            refused.Errors[AudienceRules.Field]);
        Assert.Equal(before, await WrittenAsync(ctx));
    }

    [Fact]
    public async Task A_public_above_the_inhabitants_is_refused_and_nothing_is_written()
    {
        var (ctx, art, groups) = await WorldAsync();
        await using var _ = ctx;
        var input = await WorkshopAsync(ctx, art, 10, (groups["SENIORS"], 12));
        var before = await WrittenAsync(ctx);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => ctx.Get<ActivityService>().CreateAsync(input));

        Assert.Contains("Le public « Seniors » compte 12 habitants, plus que les 10 habitants de l'activité.", refused.Errors[AudienceRules.Field][0]);
        Assert.Equal(before, await WrittenAsync(ctx));
    }

    [Fact]
    public async Task Lowering_the_inhabitants_below_the_breakdown_is_refused_and_the_activity_stays_as_it_was()
    {
        var (ctx, art, groups) = await WorldAsync();
        await using var _ = ctx;
        var input = await WorkshopAsync(ctx, art, 10, (groups["AGE-60"], 8));
        var activities = ctx.Get<ActivityService>();
        var id = await activities.CreateAsync(input);
        var detail = await ctx.Get<ActivityQueries>().GetAsync(id);
        var before = await WrittenAsync(ctx);

        await Assert.ThrowsAsync<ValidationFailedException>(() => activities.UpdateAsync(id, input with { InhabitantCount = 5 }, detail.Version));

        Assert.Equal(before, await WrittenAsync(ctx));
        Assert.Equal(10, (await ctx.Get<ActivityQueries>().GetAsync(id)).Input.InhabitantCount);
    }

    [Fact]
    public async Task A_partial_breakdown_is_saved_counted_in_the_aggregates_shown_and_kept_in_the_history()
    {
        var (ctx, art, groups) = await WorldAsync();
        await using var _ = ctx;
        var activities = ctx.Get<ActivityService>();
        var input = await WorkshopAsync(ctx, art, 12, (groups["AGE-60"], 7), (groups["SENIORS"], 7), (groups["QPV"], 12), (groups["AGE-0-11"], 0));
        var id = await activities.CreateAsync(input);

        var detail = await ctx.Get<ActivityQueries>().GetAsync(id);
        Assert.Equal(["60 ans et plus : 7", "Seniors : 7", "Habitants des quartiers prioritaires (QPV) : 12"], detail.Audience.Select(a => $"{a.Name} : {a.Count}"));
        await using (var db = ctx.CreateDb())
        {
            var activity = await db.Activities.SingleAsync(a => a.Id == id);
            // The age bands describe 7 of the 12 inhabitants; the publics, given, describe the activity's 12.
            Assert.Equal((7, 12), (activity.AgesDescribed, activity.PublicsDescribed));
            Assert.Equal(7, await db.AudienceMonthStats.Where(s => s.AudienceGroupId == groups["SENIORS"] && s.TerritoryId == art).SumAsync(s => s.Inhabitants));
        }

        await activities.UpdateAsync(id, input with { Audience = [new AudienceCount(groups["AGE-60"], 9)] }, detail.Version);

        var history = await ctx.Get<ActivityHistory>().GetAsync(id);
        var changes = history.SelectMany(h => h.Changes).ToList();
        Assert.Contains("Répartition : Seniors retiré", changes);
        Assert.Contains("Répartition : 60 ans et plus 7 → 9", changes);
        await using var check = ctx.CreateDb();
        Assert.Equal(0, await check.AudienceMonthStats.Where(s => s.AudienceGroupId == groups["SENIORS"]).SumAsync(s => s.Inhabitants));
        Assert.Equal(9, await check.AudienceMonthStats.Where(s => s.AudienceGroupId == groups["AGE-60"]).SumAsync(s => s.Inhabitants));
    }
}
