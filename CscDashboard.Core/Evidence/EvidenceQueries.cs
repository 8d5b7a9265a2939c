using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Evidence;

/// <summary>
/// The evidence vault's reads: the filtered, paged list (what the caller's role and territories may see) and the
/// authorised download. Writes: <see cref="EvidenceService"/>.
/// </summary>
public sealed class EvidenceQueries(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, EvidenceStore store)
{
    public async Task<PagedResult<EvidenceRow>> ListAsync(EvidenceFilter filter, PageRequest page, CancellationToken ct = default)
    {
        var user = users.Current;
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = Filtered(EvidenceAccess.Visible(db, user), filter);
        var total = await query.CountAsync(ct);
        var sorted = (page.SortBy, page.Descending) switch
        {
            ("name", false) => query.OrderBy(e => e.OriginalName).ThenBy(e => e.Id),
            ("name", true) => query.OrderByDescending(e => e.OriginalName).ThenBy(e => e.Id),
            ("category", false) => query.OrderBy(e => e.Category).ThenByDescending(e => e.Id),
            ("category", true) => query.OrderByDescending(e => e.Category).ThenByDescending(e => e.Id),
            ("period", false) => query.OrderBy(e => e.PeriodMonth).ThenByDescending(e => e.Id),
            ("period", true) => query.OrderByDescending(e => e.PeriodMonth).ThenByDescending(e => e.Id),
            ("territory", false) => query.OrderBy(e => e.Territory!.Number).ThenByDescending(e => e.Id),
            ("territory", true) => query.OrderByDescending(e => e.Territory!.Number).ThenByDescending(e => e.Id),
            ("size", false) => query.OrderBy(e => e.Size).ThenByDescending(e => e.Id),
            ("size", true) => query.OrderByDescending(e => e.Size).ThenByDescending(e => e.Id),
            ("uploaded", false) => query.OrderBy(e => e.Id),
            _ => query.OrderByDescending(e => e.Id),
        };
        var items = await sorted.Skip(page.Skip).Take(page.Take)
            .Select(e => new EvidenceRow(e.Id, e.Category, e.OriginalName, e.Size, e.ContentType, e.TerritoryId, e.Territory!.Name, e.PeriodMonth,
                e.ActivityId, e.Activity!.Title, e.ExpenseId, e.Expense!.Supplier + " — " + e.Expense.InvoiceNumber,
                e.MemberId, e.Member!.FirstName + " " + e.Member.LastName, e.CentreId, e.Centre!.Name, e.TimesheetId,
                e.CreatedAt, e.CreatedBy, e.RetentionUntil, e.WithdrawnAt, e.WithdrawnBy, e.WithdrawalReason))
            .ToListAsync(ct);
        return new PagedResult<EvidenceRow>(items.Select(r => r with
        {
            UploadedBy = French.Author(r.UploadedBy),
            WithdrawnBy = French.Author(r.WithdrawnBy),
            CanWrite = EvidenceAccess.CanAccess(user, r.TerritoryId),
        }).ToList(), total);
    }

    private static IQueryable<EvidenceDocument> Filtered(IQueryable<EvidenceDocument> query, EvidenceFilter filter)
    {
        if (!filter.IncludeWithdrawn)
        {
            query = query.Current();
        }
        if (!string.IsNullOrWhiteSpace(filter.TerritoryCode))
        {
            query = query.Where(e => e.Territory!.Code == filter.TerritoryCode);
        }
        if (filter.Category is { } category)
        {
            query = query.Where(e => e.Category == category);
        }
        if (filter.ActivityId is { } activityId)
        {
            query = query.Where(e => e.ActivityId == activityId);
        }
        if (filter.ExpenseId is { } expenseId)
        {
            query = query.Where(e => e.ExpenseId == expenseId);
        }
        if (filter.MemberId is { } memberId)
        {
            query = query.Where(e => e.MemberId == memberId);
        }
        if (filter.CentreId is { } centreId)
        {
            query = query.Where(e => e.CentreId == centreId);
        }
        if (filter.TimesheetId is { } timesheetId)
        {
            query = query.Where(e => e.TimesheetId == timesheetId);
        }
        if (filter.From is { } from)
        {
            var firstMonth = new DateOnly(from.Year, from.Month, 1);
            query = query.Where(e => e.PeriodMonth >= firstMonth);
        }
        if (filter.To is { } to)
        {
            query = query.Where(e => e.PeriodMonth <= to);
        }
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = "%" + filter.Search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(e => EF.Functions.Like(e.OriginalName, pattern, "\\"));
        }
        return query;
    }

    /// <summary>The file of a piece, after checking the caller's role and territory.</summary>
    public async Task<EvidenceFile> OpenAsync(int id, CancellationToken ct = default)
    {
        var user = users.Current;
        EvidenceAccess.EnsureCanUse(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var document = await db.EvidenceDocuments.AsNoTracking().Where(e => e.Id == id)
            .Select(e => new { e.TerritoryId, e.Sha256, e.ContentType, e.OriginalName })
            .SingleOrDefaultAsync(ct) ?? throw EvidenceService.NotFound();
        EvidenceAccess.EnsureCanAccess(user, document.TerritoryId);
        var path = store.PathOf(document.Sha256);
        if (!File.Exists(path))
        {
            throw new NotFoundException("Le fichier de cette pièce est introuvable sur le serveur : prévenez la personne qui administre l'application.");
        }
        // A name stored before the text rules (ADR 020) may still hold an invisible control: never in Content-Disposition.
        var downloadName = TextRules.StripInvisible(document.OriginalName).Trim();
        return new EvidenceFile(path, document.ContentType, downloadName.Length == 0 ? "document" : downloadName);
    }
}
