namespace CscDashboard.Core.Common;

/// <summary>What changed, for pages that refresh live.</summary>
public sealed record ActivityChange(int ActivityId, int TerritoryId, DateOnly Date);

/// <summary>
/// Singleton that tells open pages (dashboards, lists) that data changed, so they re-query without
/// a reload. Subscribers must unsubscribe when disposed.
/// </summary>
public sealed class ChangeNotifier
{
    public event Action<ActivityChange>? ActivityChanged;

    public void NotifyActivityChanged(ActivityChange change) => ActivityChanged?.Invoke(change);
}
