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
/// </summary>
public static class LiveRefresh
{
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

    /// <summary>Unsubscribes once, however many times it is disposed.</summary>
    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private Action? _unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
    }
}
