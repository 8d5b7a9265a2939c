using Bunit;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Data;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Components.Pages.Activities;
using CscDashboard.Web.Components.Pages.Dashboards;
using CscDashboard.Web.Components.Pages.Governance;
using CscDashboard.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CscDashboard.Tests.Components;

/// <summary>
/// The dashboards' live refresh (ADR 035) over the real services (SQLite): a page reloads for the changes in the territory-months
/// it displays only, and a burst of them gives one reload. The dashboard cache is off here, so that every page's ask computes
/// and <see cref="DashboardCache.Computations"/> counts the asks.
/// </summary>
public sealed class DashboardLiveRefreshTests : MudTestContext
{
    /// <summary>Well past the coalescing delay, for a busy machine: what a page that wrongly reloaded would have done by then.</summary>
    private static readonly TimeSpan Settle = LiveRefresh.CoalesceDelay * 8;

    private const string Live = "Mis à jour en direct";

    private CoreTestContext _core = default!;
    private DashboardCache _asks = default!;
    private ChangeNotifier _notifier = default!;
    private int _art, _lil;

    public override async Task InitializeAsync()
    {
        // Today 15/03/2023: the pages open on 2023-Q1; their window ends on 31/03/2023.
        _core = await CoreTestContext.CreateAsync(new DateOnly(2023, 3, 15));
        _art = await _core.TerritoryIdAsync("ART");
        _lil = await _core.TerritoryIdAsync("LIL");
        _core.ActAs(await _core.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        _notifier = _core.Get<ChangeNotifier>();
        _asks = new DashboardCache(new DashboardCacheOptions { CacheCapacity = 0 }, _notifier, _core.Clock);
        Services.AddSingleton(new DashboardService(_core.Get<IDbContextFactory<AppDbContext>>(), _core.Users, _core.Clock, _asks));
        Services.AddSingleton<ICurrentUserAccessor>(_core.Users);
        Services.AddSingleton(_notifier);
        Services.AddSingleton<TimeProvider>(_core.Clock);
        // Panels with services of their own, not what is measured here.
        ComponentFactories.AddStub<TerritoryBodiesPanel>();
        ComponentFactories.AddStub<OpenDecisionsPanel>();
        Render<MudPopoverProvider>();
    }

    protected override async Task OnDisposeAsync()
    {
        _asks.Dispose();
        await _core.DisposeAsync();
    }

    [Fact]
    public async Task A_territory_page_reloads_for_its_own_territory_in_its_window_only()
    {
        var page = Render<TerritoryPage>(p => p.Add(t => t.Code, "ART"));
        page.WaitForAssertion(() => Assert.Equal("Artois", page.Find("[data-testid=territory-name]").TextContent.Trim()));
        var asked = _asks.Computations;

        // Another territory in the period; its own territory after the period's end and long before the window (2010).
        _notifier.NotifyActivityChanged(new ActivityChange(1, _lil, new DateOnly(2023, 2, 2)));
        _notifier.NotifyActivityChanged(new ActivityChange(2, _art, new DateOnly(2023, 4, 3)));
        _notifier.NotifyActivityChanged(new ActivityChange(3, _art, new DateOnly(2010, 1, 4)));
        await Task.Delay(Settle);
        Assert.Equal(asked, _asks.Computations);
        Assert.DoesNotContain(Live, page.Markup);

        // Its own territory, in the period; then in the compared period (the trend's and comparison's months are shown too).
        _notifier.NotifyActivityChanged(new ActivityChange(4, _art, new DateOnly(2023, 2, 2)));
        page.WaitForAssertion(() => Assert.Contains(Live, page.Markup));
        Assert.Equal(asked + 1, _asks.Computations);

        _notifier.Deliver(new ActivityChange(5, _art, new DateOnly(2022, 11, 7)));
        page.WaitForAssertion(() => Assert.Equal(asked + 2, _asks.Computations));
    }

    [Fact]
    public async Task A_burst_of_changes_gives_an_open_overview_one_reload()
    {
        var page = Render<OverviewPage>();
        page.WaitForAssertion(() => Assert.Contains("Tableau de bord de l'opération", page.Markup));
        page.WaitForAssertion(() => Assert.DoesNotContain("Chargement en cours", page.Markup));
        var asked = _asks.Computations;

        // Fifty saves in every territory of the period, from several threads at once, as coordinators saving together.
        Parallel.For(0, 50, i => _notifier.NotifyActivityChanged(new ActivityChange(i, i % 2 == 0 ? _art : _lil, new DateOnly(2023, 1, 2).AddDays(i))));

        page.WaitForAssertion(() => Assert.Contains(Live, page.Markup));
        await Task.Delay(Settle);
        Assert.Equal(asked + 1, _asks.Computations);

        // A change outside the overview's window (after the period) reloads nothing.
        _notifier.NotifyActivityChanged(new ActivityChange(99, _art, new DateOnly(2023, 6, 1)));
        await Task.Delay(Settle);
        Assert.Equal(asked + 1, _asks.Computations);
    }

    [Fact]
    public async Task A_change_during_a_reload_gives_one_more_after_it_never_two_at_once()
    {
        var running = 0;
        var most = 0;
        var reloads = 0;
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = _notifier.WhenActivityChanged(work => work(), change => change.TerritoryId == _art, async () =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            var count = Interlocked.Increment(ref reloads);
            if (count == 1)
            {
                firstStarted.SetResult();
                await release.Task;
            }
            Interlocked.Decrement(ref running);
            if (count == 2)
            {
                secondDone.SetResult();
            }
        });

        _notifier.NotifyActivityChanged(new ActivityChange(1, _art, new DateOnly(2023, 2, 2)));
        await firstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        _notifier.NotifyActivityChanged(new ActivityChange(2, _art, new DateOnly(2023, 2, 3)));
        _notifier.NotifyActivityChanged(new ActivityChange(3, _lil, new DateOnly(2023, 2, 3)));
        // The second change's delay ends while the first reload still runs: it must wait for it.
        await Task.Delay(Settle);
        Assert.Equal(1, Volatile.Read(ref reloads));
        release.SetResult();
        await secondDone.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(Settle);
        Assert.Equal(2, Volatile.Read(ref reloads));
        Assert.Equal(1, Volatile.Read(ref most));

        // Once disposed, nothing more.
        subscription.Dispose();
        _notifier.NotifyActivityChanged(new ActivityChange(4, _art, new DateOnly(2023, 2, 4)));
        await Task.Delay(Settle);
        Assert.Equal(2, Volatile.Read(ref reloads));
    }

    [Theory]
    [InlineData(1, 250)]
    [InlineData(50, 250)]
    [InlineData(100, 500)]
    [InlineData(300, 1500)]
    [InlineData(1000, 5000)]
    [InlineData(50_000, 5000)]
    public void The_delay_grows_with_the_open_pages_beyond_fifty_and_stops_at_five_seconds(int openPages, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), LiveRefresh.DelayFor(LiveRefresh.CoalesceDelay, openPages));

    [Fact]
    public async Task With_many_pages_open_a_page_waits_longer_and_closed_pages_no_longer_count()
    {
        // A notifier of its own: the pages counted are this test's only.
        var notifier = new ChangeNotifier();
        var idle = Enumerable.Range(0, 199).Select(_ => notifier.WhenActivityChanged(work => work(), _ => false, () => Task.CompletedTask)).ToList();
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var page = notifier.WhenActivityChanged(work => work(), _ => true, () =>
        {
            reloaded.TrySetResult();
            return Task.CompletedTask;
        });
        Assert.Equal(200, LiveRefresh.OpenPages(notifier));

        // 200 pages open: four times the plain delay (1 s), not 250 ms.
        clock.Restart();
        notifier.NotifyActivityChanged(new ActivityChange(1, _art, new DateOnly(2023, 2, 2)));
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(30));

        // Disposing a page twice counts it once.
        idle.ForEach(s => s.Dispose());
        idle[0].Dispose();
        Assert.Equal(1, LiveRefresh.OpenPages(notifier));
    }

    [Theory]
    [InlineData(null, null, null, true)]
    [InlineData("ART", null, null, true)]
    [InlineData("LIL", null, null, false)]
    [InlineData("ART", "2023-02-01", "2023-02-28", true)]
    [InlineData("ART", "2023-03-01", null, false)]
    [InlineData(null, null, "2023-01-31", false)]
    public void The_activity_list_reloads_for_changes_in_its_territory_and_dates(string? territory, string? from, string? to, bool reloads)
    {
        var filter = new ActivityFilter
        {
            TerritoryId = territory switch { "ART" => _art, "LIL" => _lil, _ => null },
            From = from is null ? null : DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            To = to is null ? null : DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture),
            Type = ActivityType.PublicAction, // not in the change: never a reason to skip a reload
        };
        Assert.Equal(reloads, ActivityList.Concerns(filter, new ActivityChange(1, _art, new DateOnly(2023, 2, 14))));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
