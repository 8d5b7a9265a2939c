using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Lookups;
using CscDashboard.Core.Network;
using CscDashboard.Core.Reporting;
using CscDashboard.Core.Reporting.Pdf;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Governance;

/// <summary>
/// Reads of the meetings (ADR 031): the list, a meeting with its attendees, decisions and attachments, what the form
/// offers, a territory's bodies, and the attendance sheet to print. Staff read every meeting (sharing across
/// territories is a goal); the committee reads none (they name people): the reports give it the decisions' follow-up.
/// </summary>
public sealed class MeetingQueries(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock, IDocumentComposerFactory composers)
{
    public async Task<PagedResult<MeetingRow>> ListAsync(MeetingFilter filter, PageRequest page, CancellationToken ct = default)
    {
        MeetingAccess.EnsureCanRead(users.Current);
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.Meetings.AsNoTracking();
        if (filter.Kind is { } kind)
        {
            query = query.Where(m => m.Kind == kind);
        }
        if (filter.TerritoryId is { } territory)
        {
            query = query.Where(m => m.TerritoryId == territory);
        }
        if (filter.From is { } from)
        {
            query = query.Where(m => m.Date >= from);
        }
        if (filter.To is { } to)
        {
            query = query.Where(m => m.Date <= to);
        }
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var like = LookupService.Like(filter.Text);
            query = query.Where(m => EF.Functions.Like(m.Title, like, "\\") || (m.Agenda != null && EF.Functions.Like(m.Agenda, like, "\\")));
        }
        var total = await query.CountAsync(ct);
        var ordered = page.SortBy switch
        {
            "title" => page.Descending ? query.OrderByDescending(m => m.Title) : query.OrderBy(m => m.Title),
            _ => page.Descending || page.SortBy is null ? query.OrderByDescending(m => m.Date).ThenByDescending(m => m.Id) : query.OrderBy(m => m.Date).ThenBy(m => m.Id),
        };
        var items = await Rows(ordered.Skip(page.Skip).Take(page.Take)).ToListAsync(ct);
        return new PagedResult<MeetingRow>(items, total);
    }

    public async Task<MeetingDetail> GetAsync(int id, CancellationToken ct = default)
    {
        var user = users.Current;
        MeetingAccess.EnsureCanRead(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Attendees).SingleOrDefaultAsync(m => m.Id == id, ct)
            ?? throw new NotFoundException("Cette réunion n'existe pas ou a été supprimée.");
        var names = await db.Meetings.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new { Territory = m.Territory == null ? null : m.Territory.Name, Workstream = m.Workstream == null ? null : m.Workstream.Name })
            .SingleAsync(ct);
        var attendees = await db.MeetingAttendees.AsNoTracking().Where(a => a.MeetingId == id)
            .Select(a => new
            {
                a.Kind, a.UserId, a.MemberId, a.PartnerId, a.ActivityId,
                UserName = a.User == null ? null : a.User.DisplayName,
                MemberName = a.Member == null ? null : a.Member.FirstName + " " + a.Member.LastName,
                MemberRole = a.Member == null ? (MemberRole?)null : a.Member.Role,
                PartnerName = a.Partner == null ? null : a.Partner.Name,
            }).ToListAsync(ct);
        var coAnimator = meeting.TerritoryId is null && meeting.WorkstreamId is { } w
            && await Workstreams.WorkstreamService.IsCoAnimatorAsync(db, w, user.UserId, ct);
        var canManage = MeetingAccess.CanManage(user, meeting.TerritoryId, coAnimator);
        var decisions = await DecisionService.RowsAsync(db, db.Decisions.Where(d => d.MeetingId == id).OrderBy(d => d.Id), user, canManage, clock.Today(), ct);
        var documents = await db.MeetingDocuments.AsNoTracking().Where(d => d.MeetingId == id && d.Document!.WithdrawnAt == null)
            .Select(d => new { d.DocumentId, d.Document!.OriginalName, d.Document.Category, d.Document.TerritoryId }).ToListAsync(ct);
        var reports = await db.MeetingReports.AsNoTracking().Where(r => r.MeetingId == id)
            .Select(r => new { r.ReportId, r.Report!.Kind, r.Report.PeriodCode, r.Report.ReportVersion }).ToListAsync(ct);
        return new MeetingDetail(
            meeting.Id,
            ToInput(meeting),
            names.Territory,
            names.Workstream,
            attendees.Select(a => a.Kind switch
            {
                AttendeeKind.Account => new MeetingAttendeeRow(a.Kind, a.UserId!, a.UserName ?? "", null, a.ActivityId),
                AttendeeKind.Member => new MeetingAttendeeRow(a.Kind, a.MemberId!.Value.ToString(French.Culture), a.MemberName ?? "",
                    a.MemberRole is { } role ? NetworkLabels.Of(role) : null, null),
                _ => new MeetingAttendeeRow(a.Kind, a.PartnerId!.Value.ToString(French.Culture), a.PartnerName ?? "", "Partenaire", null),
            }).OrderBy(a => a.Kind).ThenBy(a => a.Name, StringComparer.Create(French.Culture, true)).ToList(),
            decisions,
            // Evidence is read within its territory (ADR 007): another territory's pieces are not even named.
            documents.Where(d => (user.HasFederationScope || user.IsCoordinator) && EvidenceAccess.CanAccess(user, d.TerritoryId))
                .Select(d => new MeetingDocumentRow(d.DocumentId, d.OriginalName, EvidenceLabels.Of(d.Category))).ToList(),
            reports.Select(r => new MeetingReportRow(r.ReportId, $"{ReportLabels.Of(r.Kind)} {r.PeriodCode} (v{r.ReportVersion})")).ToList(),
            canManage);
    }

    /// <summary>The accounts that may attend or own a decision (staff, active), and the territories and workstreams the caller may hold meetings for.</summary>
    public async Task<MeetingOptions> OptionsAsync(CancellationToken ct = default)
    {
        var user = users.Current;
        MeetingAccess.EnsureCanRead(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var committee = await db.Roles.Where(r => r.Name == Roles.Committee).Select(r => r.Id).ToListAsync(ct);
        var accounts = await db.Users.AsNoTracking()
            .Where(u => u.DeactivatedAt == null && !db.UserRoles.Any(r => r.UserId == u.Id && committee.Contains(r.RoleId)))
            .OrderBy(u => u.DisplayName).Select(u => new MeetingOption(u.Id, u.DisplayName)).ToListAsync(ct);
        var territories = await db.Territories.AsNoTracking().Where(t => t.ArchivedAt == null).OrderBy(t => t.Number)
            .Select(t => new { t.Id, t.Code, t.Name }).ToListAsync(ct);
        var workstreams = await db.Workstreams.AsNoTracking().OrderBy(w => w.Number).Select(w => new { w.Id, w.Name }).ToListAsync(ct);
        var coAnimated = user.UserId is null ? [] : await db.WorkstreamCoordinators.AsNoTracking().Where(c => c.UserId == user.UserId)
            .Select(c => c.WorkstreamId).ToListAsync(ct);
        return new MeetingOptions(
            accounts,
            territories.Select(t => new MeetingOption(t.Id.ToString(French.Culture), $"{t.Name} ({t.Code})")).ToList(),
            workstreams.Select(w => new MeetingOption(w.Id.ToString(French.Culture), w.Name)).ToList(),
            user.HasFederationScope ? territories.Select(t => t.Id).ToList() : territories.Where(t => user.TerritoryIds.Contains(t.Id)).Select(t => t.Id).ToList(),
            user.HasFederationScope ? workstreams.Select(w => w.Id).ToList() : coAnimated,
            user.HasFederationScope);
    }

    /// <summary>Members of the network by name (active ones), for the attendees' picker; délégués de territoire first.</summary>
    public async Task<IReadOnlyList<MeetingOption>> SearchMembersAsync(string text, CancellationToken ct = default)
    {
        MeetingAccess.EnsureCanRead(users.Current);
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var like = LookupService.Like(text);
        var members = await db.Members.AsNoTracking()
            .Where(m => m.ArchivedAt == null && (EF.Functions.Like(m.FirstName + " " + m.LastName, like, "\\") || EF.Functions.Like(m.LastName, like, "\\")))
            .OrderBy(m => m.Role == MemberRole.TerritoryDelegate ? 0 : 1).ThenBy(m => m.LastName).Take(20)
            .Select(m => new { m.Id, m.FirstName, m.LastName, m.Role, m.Territory!.Code }).ToListAsync(ct);
        return members.Select(m => new MeetingOption(m.Id.ToString(French.Culture), $"{m.FirstName} {m.LastName} — {NetworkLabels.Of(m.Role)} ({m.Code})")).ToList();
    }

    /// <summary>A territory's délégués de territoire and its last five meetings (the territory page).</summary>
    public async Task<TerritoryBodies> TerritoryBodiesAsync(int territoryId, CancellationToken ct = default)
    {
        MeetingAccess.EnsureCanRead(users.Current);
        await using var db = await factory.CreateDbContextAsync(ct);
        var delegates = await db.Members.AsNoTracking()
            .Where(m => m.TerritoryId == territoryId && m.Role == MemberRole.TerritoryDelegate && m.ArchivedAt == null)
            .OrderBy(m => m.LastName).Select(m => m.FirstName + " " + m.LastName).ToListAsync(ct);
        var meetings = await Rows(db.Meetings.AsNoTracking().Where(m => m.TerritoryId == territoryId).OrderByDescending(m => m.Date).ThenByDescending(m => m.Id).Take(5))
            .ToListAsync(ct);
        return new TerritoryBodies(delegates, meetings);
    }

    /// <summary>The meeting's attendance sheet: the activities' sheet, pre-filled with the expected attendees, to sign.</summary>
    public async Task<GeneratedPdf> RenderAttendanceSheetAsync(int id, CancellationToken ct = default)
    {
        var user = users.Current;
        MeetingAccess.EnsureCanRead(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var meeting = await db.Meetings.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new { m.Title, m.Kind, m.Date, m.StartTime, m.DurationMinutes, m.Place, m.VideoLink, m.TerritoryId, m.WorkstreamId, Territory = m.Territory == null ? null : m.Territory.Name })
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Cette réunion n'existe pas ou a été supprimée.");
        await MeetingService.EnsureCanManageAsync(db, user, meeting.TerritoryId, meeting.WorkstreamId, ct);
        var operation = await db.Operations.AsNoTracking().Where(o => o.StartDate <= meeting.Date && o.EndDate >= meeting.Date)
            .Select(o => new { o.Code, o.Name, o.Programme, o.ManagingAuthority }).FirstAsync(ct);
        var expected = await db.MeetingAttendees.AsNoTracking().Where(a => a.MeetingId == id)
            .Select(a => new
            {
                Name = a.User != null ? a.User.DisplayName : a.Member != null ? a.Member.FirstName + " " + a.Member.LastName : a.Partner!.Name,
                Structure = a.User != null ? ProgressReportBuilder.FederationName : a.Member != null ? (a.Member.Centre != null ? a.Member.Centre.Name : a.Member.Territory!.Name) : "",
            }).ToListAsync(ct);
        var model = new AttendanceSheetModel
        {
            OperationLabel = $"Opération {operation.Code} — {operation.Name}",
            FundingMention = Operations.Operation.FundingMentionOf(operation.Programme),
            ManagingAuthority = operation.ManagingAuthority,
            Subject = "Réunion",
            Title = meeting.Title,
            Date = meeting.Date,
            StartTime = meeting.StartTime,
            DurationMinutes = meeting.DurationMinutes,
            Type = GovernanceLabels.Of(meeting.Kind),
            Place = meeting.Place ?? (meeting.VideoLink is null ? "—" : "À distance (visioconférence)"),
            Centres = [],
            TerritoryName = meeting.Territory ?? "Toute la fédération",
            Expected = expected.OrderBy(e => e.Name, StringComparer.Create(French.Culture, true)).Select(e => (e.Name, e.Structure)).ToList(),
            GeneratedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        return new GeneratedPdf(SignableDocuments.AttendanceSheet(model, composers), $"feuille-emargement_reunion_{meeting.Date:yyyy-MM-dd}_{id}.pdf");
    }

    public static string AttendanceSheetUrl(int meetingId) => $"/meetings/{meetingId}/attendance-sheet.pdf";

    internal static MeetingInput ToInput(Meeting m) => new()
    {
        Kind = m.Kind, Title = m.Title, Date = m.Date, StartTime = m.StartTime, DurationMinutes = m.DurationMinutes,
        TerritoryId = m.TerritoryId, WorkstreamId = m.WorkstreamId, Place = m.Place, VideoLink = m.VideoLink, Agenda = m.Agenda,
        Minutes = m.Minutes, OtherParticipantCount = m.OtherParticipantCount,
        AccountIds = m.Attendees.Where(a => a.Kind == AttendeeKind.Account).Select(a => a.UserId!).ToList(),
        MemberIds = m.Attendees.Where(a => a.Kind == AttendeeKind.Member).Select(a => a.MemberId!.Value).ToList(),
        PartnerIds = m.Attendees.Where(a => a.Kind == AttendeeKind.Partner).Select(a => a.PartnerId!.Value).ToList(),
        Version = m.Version,
    };

    private static IQueryable<MeetingRow> Rows(IQueryable<Meeting> meetings) => meetings.Select(m => new MeetingRow(
        m.Id, m.Date, m.StartTime, m.Kind, m.Title,
        m.Territory == null ? null : m.Territory.Code,
        m.Workstream == null ? null : m.Workstream.ShortName,
        m.Attendees.Count,
        m.Decisions.Count,
        m.Decisions.Count(d => d.Status == DecisionStatus.Todo || d.Status == DecisionStatus.InProgress)));
}
