using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Reporting;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Governance;

/// <summary>
/// A meeting's attachments (ADR 031): pieces of the evidence vault (the signed attendance list, the slides) and the
/// progress reports presented. Linked by whoever manages the meeting, to pieces they may read themselves; the files
/// stay in the vault and are downloaded through it. A file can also be deposited from the meeting page: it goes to the
/// vault and is attached in the same write.
/// </summary>
public sealed class MeetingLinkService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, EvidenceService evidence)
{
    /// <summary>What can be attached: the latest 100 readable pieces of the meeting's territory (federation level for a federation body) and the ready reports.</summary>
    public async Task<(IReadOnlyList<MeetingDocumentRow> Documents, IReadOnlyList<MeetingReportRow> Reports)> AttachableAsync(int meetingId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var meeting = await LoadAsync(db, meetingId, ct);
        var documents = await EvidenceAccess.Visible(db, users.Current)
            .Where(e => e.TerritoryId == meeting.TerritoryId && e.WithdrawnAt == null)
            .OrderByDescending(e => e.Id).Take(100).Select(e => new { e.Id, e.OriginalName, e.Category }).ToListAsync(ct);
        var reports = await db.ReportSnapshots.AsNoTracking().Where(r => r.Status == ReportStatus.Ready && r.PeriodEnd <= meeting.Date)
            .OrderByDescending(r => r.PeriodEnd).ThenByDescending(r => r.Id).Take(20)
            .Select(r => new { r.Id, r.Kind, r.PeriodCode, r.ReportVersion }).ToListAsync(ct);
        return (documents.Select(d => new MeetingDocumentRow(d.Id, d.OriginalName, EvidenceLabels.Of(d.Category))).ToList(),
            reports.Select(r => new MeetingReportRow(r.Id, $"{ReportLabels.Of(r.Kind)} {r.PeriodCode} (v{r.ReportVersion})")).ToList());
    }

    public async Task AttachDocumentAsync(int meetingId, int documentId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await LoadAsync(db, meetingId, ct);
        var document = await db.EvidenceDocuments.AsNoTracking().Where(e => e.Id == documentId && e.WithdrawnAt == null).Select(e => new { e.TerritoryId }).SingleOrDefaultAsync(ct);
        if (document is null || !EvidenceAccess.CanAccess(users.Current, document.TerritoryId))
        {
            throw new NotFoundException("Cette pièce n'existe pas ou a été retirée.");
        }
        if (!await db.MeetingDocuments.AnyAsync(d => d.MeetingId == meetingId && d.DocumentId == documentId, ct))
        {
            db.MeetingDocuments.Add(new MeetingDocument { MeetingId = meetingId, DocumentId = documentId });
            await db.SaveChangesAsync(ct);
        }
    }

    public const string NoActivityToJustify =
        "Cette réunion n'a pas encore d'activité dans vos territoires à laquelle rattacher la pièce : déposez-la dans « Pièces justificatives », puis joignez-la ici.";

    /// <summary>
    /// Deposits a file in the vault and attaches it to the meeting, in one write (nothing is stored when either is
    /// refused). The piece justifies the meeting's activity in the caller's territories (their own entry when they
    /// attended) and the meeting's month; a federation body without such an activity files it at federation level,
    /// which only the federation staff may do.
    /// </summary>
    public async Task<int> UploadAsync(int meetingId, string fileName, EvidenceCategory category, Stream content, CancellationToken ct = default)
    {
        var user = users.Current;
        int? activityId;
        DateOnly month;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var meeting = await LoadAsync(db, meetingId, ct);
            month = new DateOnly(meeting.Date.Year, meeting.Date.Month, 1);
            var entries = await db.MeetingAttendees.AsNoTracking().Where(a => a.MeetingId == meetingId && a.ActivityId != null)
                .OrderBy(a => a.Id).Select(a => new { a.UserId, ActivityId = a.ActivityId!.Value, a.Activity!.TerritoryId }).ToListAsync(ct);
            var usable = entries.Where(e => EvidenceAccess.CanAccess(user, e.TerritoryId)).ToList();
            activityId = (usable.FirstOrDefault(e => e.UserId == user.UserId) ?? usable.FirstOrDefault())?.ActivityId;
            if (activityId is null && (meeting.TerritoryId is not null || !user.HasFederationScope))
            {
                throw new ScopeViolationException(NoActivityToJustify);
            }
        }
        var saved = await evidence.UploadAsync(new EvidenceUpload(fileName, category, new EvidenceLinks(ActivityId: activityId, PeriodMonth: month)), content,
            (db, document, _) =>
            {
                db.MeetingDocuments.Add(new MeetingDocument { MeetingId = meetingId, Document = document });
                return Task.CompletedTask;
            }, ct);
        return saved.Id;
    }

    public async Task DetachDocumentAsync(int meetingId, int documentId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await LoadAsync(db, meetingId, ct);
        await db.MeetingDocuments.Where(d => d.MeetingId == meetingId && d.DocumentId == documentId).LoadAsync(ct);
        db.MeetingDocuments.RemoveRange(db.MeetingDocuments.Local.Where(d => d.MeetingId == meetingId && d.DocumentId == documentId));
        await db.SaveChangesAsync(ct);
    }

    public async Task AttachReportAsync(int meetingId, int reportId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await LoadAsync(db, meetingId, ct);
        if (!await db.ReportSnapshots.AnyAsync(r => r.Id == reportId && r.Status == ReportStatus.Ready, ct))
        {
            throw new NotFoundException("Ce bilan n'existe pas ou n'est pas prêt.");
        }
        if (!await db.MeetingReports.AnyAsync(r => r.MeetingId == meetingId && r.ReportId == reportId, ct))
        {
            db.MeetingReports.Add(new MeetingReport { MeetingId = meetingId, ReportId = reportId });
            await db.SaveChangesAsync(ct);
        }
    }

    public async Task DetachReportAsync(int meetingId, int reportId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await LoadAsync(db, meetingId, ct);
        await db.MeetingReports.Where(r => r.MeetingId == meetingId && r.ReportId == reportId).LoadAsync(ct);
        db.MeetingReports.RemoveRange(db.MeetingReports.Local.Where(r => r.MeetingId == meetingId && r.ReportId == reportId));
        await db.SaveChangesAsync(ct);
    }

    private async Task<Meeting> LoadAsync(AppDbContext db, int meetingId, CancellationToken ct)
    {
        var user = users.Current;
        MeetingAccess.EnsureCanRead(user);
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, ct)
            ?? throw new NotFoundException("Cette réunion n'existe pas ou a été supprimée.");
        await MeetingService.EnsureCanManageAsync(db, user, meeting.TerritoryId, meeting.WorkstreamId, ct);
        return meeting;
    }
}
