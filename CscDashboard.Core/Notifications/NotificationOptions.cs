namespace CscDashboard.Core.Notifications;

/// <summary>
/// The thresholds of the reminders and digests (appsettings.json, section <c>Notifications</c>; their schedules are the
/// <c>…Cron</c> keys of the same section, read where the recurring jobs are registered). Europe/Paris days.
/// </summary>
public sealed record NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Working days without any activity in a coordinator's territories before they are reminded (<c>InactivityWorkingDays</c>).</summary>
    public int InactivityWorkingDays { get; init; } = 3;

    /// <summary>Age in days of a missing piece of evidence before it is in the weekly reminder (<c>EvidenceOverdueDays</c>).</summary>
    public int EvidenceOverdueDays { get; init; } = 30;

    /// <summary>How far back a ready report is announced to the committee (<c>NewReportLookbackDays</c>): an upgrade announces no old reports.</summary>
    public int NewReportLookbackDays { get; init; } = 7;
}
