using CscDashboard.Core.Closing;
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

        var days = await TimesheetContent.DaysAsync(db, memberId, member.UserId, month, ct);
        var timesheet = await db.Timesheets.AsNoTracking().Where(t => t.MemberId == memberId && t.Month == month)
            .Select(t => new { t.Status, Signatures = t.Signatures.Where(s => s.InvalidatedAt == null).OrderBy(s => s.SignedAt).ToList() })
            .SingleOrDefaultAsync(ct);
        var hash = TimesheetContent.Hash(memberId, month, days);
        var locked = await db.MonthCloses.AsNoTracking()
            .Where(m => m.TerritoryId == member.TerritoryId && m.Month == month && m.Status == MonthCloseStatus.Approved)
            .Select(m => new { m.ApprovedBy, m.ApprovedAt }).SingleOrDefaultAsync(ct);
        var lastDay = month.AddMonths(1).AddDays(-1);
        var operation = await db.Operations.AsNoTracking().Where(o => o.StartDate <= lastDay && o.EndDate >= month)
            .OrderBy(o => o.StartDate).Select(o => new { o.Code, o.Name, o.Programme, o.ManagingAuthority }).FirstOrDefaultAsync(ct);

        return new TimesheetModel
        {
            OperationLabel = operation is null ? "Hors période d'opération" : $"Opération {operation.Code} — {operation.Name}",
            FundingMention = Operation.FundingMentionOf(operation?.Programme),
            ManagingAuthority = operation?.ManagingAuthority,
            MemberName = $"{member.FirstName} {member.LastName}",
            Role = NetworkLabels.Of(member.Role),
            Assignment = member.Assignment == Assignment.FixedPercent && member.AssignmentPercent is { } percent
                ? $"{NetworkLabels.Of(member.Assignment)} ({percent.ToString("0.##", French.Culture)} %)"
                : NetworkLabels.Of(member.Assignment),
            TerritoryName = member.TerritoryName,
            CentreName = member.CentreName,
            Month = month,
            Days = days,
            Status = timesheet?.Status ?? SignatureStatus.Draft,
            GeneratedAtUtc = clock.GetUtcNow().UtcDateTime,
            ContentSha256 = hash,
            // Only those that still sign this content (an invalidated one is history, not a signature).
            Signatures = (timesheet?.Signatures ?? []).Where(s => s.ContentSha256 == hash)
                .Select(s => new TimesheetSignatureLine(s.Kind, s.SignedByName, s.SignedAt, s.OnPaper)).ToList(),
            IsCallers = member.UserId is not null && member.UserId == user.UserId,
            LockedBecause = locked is null ? null : MonthLock.LockedMessage(month, member.TerritoryName, locked.ApprovedBy, locked.ApprovedAt),
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
            var member = await db.Members.AsNoTracking().Where(m => m.Id == memberId).Select(m => new { m.TerritoryId, m.UserId }).SingleAsync(token);
            await MonthLock.EnsureOpenAsync(db, [MonthKey.Of(member.TerritoryId, month)], token);
            var timesheet = await db.Timesheets.Include(t => t.Signatures).SingleOrDefaultAsync(t => t.MemberId == memberId && t.Month == month, token);
            if (timesheet is null)
            {
                timesheet = new Timesheet { MemberId = memberId, Month = month };
                db.Timesheets.Add(timesheet);
            }
            // The paper holds the signatures: the coordinator records them, with the content they cover and the scan.
            var hash = await TimesheetContent.HashAsync(db, memberId, member.UserId, month, token);
            var now = clock.GetUtcNow().UtcDateTime;
            var user = users.Current;
            var kinds = status == SignatureStatus.Countersigned ? new[] { SignatureKind.Employee, SignatureKind.Countersignature } : [SignatureKind.Employee];
            foreach (var kind in kinds)
            {
                timesheet.Signatures.Add(new TimesheetSignature
                {
                    Kind = kind, SignedByUserId = user.UserId, SignedByName = user.DisplayName, SignedAt = now, ContentSha256 = hash,
                    OnPaper = true, Evidence = document,
                });
            }
            timesheet.Status = TimesheetContent.StatusOf(timesheet.Signatures);
            document.Timesheet = timesheet;
        }, ct);
    }

    /// <summary>
    /// The person signs their own month in the app (ADR 027): the signature keeps who, when and the SHA-256 of the
    /// content they saw (<paramref name="contentSha256"/>, from <see cref="BuildAsync"/>); a content changed in between
    /// is refused. A member without an account signs on paper, recorded by <see cref="AttachSignedScanAsync"/>.
    /// </summary>
    public async Task SignAsync(int memberId, DateOnly month, string contentSha256, CancellationToken ct = default)
    {
        var user = users.Current;
        month = new DateOnly(month.Year, month.Month, 1);
        await using var db = await factory.CreateDbContextAsync(ct);
        var member = await db.Members.AsNoTracking().Where(m => m.Id == memberId)
            .Select(m => new { m.TerritoryId, m.UserId }).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Ce membre du réseau n'existe pas.");
        if (user.UserId is null || member.UserId != user.UserId)
        {
            throw new ScopeViolationException("Seule la personne concernée signe sa feuille de temps dans l'application ; "
                + "pour une personne sans compte, déposez la feuille signée sur papier.");
        }
        if (month > new DateOnly(clock.Today().Year, clock.Today().Month, 1))
        {
            EvidenceService.Fail(nameof(Timesheet.Month), "Une feuille de temps se signe une fois le mois commencé, pas à l'avance.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await MonthLock.EnsureOpenAsync(db, [MonthKey.Of(member.TerritoryId, month)], ct);
        var hash = await TimesheetContent.HashAsync(db, memberId, member.UserId, month, ct);
        if (!string.Equals(hash, contentSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ConcurrencyConflictException("Votre feuille de temps a changé depuis que vous l'avez ouverte (une activité a été modifiée) : "
                + "relisez-la, puis signez de nouveau. Rien n'a été signé.");
        }
        var timesheet = await db.Timesheets.Include(t => t.Signatures).SingleOrDefaultAsync(t => t.MemberId == memberId && t.Month == month, ct);
        if (timesheet is null)
        {
            timesheet = new Timesheet { MemberId = memberId, Month = month };
            db.Timesheets.Add(timesheet);
        }
        if (timesheet.Signatures.Any(s => s.Kind == SignatureKind.Employee && s.InvalidatedAt is null && s.ContentSha256 == hash))
        {
            EvidenceService.Fail(nameof(Timesheet.Status), "Vous avez déjà signé cette feuille de temps.");
        }
        timesheet.Signatures.Add(new TimesheetSignature
        {
            Kind = SignatureKind.Employee, SignedByUserId = user.UserId, SignedByName = user.DisplayName,
            SignedAt = clock.GetUtcNow().UtcDateTime, ContentSha256 = hash,
        });
        timesheet.Status = TimesheetContent.StatusOf(timesheet.Signatures);
        await db.SaveOrConflictAsync(ct);
        await transaction.CommitAsync(ct);
    }

    public static string Url(int memberId, DateOnly month) => $"/network/members/{memberId}/timesheet.pdf?month={month:yyyy-MM}";
}
