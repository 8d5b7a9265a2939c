using System.Runtime.CompilerServices;
using CscDashboard.Core.Backups;
using CscDashboard.Core.Common;

namespace CscDashboard.Web.Components.Shared;

/// <summary>
/// Live refresh (STYLE.md 9; the idea of eShop's <c>OrdersRefreshOnStatusChange</c>): a component subscribes to one change
/// of a singleton notifier and keeps the one <see cref="IDisposable"/> it gets back, which it disposes with itself. The
/// handler runs through the component's dispatcher (pass its <c>InvokeAsync</c>), so it may change the component's
/// state and call <c>StateHasChanged</c>; the notifier's thread never waits for it. ADR 029.
/// <code>
/// _refresh = Notifier.WhenActivityChanged(InvokeAsync, OnActivityChangedAsync);
/// public void Dispose() => _refresh?.Dispose();
/// </code>
/// A page whose data a burst of saves would reload again and again uses the coalesced form instead (ADR 035): it says which
/// changes concern what it displays, and gets one reload at most per <see cref="CoalesceDelay"/>, after the first of them;
/// a delay that grows beyond <see cref="PagesAtPlainDelay"/> open live pages (ADR 037).
/// </summary>
public static class LiveRefresh
{
    /// <summary>The longest a page waits after a change before reloading: the changes of that time share one reload.</summary>
    public static readonly TimeSpan CoalesceDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>Up to this many live pages open on the instance, each waits the plain delay; beyond, the delay grows with their number.</summary>
    public const int PagesAtPlainDelay = 50;

    /// <summary>The delay never grows past this many times the plain one (5 s for 250 ms, reached at 1,000 open pages).</summary>
    public const int MaxDelayFactor = 20;

    /// <summary>The coalesced subscriptions open on each notifier (the live pages of the instance).</summary>
    private static readonly ConditionalWeakTable<ChangeNotifier, StrongBox<int>> Open = [];

    /// <summary>
    /// The delay a page waits after a change when <paramref name="openPages"/> live pages are open on the instance (ADR 037):
    /// the plain delay up to <see cref="PagesAtPlainDelay"/> pages, then in proportion to their number, so that the reloads of
    /// a steady stream of saves stay under 200 per second, whatever the number of open pages (300 pages: 1.5 s; 1,000: 5 s).
    /// </summary>
    public static TimeSpan DelayFor(TimeSpan delay, int openPages) =>
        delay * Math.Clamp((double)openPages / PagesAtPlainDelay, 1, MaxDelayFactor);

    /// <summary>The live pages open on <paramref name="notifier"/>'s instance: the coalesced subscriptions not disposed yet.</summary>
    public static int OpenPages(ChangeNotifier notifier) => Volatile.Read(ref Open.GetOrCreateValue(notifier).Value);

    /// <summary>
    /// An activity was saved, deleted or restored where the page looks: <paramref name="concerns"/> says so (it runs on the
    /// notifier's thread, for every change: it must be quick and read only what the page replaces whole, such as a record
    /// set after each load). The changes that concern the page within <paramref name="delay"/> (default
    /// <see cref="CoalesceDelay"/>, lengthened by <see cref="DelayFor"/> when many pages are open) of the first one give
    /// one <paramref name="reload"/>, run through the dispatcher at the end of that delay (trailing edge); reloads never
    /// overlap: a change during one gives one more after it.
    /// </summary>
    public static IDisposable WhenActivityChanged(this ChangeNotifier notifier, Func<Func<Task>, Task> dispatch,
        Func<ActivityChange, bool> concerns, Func<Task> reload, TimeSpan? delay = null)
    {
        var open = Open.GetOrCreateValue(notifier);
        var coalesced = new CoalescedReload(dispatch, reload, () => DelayFor(delay ?? CoalesceDelay, Volatile.Read(ref open.Value)));
        Action<ActivityChange> relay = change =>
        {
            if (concerns(change))
            {
                coalesced.Request();
            }
        };
        notifier.ActivityChanged += relay;
        Interlocked.Increment(ref open.Value);
        return new Subscription(() =>
        {
            notifier.ActivityChanged -= relay;
            Interlocked.Decrement(ref open.Value);
            coalesced.Stop();
        });
    }

    /// <summary>An activity was saved, deleted or restored anywhere.</summary>
    public static IDisposable WhenActivityChanged(this ChangeNotifier notifier, Func<Func<Task>, Task> dispatch, Func<ActivityChange, Task> handler) =>
        Subscribe<ActivityChange>(h => notifier.ActivityChanged += h, h => notifier.ActivityChanged -= h, dispatch, handler);

    /// <summary>A report's generation moved on (status, step, file).</summary>
    public static IDisposable WhenReportChanged(this ChangeNotifier notifier, Func<Func<Task>, Task> dispatch, Func<ReportChange, Task> handler) =>
        Subscribe<ReportChange>(h => notifier.ReportChanged += h, h => notifier.ReportChanged -= h, dispatch, handler);

    /// <summary>A payment-claim dossier's build moved on (percent, file, error).</summary>
    public static IDisposable WhenDossierChanged(this ChangeNotifier notifier, Func<Func<Task>, Task> dispatch, Func<DossierChange, Task> handler) =>
        Subscribe<DossierChange>(h => notifier.DossierChanged += h, h => notifier.DossierChanged -= h, dispatch, handler);

    /// <summary>Notices were added or read (everyone's when the change names no user).</summary>
    public static IDisposable WhenNotificationsChanged(this ChangeNotifier notifier, Func<Func<Task>, Task> dispatch, Func<NotificationChange, Task> handler) =>
        Subscribe<NotificationChange>(h => notifier.NotificationsChanged += h, h => notifier.NotificationsChanged -= h, dispatch, handler);

    /// <summary>A restore paused or resumed the app's writes (ADR 019).</summary>
    public static IDisposable WhenStateChanged(this MaintenanceGate gate, Func<Func<Task>, Task> dispatch, Func<MaintenanceState, Task> handler) =>
        Subscribe<MaintenanceState>(h => gate.StateChanged += h, h => gate.StateChanged -= h, dispatch, handler);

    private static Subscription Subscribe<TChange>(Action<Action<TChange>> add, Action<Action<TChange>> remove,
        Func<Func<Task>, Task> dispatch, Func<TChange, Task> handler)
    {
        Action<TChange> relay = change => _ = dispatch(() => handler(change));
        add(relay);
        return new Subscription(() => remove(relay));
    }

    /// <summary>
    /// One reload for the requests of a delay (per component, so per circuit): the first request starts the delay, those
    /// during it join it; a request while the reload runs starts a new delay, whose reload waits for the running one.
    /// </summary>
    private sealed class CoalescedReload(Func<Func<Task>, Task> dispatch, Func<Task> reload, Func<TimeSpan> delay)
    {
        private readonly Lock _gate = new();
        private bool _waiting;   // a delay is running: requests join it
        private bool _reloading; // a reload runs (on the dispatcher)
        private bool _again;     // a delay ended while reloading: reload once more after
        private bool _stopped;

        public void Request()
        {
            lock (_gate)
            {
                if (_stopped || _waiting)
                {
                    return;
                }
                _waiting = true;
            }
            _ = WaitThenReloadAsync();
        }

        public void Stop()
        {
            lock (_gate)
            {
                _stopped = true;
            }
        }

        private async Task WaitThenReloadAsync()
        {
            await Task.Delay(delay());
            await dispatch(ReloadAsync);
        }

        private async Task ReloadAsync()
        {
            lock (_gate)
            {
                _waiting = false;
                if (_stopped)
                {
                    return;
                }
                if (_reloading)
                {
                    _again = true;
                    return;
                }
                _reloading = true;
            }
            try
            {
                while (true)
                {
                    await reload();
                    lock (_gate)
                    {
                        if (!_again || _stopped)
                        {
                            _reloading = _again = false;
                            return;
                        }
                        _again = false;
                    }
                }
            }
            catch
            {
                lock (_gate)
                {
                    _reloading = _again = false;
                }
                throw;
            }
        }
    }

    /// <summary>Unsubscribes once, however many times it is disposed.</summary>
    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private Action? _unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
    }
}
