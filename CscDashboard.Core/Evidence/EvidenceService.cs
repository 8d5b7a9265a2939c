using CscDashboard.Core.Closing;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Evidence;

/// <summary>
/// The evidence vault's writes: upload (type checked from the bytes, stored once by SHA-256), withdrawal with a
/// reason, deletion after the retention date. Territory and operation come from the links (<see cref="EvidenceTarget"/>)
/// and decide who may use a piece; nothing is deleted before its retention date. Reads: <see cref="EvidenceQueries"/>.
/// </summary>
public sealed class EvidenceService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, EvidenceStore store, TimeProvider clock)
{
    public const long MaxBytes = 20 * 1024 * 1024;
    public const string FileField = "File";
    public const string LinksField = "Links";
    public const string ReasonField = "Reason";
    public const string TooLargeMessage = "Le fichier dépasse 20 Mo : réduisez-le (scan en 150 ou 200 dpi, PDF compressé) puis déposez-le à nouveau.";
    public const string EmptyMessage = "Le fichier est vide : rien n'a été enregistré.";

    public static string WrongTypeMessage(string name) =>
        $"« {name} » n'est pas un fichier PDF, JPEG, PNG, XLSX, DOCX ou ODT (le type est vérifié d'après son contenu, pas d'après son nom) : rien n'a été enregistré.";

    public Task<EvidenceSaved> UploadAsync(EvidenceUpload upload, Stream content, CancellationToken ct = default) =>
        UploadAsync(upload, content, null, ct);

    /// <summary>
    /// Stores the file and its row. <paramref name="beforeSave"/> may add related changes (a timesheet's
    /// status) to the same context so that they are saved with the row, or not at all.
    /// </summary>
    internal async Task<EvidenceSaved> UploadAsync(EvidenceUpload upload, Stream content,
        Func<AppDbContext, EvidenceDocument, CancellationToken, Task>? beforeSave, CancellationToken ct)
    {
        var user = users.Current;
        EvidenceAccess.EnsureCanUse(user);
        var displayName = EvidenceNames.Check(upload.FileName, out var nameError);
        if (nameError is not null)
        {
            Fail(FileField, nameError);
        }
        if (!Enum.IsDefined(upload.Category))
        {
            Fail(nameof(upload.Category), "Choisissez une catégorie.");
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var target = await EvidenceTarget.ResolveAsync(db, upload.Links, clock.Today(), ct);
        if (target.TerritoryId is null && !user.HasFederationScope)
        {
            // Nothing linked (or only a month): say what to link instead, not just "refused".
            throw new ScopeViolationException(EvidenceAccess.FederationLevelRefused);
        }
        EvidenceAccess.EnsureCanAccess(user, target.TerritoryId);

        await using var staged = await store.StageAsync(content, MaxBytes, ct);
        if (staged.TooLarge)
        {
            Fail(FileField, TooLargeMessage);
        }
        if (staged.Size == 0)
        {
            Fail(FileField, EmptyMessage);
        }
        var type = EvidenceFileTypes.Detect(staged.Path);
        if (type is null)
        {
            Fail(FileField, WrongTypeMessage(displayName));
        }

        var document = new EvidenceDocument
        {
            OperationId = target.OperationId,
            TerritoryId = target.TerritoryId,
            Category = upload.Category,
            Sha256 = staged.Sha256,
            OriginalName = EvidenceNames.WithExtension(displayName, type!),
            Size = staged.Size,
            ContentType = type!.ContentType,
            ActivityId = upload.Links.ActivityId,
            ExpenseId = upload.Links.ExpenseId,
            MemberId = target.MemberId,
            CentreId = upload.Links.CentreId,
            TimesheetId = upload.Links.TimesheetId,
            PeriodMonth = target.Month,
            RetentionUntil = target.RetentionUntil,
        };
        db.EvidenceDocuments.Add(document);
        // Related changes (a timesheet's signatures) check the month's lock and are saved with the row in one transaction.
        await using var transaction = beforeSave is null ? null : await db.Database.BeginTransactionAsync(ct);
        if (beforeSave is not null)
        {
            await beforeSave(db, document, ct);
        }
        var storedNewFile = store.Commit(staged);
        try
        {
            await db.SaveChangesAsync(ct);
            if (transaction is not null)
            {
                await transaction.CommitAsync(ct);
            }
        }
        catch when (storedNewFile)
        {
            // The row was not written: do not leave a file that nothing points to.
            store.Delete(staged.Sha256);
            throw;
        }
        return new EvidenceSaved(document.Id, document.Sha256, storedNewFile);
    }

    /// <summary>Records a withdrawal (who, when, why); the file and the row are kept.</summary>
    public async Task WithdrawAsync(int id, string? reason, CancellationToken ct = default)
    {
        var user = users.Current;
        EvidenceAccess.EnsureCanUse(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var document = await db.EvidenceDocuments.SingleOrDefaultAsync(e => e.Id == id, ct) ?? throw NotFound();
        EvidenceAccess.EnsureCanAccess(user, document.TerritoryId);
        var text = reason?.Trim() ?? "";
        if (text.Length == 0)
        {
            Fail(ReasonField, "Indiquez le motif du retrait.");
        }
        if (text.Length > TextLimits.Reason)
        {
            Fail(ReasonField, "Le motif tient en 1 000 caractères au plus.");
        }
        if (TextRules.Problem(text, "Motif", TextLimits.Reason, TextKind.MultiLine) is { } problem)
        {
            Fail(ReasonField, problem);
        }
        if (document.WithdrawnAt is not null)
        {
            Fail(ReasonField, "Cette pièce a déjà été retirée.");
        }
        document.WithdrawnAt = clock.GetUtcNow().UtcDateTime;
        document.WithdrawnBy = user.DisplayName;
        document.WithdrawalReason = text;
        // Adding evidence to an approved month stays allowed; withdrawing some would change what was approved.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (document is { TerritoryId: { } territoryId, PeriodMonth: { } month })
        {
            await MonthLock.EnsureOpenAsync(db, [MonthKey.Of(territoryId, month)], ct);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Deletes a piece whose retention date has passed (the file goes when no other row uses it).
    /// Before that date, the EU rules forbid it: the piece can only be withdrawn.
    /// </summary>
    public async Task DeleteAsync(int id, CancellationToken ct = default)
    {
        var user = users.Current;
        EvidenceAccess.EnsureCanUse(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var document = await db.EvidenceDocuments.SingleOrDefaultAsync(e => e.Id == id, ct) ?? throw NotFound();
        EvidenceAccess.EnsureCanAccess(user, document.TerritoryId);
        var today = clock.Today();
        if (today <= document.RetentionUntil)
        {
            Fail(nameof(EvidenceDocument.RetentionUntil),
                $"Cette pièce doit être conservée jusqu'au {French.DayMonthYear(document.RetentionUntil)} (règles des fonds européens) : " +
                "elle ne peut pas être supprimée avant cette date. Vous pouvez la retirer en indiquant le motif.");
        }
        db.EvidenceDocuments.Remove(document);
        await db.SaveChangesAsync(ct);
        if (!await db.EvidenceDocuments.AnyAsync(e => e.Sha256 == document.Sha256, ct))
        {
            store.Delete(document.Sha256);
        }
    }

    internal static NotFoundException NotFound() => new("Cette pièce justificative n'existe pas.");

    internal static void Fail(string field, string message) =>
        throw new ValidationFailedException(new Dictionary<string, string[]> { [field] = [message] });
}
