using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Tests.Infrastructure;

namespace CscDashboard.Tests.Core;

/// <summary>The shared dashboard figures (ADR 035), on real SQLite: one computation per key, dropped by changes in its window only.</summary>
public sealed class DashboardCacheTests : IAsyncLifetime
{
    private CoreTestContext _ctx = default!;
    private int _art, _lil;

    public async Task InitializeAsync()
    {
        _ctx = await CoreTestContext.CreateAsync(new DateOnly(2023, 3, 15));
        _art = await _ctx.TerritoryIdAsync("ART");
        _lil = await _ctx.TerritoryIdAsync("LIL");
        _ctx.ActAs(await _ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task Concurrent_requests_for_one_dashboard_compute_once_and_a_change_in_its_window_recomputes()
    {
        var cache = _ctx.Get<DashboardCache>();
        var service = _ctx.Get<DashboardService>();
        var quarter = Period.Quarter(2023, 1);
        var before = cache.Computations;
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => service.GetOverviewWithIndicatorsAsync(quarter)));
        Assert.Equal(before + 1, cache.Computations);

        // A month after the period: outside every section's window.
        _ctx.Get<ChangeNotifier>().NotifyActivityChanged(new ActivityChange(1, _art, new DateOnly(2023, 5, 2)));
        await service.GetOverviewWithIndicatorsAsync(quarter);
        Assert.Equal(before + 1, cache.Computations);

        // Relayed from another instance, inside the period.
        _ctx.Get<ChangeNotifier>().Deliver(new ActivityChange(2, _lil, new DateOnly(2023, 2, 2)));
        await service.GetOverviewWithIndicatorsAsync(quarter);
        Assert.Equal(before + 2, cache.Computations);
    }

    [Fact]
    public async Task A_territory_dashboard_is_kept_on_another_territorys_change_and_dropped_on_its_own()
    {
        var cache = _ctx.Get<DashboardCache>();
        var service = _ctx.Get<DashboardService>();
        var quarter = Period.Quarter(2023, 1);
        await service.GetTerritoryWithIndicatorsAsync("ART", quarter);
        var computed = cache.Computations;

        _ctx.Get<ChangeNotifier>().NotifyActivityChanged(new ActivityChange(1, _lil, new DateOnly(2023, 2, 2)));
        await service.GetTerritoryWithIndicatorsAsync("ART", quarter);
        Assert.Equal(computed, cache.Computations);

        _ctx.Get<ChangeNotifier>().NotifyActivityChanged(new ActivityChange(1, _art, new DateOnly(2023, 2, 2)));
        await service.GetTerritoryWithIndicatorsAsync("ART", quarter);
        Assert.Equal(computed + 1, cache.Computations);
    }
}
