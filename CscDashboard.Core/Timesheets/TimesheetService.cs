using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Network;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Reporting;
using CscDashboard.Core.Reporting.Pdf;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Timesheets;

/// <summary>
/// A network member's monthly timesheet: hours per day from the activities they logged (through their
/// user account) plus the manual lines of their <see cref="Timesheet"/>; printed to be signed, and the
/// signed scan attached back to the month's <see cref="Timesheet"/> row with its signature status.
/// </summary>
public sealed class TimesheetService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users,
    EvidenceService evidence, IDocumentComposerFactory composers, TimeProvider clock)
{
    public async Task<TimesheetModel> BuildAsync(int memberId, DateOnly month, CancellationToken ct = default)
    {
        var user = users.Current;
        EvidenceAccess.EnsureCanUse(user);
        month = new DateOnly(month.Year, month.Month, 1);
        await using var db = await factory.CreateDbContextAsync(ct);
        var member = await db.Members.AsNoTracking().Where(m => m.Id == memberId)
            .Select(m => new
            {
                m.FirstName, m.LastName, m.Role, m.Assignment, m.AssignmentPercent, m.TerritoryId, m.UserId,
                TerritoryName = m.Territory!.Name, CentreName = m.Centre!.Name,
            })
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Ce membre du réseau n'existe pas.");
        EvidenceAccess.EnsureCanAccess(user, member.TerritoryId);

        var entries = new List<(DateOnly Date, int Minutes, string Label)>();
        if (member.UserId is { } userId)
        {
            var activities = await db.Activities.AsNoTracking()
                .Where(a => a.AuthorId == userId && a.Month == month && a.DeletedAt == null)
                .Chronological()
                .Select(a => new { a.Date, a.DurationMinutes, a.Title })
                .ToListAsync(ct);
            entries.AddRange(activities.Select(a => (a.Date, a.DurationMinutes, a.Title)));
        }
        var manual = await db.TimesheetLines.AsNoTracking()
            .Where(l => l.Timesheet!.MemberId == memberId && l.Timesheet.Month == month)
            .OrderBy(l => l.Date).ThenBy(l => l.Id)
            .Select(l => new { l.Date, l.Minutes, l.Label })
            .ToListAsync(ct);
        entries.AddRange(manual.Select(l => (l.Date, l.Minutes, l.Label)));
        var status = await db.Timesheets.Where(t => t.MemberId == memberId && t.Month == month).Select(t => (SignatureStatus?)t.Status).SingleOrDefaultAsync(ct);
        var lastDay = month.AddMonths(1).AddDays(-1);
        var operation = await db.Operations.AsNoTracking().Where(o => o.StartDate <= lastDay && o.EndDate >= month)
            .OrderBy(o => o.StartDate).Select(o => new { o.Code, o.Name, o.Programme }).FirstOrDefaultAsync(ct);

        return new TimesheetModel
        {
            OperationLabel = operation is null ? "Hors période d'opération" : $"Opération {operation.Code} — {operation.Name}",
            FundingMention = Operation.FundingMentionOf(operation?.Programme),
            MemberName = $"{member.FirstName} {member.LastName}",
            Role = NetworkLabels.Of(member.Role),
            Assignment = member.Assignment == Assignment.FixedPercent && member.AssignmentPercent is { } percent
                ? $"{NetworkLabels.Of(member.Assignment)} ({percent.ToString("0.##", French.Culture)} %)"
                : NetworkLabels.Of(member.Assignment),
            TerritoryName = member.TerritoryName,
            CentreName = member.CentreName,
            Month = month,
            // One line per day for the document; the month holds a few dozen entries at most.
            Days = entries.GroupBy(e => e.Date).OrderBy(g => g.Key)
                .Select(g => new TimesheetDay(g.Key, g.Sum(e => e.Minutes), g.Select(e => e.Label).ToList())).ToList(),
            Status = status ?? SignatureStatus.Draft,
            GeneratedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
    }

    public async Task<GeneratedPdf> RenderAsync(int memberId, DateOnly month, CancellationToken ct = default)
    {
        var model = await BuildAsync(memberId, month, ct);
        return new GeneratedPdf(SignableDocuments.Timesheet(model, composers), $"feuille-de-temps_{model.Month:yyyy-MM}_{memberId}.pdf");
    }

    /// <summary>
    /// Stores the signed scan as <see cref="EvidenceCategory.Timesheet"/> linked to the member's month,
    /// creating the month's <see cref="Timesheet"/> if needed and setting its status, in one save.
    /// </summary>
    public async Task<EvidenceSaved> AttachSignedScanAsync(int memberId, DateOnly month, SignatureStatus status, string fileName, Stream content,
        CancellationToken ct = default)
    {
        if (status == SignatureStatus.Draft)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]>
            {
                [nameof(Timesheet.Status)] = ["Indiquez qui a signé : la personne salariée seule, ou aussi sa ou son responsable."],
            });
        }
        month = new DateOnly(month.Year, month.Month, 1);
        var upload = new EvidenceUpload(fileName, EvidenceCategory.Timesheet, new EvidenceLinks(MemberId: memberId, PeriodMonth: month));
        return await evidence.UploadAsync(upload, content, async (db, document, token) =>
        {
            var timesheet = await db.Timesheets.SingleOrDefaultAsync(t => t.MemberId == memberId && t.Month == month, token);
            if (timesheet is null)
            {
                timesheet = new Timesheet { MemberId = memberId, Month = month };
                db.Timesheets.Add(timesheet);
            }
            timesheet.Status = status;
            document.Timesheet = timesheet;
        }, ct);
    }

    public static string Url(int memberId, DateOnly month) => $"/network/members/{memberId}/timesheet.pdf?month={month:yyyy-MM}";
}
