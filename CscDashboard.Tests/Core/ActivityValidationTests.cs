using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CscDashboard.Tests.Core.ActivityTestData;

namespace CscDashboard.Tests.Core;

public sealed class ActivityValidationTests
{
    private static async Task<(CoreTestContext Ctx, int Territory)> CoordinatorAsync()
    {
        var ctx = await CoreTestContext.CreateAsync();
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));
        return (ctx, await ctx.TerritoryIdAsync("ART"));
    }

    private static async Task<string> RefusedAsync(CoreTestContext ctx, ActivityInput input, string field)
    {
        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => ctx.Get<ActivityService>().CreateAsync(input));
        await using var db = ctx.CreateDb();
        Assert.Equal(0, await db.Activities.CountAsync());
        return Assert.Single(failure.Errors[field]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task The_title_is_required(string title)
    {
        var (ctx, territory) = await CoordinatorAsync();
        await using var _ = ctx;
        Assert.Equal("Le titre est obligatoire.", await RefusedAsync(ctx, Visit(territory) with { Title = title }, nameof(ActivityInput.Title)));
    }

    [Theory]
    [InlineData(2021, 8, 31)]
    [InlineData(2024, 1, 1)]
    public async Task The_date_must_be_inside_an_operation(int y, int m, int d)
    {
        var (ctx, territory) = await CoordinatorAsync();
        await using var _ = ctx;
        var message = await RefusedAsync(ctx, Visit(territory) with { Date = new DateOnly(y, m, d) }, nameof(ActivityInput.Date));
        Assert.Equal("La date doit se situer dans la période d'une opération.", message);
    }

    [Fact]
    public async Task The_date_may_be_up_to_seven_days_ahead_but_not_eight()
    {
        var (ctx, territory) = await CoordinatorAsync();
        await using var _ = ctx;
        Assert.True(await ctx.Get<ActivityService>().CreateAsync(Visit(territory) with { Date = Today.AddDays(7) }) > 0);

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(
            () => ctx.Get<ActivityService>().CreateAsync(Visit(territory) with { Date = Today.AddDays(8) }));
        Assert.Contains("7 jours", failure.Errors[nameof(ActivityInput.Date)].Single());
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(720, true)]
    [InlineData(721, false)]
    public async Task The_duration_is_between_five_minutes_and_twelve_hours(int minutes, bool accepted)
    {
        var (ctx, territory) = await CoordinatorAsync();
        await using var _ = ctx;
        var input = Visit(territory) with { DurationMinutes = minutes };
        if (accepted)
        {
            Assert.True(await ctx.Get<ActivityService>().CreateAsync(input) > 0);
        }
        else
        {
            Assert.Equal("La durée doit être comprise entre 5 minutes et 12 heures.", await RefusedAsync(ctx, input, nameof(ActivityInput.DurationMinutes)));
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10_001)]
    public async Task Counts_are_between_zero_and_ten_thousand(int count)
    {
        var (ctx, territory) = await CoordinatorAsync();
        await using var _ = ctx;
        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => ctx.Get<ActivityService>().CreateAsync(
            Visit(territory) with { InhabitantCount = count, ProfessionalCount = count, VolunteerCount = count, PartnerCount = count }));
        foreach (var field in new[] { "InhabitantCount", "ProfessionalCount", "VolunteerCount", "PartnerCount" })
        {
            Assert.Equal("Le nombre doit être compris entre 0 et 10 000.", failure.Errors[field].Single());
        }
    }

    [Fact]
    public async Task A_public_action_needs_a_centre_and_a_participant()
    {
        var (ctx, territory) = await CoordinatorAsync();
        await using var _ = ctx;
        var input = Visit(territory) with { Type = ActivityType.PublicAction, Format = ActivityFormat.Workshop };

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => ctx.Get<ActivityService>().CreateAsync(input));

        Assert.Contains("au moins un centre", failure.Errors[nameof(ActivityInput.CentreIds)].Single());
        Assert.Contains("au moins un participant", failure.Errors[nameof(ActivityInput.InhabitantCount)].Single());

        var centre = await AddCentreAsync(ctx, "ART", "Centre social Vauban");
        var id = await ctx.Get<ActivityService>().CreateAsync(input with { CentreIds = [centre], InhabitantCount = 12 });
        Assert.True(id > 0);
    }

    [Fact]
    public async Task Links_to_unknown_centres_are_refused()
    {
        var (ctx, territory) = await CoordinatorAsync();
        await using var _ = ctx;
        Assert.Equal("Un des centres choisis n'existe pas.", await RefusedAsync(ctx, Visit(territory) with { CentreIds = [4242] }, nameof(ActivityInput.CentreIds)));
    }

    [Fact]
    public async Task Evening_and_weekend_work_are_derived_not_typed()
    {
        var (ctx, territory) = await CoordinatorAsync();
        await using var _ = ctx;
        var service = ctx.Get<ActivityService>();
        var evening = await service.CreateAsync(Visit(territory) with { StartTime = new TimeOnly(18, 30), DurationMinutes = 60 });
        var day = await service.CreateAsync(Visit(territory) with { StartTime = new TimeOnly(17, 0), DurationMinutes = 120 });
        var saturday = await service.CreateAsync(Visit(territory) with { Date = new DateOnly(2023, 3, 11) });

        await using var db = ctx.CreateDb();
        var flags = await db.Activities.ToDictionaryAsync(a => a.Id, a => (a.IsEvening, a.IsWeekend));
        Assert.Equal((true, false), flags[evening]);
        Assert.Equal((false, false), flags[day]);
        Assert.Equal((false, true), flags[saturday]);
    }
}
