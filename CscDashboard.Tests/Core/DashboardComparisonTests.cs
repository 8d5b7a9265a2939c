using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Tests.Infrastructure;

namespace CscDashboard.Tests.Core;

/// <summary>
/// "À date" comparisons (ADR 014): today is 2023-03-15, so March 2023 and the first quarter of 2023 are
/// under way and are compared with as many days of the previous period as have elapsed of theirs.
/// </summary>
public sealed class DashboardComparisonTests : IAsyncLifetime
{
    private CoreTestContext _ctx = default!;

    public async Task InitializeAsync()
    {
        _ctx = await CoreTestContext.CreateAsync();
        var art = await _ctx.TerritoryIdAsync("ART");
        _ctx.ActAs(await _ctx.AddUserAsync("coord-art@test.csc", Roles.Coordinator, "ART"));
        var service = _ctx.Get<ActivityService>();
        foreach (var (date, minutes) in new (DateOnly, int)[]
        {
            (new(2022, 12, 10), 60), (new(2022, 12, 20), 60),
            (new(2023, 1, 20), 60),
            (new(2023, 2, 6), 60), (new(2023, 2, 14), 30), (new(2023, 2, 20), 90),
            (new(2023, 3, 3), 60), (new(2023, 3, 10), 30),
        })
        {
            await service.CreateAsync(new ActivityInput
            {
                Date = date, DurationMinutes = minutes, TerritoryId = art, Type = ActivityType.Coordination,
                Format = ActivityFormat.Meeting, Place = ActivityPlace.Elsewhere, Title = $"Réunion du {date}",
            });
        }
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task A_month_under_way_is_compared_with_the_same_elapsed_days_of_the_previous_month()
    {
        var overview = await _ctx.Get<DashboardService>().GetOverviewAsync(Period.Month(2023, 3));

        Assert.True(overview.ComparedToDate);
        Assert.Equal(Period.Custom(new(2023, 2, 1), new(2023, 2, 15)), overview.PreviousPeriod);
        // 3 and 10 March against 6 and 14 February; the 20 February is after the same elapsed days.
        Assert.Equal((2, 2, 0.0), (overview.Kpis.Activities.Value, overview.Kpis.Activities.Previous, overview.Kpis.Activities.ChangePercent));
        Assert.Equal((1.5, 1.5), (overview.Kpis.Hours.Value, overview.Kpis.Hours.Previous));
    }

    [Fact]
    public async Task A_completed_month_is_compared_with_the_whole_previous_month()
    {
        var overview = await _ctx.Get<DashboardService>().GetOverviewAsync(Period.Month(2023, 2));

        Assert.False(overview.ComparedToDate);
        Assert.Equal(Period.Month(2023, 1), overview.PreviousPeriod);
        Assert.Equal((3, 1), (overview.Kpis.Activities.Value, overview.Kpis.Activities.Previous));
    }

    [Fact]
    public async Task A_quarter_under_way_is_compared_with_the_first_days_of_the_previous_quarter()
    {
        var overview = await _ctx.Get<DashboardService>().GetOverviewAsync(Period.Quarter(2023, 1));

        // 1 January to 15 March is 74 days: 1 October to 13 December 2022.
        Assert.True(overview.ComparedToDate);
        Assert.Equal(Period.Custom(new(2022, 10, 1), new(2022, 12, 13)), overview.PreviousPeriod);
        Assert.Equal((6, 1), (overview.Kpis.Activities.Value, overview.Kpis.Activities.Previous));
    }

    [Fact]
    public async Task The_trend_stops_at_the_current_month_and_flags_it_partial()
    {
        var overview = await _ctx.Get<DashboardService>().GetOverviewAsync(Period.Year(2023));

        Assert.Equal(12, overview.Trend.Count);
        Assert.Equal(new DateOnly(2023, 3, 1), overview.Trend[^1].Month);
        Assert.Equal(2, overview.Trend[^1].Activities);
        Assert.Equal([new DateOnly(2023, 3, 1)], overview.Trend.Where(m => m.Partial).Select(m => m.Month));

        var past = await _ctx.Get<DashboardService>().GetOverviewAsync(Period.Year(2022));
        Assert.Equal(new DateOnly(2022, 12, 1), past.Trend[^1].Month);
        Assert.DoesNotContain(past.Trend, m => m.Partial);
        Assert.False(past.ComparedToDate);
    }
}
