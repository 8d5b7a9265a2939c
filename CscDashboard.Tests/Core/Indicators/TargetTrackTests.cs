using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Indicators;
using CscDashboard.Tests.Infrastructure;

namespace CscDashboard.Tests.Core.Indicators;

/// <summary>
/// The value expected on a day (a straight line between the operation's first day at 0, the milestones and the target on its
/// last day) and the status at the boundaries: on a milestone's day, the day after, the last day, and the ±10 % edges.
/// </summary>
public sealed class TargetTrackTests
{
    private static readonly DateOnly Start = new(2021, 9, 1);
    private static readonly DateOnly End = new(2023, 12, 31);
    private static readonly DateOnly Milestone = new(2022, 12, 31);

    private static TargetTrack Track() => TargetTrack.Of(Start, End, 300, [new TargetPoint(Milestone, 100)]);

    [Fact]
    public void The_expected_value_runs_straight_between_the_milestones()
    {
        var track = Track();
        Assert.Equal(0, track.ExpectedAt(Start));
        Assert.Equal(0, track.ExpectedAt(Start.AddDays(-10)));
        Assert.Equal(100, track.ExpectedAt(Milestone));
        // The day before and after the milestone: on the first line (0 → 100 over 486 days), then on the second (100 → 300 over 365).
        Assert.Equal(100m * 485 / 486, track.ExpectedAt(Milestone.AddDays(-1)));
        Assert.Equal(100 + 200m / 365, track.ExpectedAt(Milestone.AddDays(1)));
        Assert.Equal(300, track.ExpectedAt(End));
        Assert.Equal(300, track.ExpectedAt(End.AddDays(1)));
    }

    [Fact]
    public void Without_milestones_the_line_runs_from_zero_to_the_target()
    {
        var track = TargetTrack.Of(Start, End, 851, []);
        Assert.Equal(851m * 365 / 851, track.ExpectedAt(Start.AddDays(365)));
    }

    [Theory]
    [InlineData(89.9, TargetStatus.Behind)]
    [InlineData(90, TargetStatus.OnTrack)]
    [InlineData(100, TargetStatus.OnTrack)]
    [InlineData(110, TargetStatus.OnTrack)]
    [InlineData(110.1, TargetStatus.Ahead)]
    [InlineData(300, TargetStatus.Reached)]
    public void On_the_milestone_day_the_status_turns_at_ten_percent_and_at_the_target(double actual, TargetStatus status) =>
        Assert.Equal(status, TargetTrack.StatusOf((decimal)actual, Track().ExpectedAt(Milestone), 300));

    [Fact]
    public void On_the_first_day_nothing_is_expected_and_anything_done_is_ahead()
    {
        Assert.Equal(TargetStatus.OnTrack, TargetTrack.StatusOf(0, Track().ExpectedAt(Start), 300));
        Assert.Equal(TargetStatus.Ahead, TargetTrack.StatusOf(1, Track().ExpectedAt(Start), 300));
    }

    [Fact]
    public void On_the_last_day_only_the_target_is_on_track_or_reached()
    {
        Assert.Equal(TargetStatus.Behind, TargetTrack.StatusOf(269, Track().ExpectedAt(End), 300));
        Assert.Equal(TargetStatus.OnTrack, TargetTrack.StatusOf(270, Track().ExpectedAt(End), 300));
        Assert.Equal(TargetStatus.Reached, TargetTrack.StatusOf(300, Track().ExpectedAt(End), 300));
    }

    /// <summary>The same through the dashboards: a territory on its milestone's day, with the database's own count of actions.</summary>
    [Fact]
    public async Task A_territory_on_its_milestone_day_shows_the_milestone_as_expected_and_its_status()
    {
        await using var ctx = await CoreTestContext.CreateAsync(Milestone);
        await IndicatorTestData.LeadAsync(ctx);
        var indicators = await IndicatorTestData.CatalogueAsync(ctx, await IndicatorTestData.OperationIdAsync(ctx));
        var art = await ctx.TerritoryIdAsync("ART");
        var centre = await NetworkCentreAsync(ctx, art);
        var activities = ctx.Get<ActivityService>();
        for (var i = 0; i < 9; i++)
        {
            await activities.CreateAsync(new ActivityInput
            {
                Date = new DateOnly(2022, 6, 1).AddDays(i), DurationMinutes = 60, TerritoryId = art, Type = ActivityType.PublicAction,
                Format = ActivityFormat.Workshop, Place = ActivityPlace.InCentre, Title = $"Atelier {i}", InhabitantCount = 5, CentreIds = [centre],
            });
        }
        await ctx.Get<IndicatorService>().SetTargetAsync(new TargetInput { IndicatorId = indicators["ACT"], TerritoryId = art, Value = 30, Milestones = [new(Milestone, 10)] });

        var line = (await ctx.Get<IndicatorDashboardService>().GetTerritoryAsync("ART", Period.Year(2022))).Lines.Single(l => l.Code == "ACT");
        Assert.Equal((9m, 9m, 30m, 10m, 30m), (line.Cumulative, line.PeriodValue, line.Target!.Value, line.Expected!.Value, line.PercentAchieved!.Value));
        Assert.Equal(TargetStatus.OnTrack, line.Status);
        Assert.Equal("dans les temps", line.StatusLabel);
    }

    private static async Task<int> NetworkCentreAsync(CoreTestContext ctx, int territoryId)
    {
        await using var db = ctx.CreateDb();
        var centre = new CscDashboard.Core.Network.SocialCentre
        {
            Name = "Centre Jalon", Commune = "Arras", Postcode = "62000", TerritoryId = territoryId,
            Status = CscDashboard.Core.Network.CentreStatus.Engaged, EngagedOn = new DateOnly(2021, 9, 1),
        };
        db.Centres.Add(centre);
        await db.SaveChangesAsync();
        return centre.Id;
    }
}
