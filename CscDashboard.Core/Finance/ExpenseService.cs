using CscDashboard.Core.Closing;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Network;
using CscDashboard.Core.Operations;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Finance;

/// <summary>
/// Expenses (invoices) of an operation: the paged list, reads for exports and the payment-claim dossier, and writes
/// with their validation. A territory's expenses are read and written by its coordinators, the project lead and the
/// admin; deleting one is the project lead's and the admin's (<see cref="FinanceScope"/>).
/// </summary>
public sealed class ExpenseService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock)
{
    public async Task<PagedResult<ExpenseRow>> ListExpensesAsync(ExpenseFilter filter, PageRequest page, CancellationToken ct = default)
    {
        var readable = FinanceScope.ReadableTerritories(users.Current, filter.TerritoryId);
        await using var db = await factory.CreateDbContextAsync(ct);
        var operation = await FinanceScope.OperationAsync(db, filter.OperationId, ct);
        var query = FilteredExpenses(db, filter, operation, readable);
        var total = await query.CountAsync(ct);
        var sorted = (page.SortBy, page.Descending) switch
        {
            ("supplier", false) => query.OrderBy(e => e.Supplier).ThenBy(e => e.InvoiceNumber),
            ("supplier", true) => query.OrderByDescending(e => e.Supplier).ThenBy(e => e.InvoiceNumber),
            ("territory", false) => query.OrderBy(e => e.Territory!.Number).ThenByDescending(e => e.InvoiceDate),
            ("territory", true) => query.OrderByDescending(e => e.Territory!.Number).ThenByDescending(e => e.InvoiceDate),
            ("category", false) => query.OrderBy(e => e.Category).ThenByDescending(e => e.InvoiceDate),
            ("category", true) => query.OrderByDescending(e => e.Category).ThenByDescending(e => e.InvoiceDate),
            ("amount", false) => query.OrderBy(e => e.EligibleAmount).ThenByDescending(e => e.InvoiceDate),
            ("amount", true) => query.OrderByDescending(e => e.EligibleAmount).ThenByDescending(e => e.InvoiceDate),
            ("invoiceDate", false) => query.OrderBy(e => e.InvoiceDate).ThenBy(e => e.Id),
            _ => query.OrderByDescending(e => e.InvoiceDate).ThenByDescending(e => e.Id),
        };
        var items = await Rows(sorted.Skip(page.Skip).Take(page.Take), operation.IndirectCosts).ToListAsync(ct);
        return new PagedResult<ExpenseRow>(items, total);
    }

    /// <summary>Every expense of a period and territory, by invoice date (for exports and the payment-claim dossier).</summary>
    public async Task<IReadOnlyList<ExpenseRow>> ExpensesAsync(FinanceQuery query, CancellationToken ct = default)
    {
        var readable = FinanceScope.ReadableTerritories(users.Current, query.TerritoryId);
        await using var db = await factory.CreateDbContextAsync(ct);
        var operation = await FinanceScope.OperationAsync(db, query.OperationId, ct);
        var filtered = FilteredExpenses(db, new ExpenseFilter(query.OperationId, query.Period, query.TerritoryId), operation, readable);
        return await Rows(filtered.OrderBy(e => e.InvoiceDate).ThenBy(e => e.Id), operation.IndirectCosts).ToListAsync(ct);
    }

    public async Task<ExpenseRow> GetExpenseAsync(int id, CancellationToken ct = default)
    {
        var user = users.Current;
        FinanceScope.EnsureCanRead(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var expense = await db.Expenses.AsNoTracking().Where(e => e.Id == id)
            .Select(e => new { e.TerritoryId, e.OperationId }).SingleOrDefaultAsync(ct);
        if (expense is null || !user.CanReadTerritoryFinance(expense.TerritoryId))
        {
            throw new NotFoundException("Cette dépense n'existe pas.");
        }
        var operation = await FinanceScope.OperationAsync(db, expense.OperationId, ct);
        return await Rows(db.Expenses.AsNoTracking().Where(e => e.Id == id), operation.IndirectCosts).SingleAsync(ct);
    }

    public async Task<int> CreateExpenseAsync(ExpenseInput input, CancellationToken ct = default)
    {
        var user = users.Current;
        FinanceScope.EnsureCanWriteExpenses(user);
        if (input.TerritoryId > 0)
        {
            user.EnsureCanWriteTerritory(input.TerritoryId);
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        await ValidateAsync(db, input, null, ct);
        var expense = new Expense { Supplier = "", InvoiceNumber = "" };
        Apply(input, expense);
        db.Expenses.Add(expense);
        await db.SaveInOpenMonthsAsync([MonthKey.Of(expense.TerritoryId, expense.InvoiceDate)], ct);
        return expense.Id;
    }

    public async Task UpdateExpenseAsync(int id, ExpenseInput input, CancellationToken ct = default)
    {
        var user = users.Current;
        FinanceScope.EnsureCanWriteExpenses(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var expense = await db.Expenses.SingleOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException("Cette dépense n'existe pas.");
        user.EnsureCanWriteTerritory(expense.TerritoryId);
        if (input.TerritoryId > 0)
        {
            user.EnsureCanWriteTerritory(input.TerritoryId);
        }
        await ValidateAsync(db, input, id, ct);
        db.Entry(expense).Property(e => e.Version).OriginalValue = input.Version;
        var before = MonthKey.Of(expense.TerritoryId, expense.InvoiceDate);
        Apply(input, expense);
        await db.SaveInOpenMonthsAsync([before, MonthKey.Of(expense.TerritoryId, expense.InvoiceDate)], ct);
    }

    /// <summary>Deleting an expense is the project lead's (and admin's) decision; coordinators correct theirs instead.</summary>
    public async Task DeleteExpenseAsync(int id, CancellationToken ct = default)
    {
        var user = users.Current;
        if (!user.HasFederationScope)
        {
            throw new ScopeViolationException("Seule la cheffe de projet peut supprimer une dépense.");
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var expense = await db.Expenses.SingleOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException("Cette dépense n'existe pas.");
        db.Expenses.Remove(expense);
        await db.SaveInOpenMonthsAsync([MonthKey.Of(expense.TerritoryId, expense.InvoiceDate)], ct);
    }

    private static IQueryable<Expense> FilteredExpenses(AppDbContext db, ExpenseFilter filter, FinanceOperation operation, int[]? readable)
    {
        var (from, to) = FinanceScope.Range(operation, filter.Period);
        var query = db.Expenses.AsNoTracking()
            .Where(e => e.OperationId == operation.Id && e.InvoiceDate >= from && e.InvoiceDate <= to);
        if (readable is not null)
        {
            query = query.Where(e => readable.Contains(e.TerritoryId));
        }
        if (filter.ExpenseId is { } id)
        {
            query = query.Where(e => e.Id == id);
        }
        if (filter.Category is { } category)
        {
            query = query.Where(e => e.Category == category);
        }
        if (NetworkAccess.LikePattern(filter.Search) is { } pattern)
        {
            query = query.Where(e => EF.Functions.Like(e.Supplier, pattern, "\\") || EF.Functions.Like(e.InvoiceNumber, pattern, "\\")
                || EF.Functions.Like(e.Description, pattern, "\\"));
        }
        return query;
    }

    private static IQueryable<ExpenseRow> Rows(IQueryable<Expense> query, IndirectCostsOption option)
    {
        var claimable = FinanceRules.ClaimableCategories(option);
        return query.Select(e => new ExpenseRow(e.Id, e.OperationId, e.TerritoryId, e.Territory!.Code, e.Territory.Name, e.Supplier, e.InvoiceNumber,
            e.InvoiceDate, e.PaymentDate, e.Description, e.Category, e.AmountExclVat, e.Vat, e.EligibleAmount,
            claimable.Contains(e.Category), e.Version));
    }

    private async Task ValidateAsync(AppDbContext db, ExpenseInput input, int? id, CancellationToken ct)
    {
        var operation = await db.Operations.Where(o => o.Id == input.OperationId).AsPeriods().SingleOrDefaultAsync(ct);
        var errors = FinanceRules.Validate(input, operation, clock.Today());
        if (operation is null)
        {
            errors.Add(nameof(input.OperationId), "Cette opération n'existe pas.");
        }
        if (input.TerritoryId > 0 && !await db.Territories.AnyAsync(t => t.Id == input.TerritoryId, ct))
        {
            errors.Add(nameof(input.TerritoryId), "Ce territoire n'existe pas.");
        }
        if (!string.IsNullOrWhiteSpace(input.Supplier) && !string.IsNullOrWhiteSpace(input.InvoiceNumber))
        {
            // The same invoice twice would be claimed twice: same supplier and number, ignoring case, accents and spaces.
            var number = input.InvoiceNumber.Trim().ToUpperInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // ToUpper() runs in the database as upper(); EF translates neither its culture nor its StringComparison overloads.
            var suppliers = await db.Expenses.AsNoTracking().Where(e => e.Id != id && e.InvoiceNumber.ToUpper() == number)
                .Select(e => e.Supplier).ToListAsync(ct);
#pragma warning restore CA1304, CA1311, CA1862
            var supplier = NetworkLabels.Fold(input.Supplier);
            if (suppliers.Any(s => NetworkLabels.Fold(s) == supplier))
            {
                errors.Add(nameof(input.InvoiceNumber), "Cette facture de ce fournisseur est déjà enregistrée.");
            }
        }
        errors.ThrowIfAny();
    }

    private static void Apply(ExpenseInput input, Expense expense)
    {
        expense.OperationId = input.OperationId;
        expense.TerritoryId = input.TerritoryId;
        expense.Supplier = input.Supplier.Trim();
        expense.InvoiceNumber = input.InvoiceNumber.Trim();
        expense.InvoiceDate = input.InvoiceDate!.Value;
        expense.PaymentDate = input.PaymentDate;
        expense.Description = NetworkRules.Clean(input.Description);
        expense.Category = input.Category;
        expense.AmountExclVat = input.AmountExclVat;
        expense.Vat = input.Vat;
        expense.EligibleAmount = input.EligibleAmount;
    }
}
