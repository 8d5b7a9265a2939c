using CscDashboard.Core.Common;
using CscDashboard.Core.Workstreams;
using CscDashboard.Tests.Infrastructure;

namespace CscDashboard.Tests.Core.Workstreams;

/// <summary>The three spaces on the demo data (as of 2023-03-15): every part shows something real.</summary>
public sealed class WorkstreamDemoDataTests(DemoDataFixture fixture) : IClassFixture<DemoDataFixture>
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Each_space_has_co_animators_figures_sessions_watch_items_and_deliverables(int number)
    {
        var ctx = fixture.Host;
        ctx.ActAs(CurrentUser.System("test"));
        var space = await ctx.Get<WorkstreamService>().GetSpaceAsync(number);

        Assert.InRange(space.Coordinators.Count, 3, 4);
        Assert.True(space.Figures.Activities > 0);
        Assert.Equal(space.Figures.Activities, space.Sessions!.TotalCount);
        Assert.NotEmpty((await ctx.Get<WatchItemService>().ListAsync(space.Id, new WatchItemFilter(), new PageRequest())).Items);
        Assert.Equal(4, (await ctx.Get<DeliverableService>().ListAsync(space.Id)).Items.Count);
    }
}
