namespace CscDashboard.Core.Common;

/// <summary>What changed, for pages that refresh live.</summary>
public sealed record ActivityChange(int ActivityId, int TerritoryId, DateOnly Date);

/// <summary>A report snapshot was requested, moved to another status, or reached a new step of its generation.</summary>
public sealed record ReportChange(int SnapshotId, Reporting.ReportStatus Status, string? Step);

/// <summary>A payment-claim dossier moved on: <paramref name="Percent"/> done, then its file name (or a French error).</summary>
public sealed record DossierChange(int OperationId, string PeriodCode, int Percent, string? FileName, string? Error = null);

/// <summary>
/// Singleton that tells open pages (dashboards, lists) that data changed, so they re-query without
/// a reload (and the report library when a report moves on). Subscribers must unsubscribe when disposed.
/// </summary>
public sealed class ChangeNotifier
{
    public event Action<ActivityChange>? ActivityChanged;

    public event Action<ReportChange>? ReportChanged;

    public event Action<DossierChange>? DossierChanged;

    public void NotifyActivityChanged(ActivityChange change) => ActivityChanged?.Invoke(change);

    public void NotifyReportChanged(ReportChange change) => ReportChanged?.Invoke(change);

    public void NotifyDossierChanged(DossierChange change) => DossierChanged?.Invoke(change);
}
