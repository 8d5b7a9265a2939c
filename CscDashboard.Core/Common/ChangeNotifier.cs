namespace CscDashboard.Core.Common;

/// <summary>What changed, for pages that refresh live.</summary>
public sealed record ActivityChange(int ActivityId, int TerritoryId, DateOnly Date);

/// <summary>A report snapshot was requested, moved to another status, or reached a new step of its generation.</summary>
public sealed record ReportChange(int SnapshotId, Reporting.ReportStatus Status, string? Step);

/// <summary>A payment-claim dossier moved on: <paramref name="Percent"/> done, then its file name (or a French error).</summary>
public sealed record DossierChange(int OperationId, string PeriodCode, int Percent, string? FileName, string? Error = null);

/// <summary>An account was deactivated or its password, role or territories changed: its open sessions check it again now.</summary>
public sealed record AccountChange(string UserId);

/// <summary>New notifications (the bell, ADR 028), or some marked read: for <paramref name="UserId"/>, or for anyone when null.</summary>
public sealed record NotificationChange(string? UserId);

/// <summary>
/// Singleton that tells open pages (dashboards, lists) that data changed, so they re-query without
/// a reload (and the report library when a report moves on). Subscribers must unsubscribe when disposed.
/// With several app instances (PostgreSQL), a relay forwards what is <see cref="Published"/> here to
/// the other instances, which <see cref="Deliver"/> it to their own pages.
/// </summary>
public sealed class ChangeNotifier
{
    public event Action<ActivityChange>? ActivityChanged;

    public event Action<ReportChange>? ReportChanged;

    public event Action<DossierChange>? DossierChanged;

    public event Action<AccountChange>? AccountChanged;

    public event Action<NotificationChange>? NotificationsChanged;

    /// <summary>Every change notified in this instance (an <see cref="ActivityChange"/>, <see cref="ReportChange"/>, <see cref="DossierChange"/> or <see cref="AccountChange"/>).</summary>
    public event Action<object>? Published;

    public void NotifyActivityChanged(ActivityChange change)
    {
        ActivityChanged?.Invoke(change);
        Published?.Invoke(change);
    }

    public void NotifyReportChanged(ReportChange change)
    {
        ReportChanged?.Invoke(change);
        Published?.Invoke(change);
    }

    public void NotifyDossierChanged(DossierChange change)
    {
        DossierChanged?.Invoke(change);
        Published?.Invoke(change);
    }

    public void NotifyAccountChanged(AccountChange change)
    {
        AccountChanged?.Invoke(change);
        Published?.Invoke(change);
    }

    public void NotifyNotificationsChanged(string? userId = null)
    {
        var change = new NotificationChange(userId);
        NotificationsChanged?.Invoke(change);
        Published?.Invoke(change);
    }

    /// <summary>A change made in another instance: raised to this instance's subscribers, not published again.</summary>
    public void Deliver(object change)
    {
        switch (change)
        {
            case ActivityChange activity:
                ActivityChanged?.Invoke(activity);
                break;
            case ReportChange report:
                ReportChanged?.Invoke(report);
                break;
            case DossierChange dossier:
                DossierChanged?.Invoke(dossier);
                break;
            case AccountChange account:
                AccountChanged?.Invoke(account);
                break;
            case NotificationChange notification:
                NotificationsChanged?.Invoke(notification);
                break;
        }
    }
}
