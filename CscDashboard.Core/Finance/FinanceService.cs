using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Network;
using CscDashboard.Core.Operations;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Finance;

/// <summary>
/// Budget lines, expenses and funding sources of an operation, and the figures built from them
/// (<c>FinanceService.Figures.cs</c>). Finance of a territory is read by its coordinators, the project
/// lead and the admin only — never by the committee nor by other territories' coordinators; checked here.
/// Writes: expenses by the territory's coordinators, the project lead and the admin; budget lines,
/// funding sources and deleting an expense by the project lead and the admin.
/// </summary>
public sealed partial class FinanceService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock)
{
    // ---- Reference lists for the page ----

    public async Task<IReadOnlyList<FinanceOperation>> OperationsAsync(CancellationToken ct = default)
    {
        EnsureCanReadFinance(users.Current);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Operations.AsNoTracking().OrderBy(o => o.StartDate)
            .Select(o => new FinanceOperation(o.Id, o.Code, o.Name, o.StartDate, o.EndDate, o.EuFundingRate, o.IndirectCosts))
            .ToListAsync(ct);
    }

    /// <summary>The territories whose finance the caller reads: all for the project lead and admin, their own for a coordinator.</summary>
    public async Task<IReadOnlyList<FinanceTerritory>> TerritoriesAsync(CancellationToken ct = default)
    {
        var user = users.Current;
        var readable = ReadableTerritories(user, null);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Territories.AsNoTracking()
            .Where(t => readable == null || readable.Contains(t.Id))
            .OrderBy(t => t.Number)
            .Select(t => new FinanceTerritory(t.Id, t.Code, t.Name))
            .ToListAsync(ct);
    }

    // ---- Budget lines ----

    public async Task<IReadOnlyList<BudgetLineRow>> BudgetLinesAsync(FinanceQuery query, CancellationToken ct = default)
    {
        var readable = ReadableTerritories(users.Current, query.TerritoryId);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await InScope(db.BudgetLines.AsNoTracking().Where(b => b.OperationId == query.OperationId), readable)
            .OrderBy(b => b.Territory!.Number).ThenBy(b => b.Category).ThenBy(b => b.Label)
            .Select(b => new BudgetLineRow(b.Id, b.TerritoryId, b.Territory!.Code, b.Territory.Name, b.Category, b.Label, b.Amount, b.Version))
            .ToListAsync(ct);
    }

    public async Task<int> CreateBudgetLineAsync(BudgetLineInput input, CancellationToken ct = default)
    {
        users.Current.EnsureCanWriteFederation();
        await using var db = await factory.CreateDbContextAsync(ct);
        await ValidateAsync(db, input, ct);
        var line = new BudgetLine { Label = "" };
        Apply(input, line);
        db.BudgetLines.Add(line);
        await db.SaveChangesAsync(ct);
        return line.Id;
    }

    public async Task UpdateBudgetLineAsync(int id, BudgetLineInput input, CancellationToken ct = default)
    {
        users.Current.EnsureCanWriteFederation();
        await using var db = await factory.CreateDbContextAsync(ct);
        var line = await db.BudgetLines.SingleOrDefaultAsync(b => b.Id == id, ct) ?? throw new NotFoundException("Cette ligne de budget n'existe pas.");
        await ValidateAsync(db, input, ct);
        db.Entry(line).Property(b => b.Version).OriginalValue = input.Version;
        Apply(input, line);
        await SaveAsync(db, ct);
    }

    public async Task DeleteBudgetLineAsync(int id, CancellationToken ct = default)
    {
        users.Current.EnsureCanWriteFederation();
        await using var db = await factory.CreateDbContextAsync(ct);
        var line = await db.BudgetLines.SingleOrDefaultAsync(b => b.Id == id, ct) ?? throw new NotFoundException("Cette ligne de budget n'existe pas.");
        db.BudgetLines.Remove(line);
        await SaveAsync(db, ct);
    }

    private static async Task ValidateAsync(AppDbContext db, BudgetLineInput input, CancellationToken ct)
    {
        var errors = FinanceRules.Validate(input);
        if (!await db.Operations.AnyAsync(o => o.Id == input.OperationId, ct))
        {
            errors.Add(nameof(input.OperationId), "Cette opération n'existe pas.");
        }
        if (input.TerritoryId is { } territoryId && !await db.Territories.AnyAsync(t => t.Id == territoryId, ct))
        {
            errors.Add(nameof(input.TerritoryId), "Ce territoire n'existe pas.");
        }
        errors.ThrowIfAny();
    }

    private static void Apply(BudgetLineInput input, BudgetLine line)
    {
        line.OperationId = input.OperationId;
        line.TerritoryId = input.TerritoryId;
        line.Category = input.Category;
        line.Label = input.Label.Trim();
        line.Amount = input.Amount;
    }

    // ---- Expenses ----

    public async Task<PagedResult<ExpenseRow>> ListExpensesAsync(ExpenseFilter filter, PageRequest page, CancellationToken ct = default)
    {
        var readable = ReadableTerritories(users.Current, filter.TerritoryId);
        await using var db = await factory.CreateDbContextAsync(ct);
        var operation = await OperationAsync(db, filter.OperationId, ct);
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
        var readable = ReadableTerritories(users.Current, query.TerritoryId);
        await using var db = await factory.CreateDbContextAsync(ct);
        var operation = await OperationAsync(db, query.OperationId, ct);
        var filtered = FilteredExpenses(db, new ExpenseFilter(query.OperationId, query.Period, query.TerritoryId), operation, readable);
        return await Rows(filtered.OrderBy(e => e.InvoiceDate).ThenBy(e => e.Id), operation.IndirectCosts).ToListAsync(ct);
    }

    public async Task<ExpenseRow> GetExpenseAsync(int id, CancellationToken ct = default)
    {
        var user = users.Current;
        EnsureCanReadFinance(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var expense = await db.Expenses.AsNoTracking().Where(e => e.Id == id)
            .Select(e => new { e.TerritoryId, e.OperationId }).SingleOrDefaultAsync(ct);
        if (expense is null || !user.CanReadTerritoryFinance(expense.TerritoryId))
        {
            throw new NotFoundException("Cette dépense n'existe pas.");
        }
        var operation = await OperationAsync(db, expense.OperationId, ct);
        return await Rows(db.Expenses.AsNoTracking().Where(e => e.Id == id), operation.IndirectCosts).SingleAsync(ct);
    }

    public async Task<int> CreateExpenseAsync(ExpenseInput input, CancellationToken ct = default)
    {
        var user = users.Current;
        EnsureCanWriteExpenses(user);
        if (input.TerritoryId > 0)
        {
            user.EnsureCanWriteTerritory(input.TerritoryId);
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        await ValidateAsync(db, input, null, ct);
        var expense = new Expense { Supplier = "", InvoiceNumber = "" };
        Apply(input, expense);
        db.Expenses.Add(expense);
        await db.SaveChangesAsync(ct);
        return expense.Id;
    }

    public async Task UpdateExpenseAsync(int id, ExpenseInput input, CancellationToken ct = default)
    {
        var user = users.Current;
        EnsureCanWriteExpenses(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var expense = await db.Expenses.SingleOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException("Cette dépense n'existe pas.");
        user.EnsureCanWriteTerritory(expense.TerritoryId);
        if (input.TerritoryId > 0)
        {
            user.EnsureCanWriteTerritory(input.TerritoryId);
        }
        await ValidateAsync(db, input, id, ct);
        db.Entry(expense).Property(e => e.Version).OriginalValue = input.Version;
        Apply(input, expense);
        await SaveAsync(db, ct);
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
        await SaveAsync(db, ct);
    }

    private static IQueryable<Expense> FilteredExpenses(AppDbContext db, ExpenseFilter filter, FinanceOperation operation, int[]? readable)
    {
        var (from, to) = Range(operation, filter.Period);
        var query = db.Expenses.AsNoTracking()
            .Where(e => e.OperationId == operation.Id && e.InvoiceDate >= from && e.InvoiceDate <= to);
        if (readable is not null)
        {
            query = query.Where(e => readable.Contains(e.TerritoryId));
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
        return query.Select(e => new ExpenseRow(e.Id, e.TerritoryId, e.Territory!.Code, e.Territory.Name, e.Supplier, e.InvoiceNumber,
            e.InvoiceDate, e.PaymentDate, e.Description, e.Category, e.AmountExclVat, e.Vat, e.EligibleAmount,
            claimable.Contains(e.Category), e.Version));
    }

    private async Task ValidateAsync(AppDbContext db, ExpenseInput input, int? id, CancellationToken ct)
    {
        var operation = await db.Operations.AsNoTracking().Where(o => o.Id == input.OperationId)
            .Select(o => new OperationPeriod(o.Id, o.Code, o.StartDate, o.EndDate)).SingleOrDefaultAsync(ct);
        var errors = FinanceRules.Validate(input, operation, DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
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
            var suppliers = await db.Expenses.AsNoTracking().Where(e => e.Id != id && e.InvoiceNumber.ToUpper() == number)
                .Select(e => e.Supplier).ToListAsync(ct);
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

    // ---- Funding sources ----

    /// <summary>The operation's funding agreements: federation level, so for the project lead and admin.</summary>
    public async Task<IReadOnlyList<FundingSourceRow>> FundingSourcesAsync(int operationId, CancellationToken ct = default)
    {
        EnsureCanReadFederationFinance(users.Current);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await FundingRows(db, operationId).ToListAsync(ct);
    }

    public async Task<int> CreateFundingSourceAsync(FundingSourceInput input, CancellationToken ct = default)
    {
        users.Current.EnsureCanWriteFederation();
        await using var db = await factory.CreateDbContextAsync(ct);
        await ValidateAsync(db, input, ct);
        var source = new FundingSource { Name = "" };
        Apply(input, source);
        db.FundingSources.Add(source);
        await db.SaveChangesAsync(ct);
        return source.Id;
    }

    public async Task UpdateFundingSourceAsync(int id, FundingSourceInput input, CancellationToken ct = default)
    {
        users.Current.EnsureCanWriteFederation();
        await using var db = await factory.CreateDbContextAsync(ct);
        var source = await db.FundingSources.SingleOrDefaultAsync(f => f.Id == id, ct) ?? throw new NotFoundException("Ce financement n'existe pas.");
        await ValidateAsync(db, input, ct);
        db.Entry(source).Property(f => f.Version).OriginalValue = input.Version;
        Apply(input, source);
        await SaveAsync(db, ct);
    }

    public async Task DeleteFundingSourceAsync(int id, CancellationToken ct = default)
    {
        users.Current.EnsureCanWriteFederation();
        await using var db = await factory.CreateDbContextAsync(ct);
        var source = await db.FundingSources.SingleOrDefaultAsync(f => f.Id == id, ct) ?? throw new NotFoundException("Ce financement n'existe pas.");
        db.FundingSources.Remove(source);
        await SaveAsync(db, ct);
    }

    private static IQueryable<FundingSourceRow> FundingRows(AppDbContext db, int operationId) =>
        db.FundingSources.AsNoTracking().Where(f => f.OperationId == operationId)
            .OrderBy(f => f.Kind == FundingKind.FederReactEu ? 0 : 1).ThenBy(f => f.Name)
            .Select(f => new FundingSourceRow(f.Id, f.Name, f.Kind, f.Committed, f.Received, f.CommittedOn, f.LastReceivedOn, f.Version));

    private static async Task ValidateAsync(AppDbContext db, FundingSourceInput input, CancellationToken ct)
    {
        var errors = FinanceRules.Validate(input);
        if (!await db.Operations.AnyAsync(o => o.Id == input.OperationId, ct))
        {
            errors.Add(nameof(input.OperationId), "Cette opération n'existe pas.");
        }
        errors.ThrowIfAny();
    }

    private static void Apply(FundingSourceInput input, FundingSource source)
    {
        source.OperationId = input.OperationId;
        source.Name = input.Name.Trim();
        source.Kind = input.Kind;
        source.Committed = input.Committed;
        source.Received = input.Received;
        source.CommittedOn = input.CommittedOn;
        source.LastReceivedOn = input.LastReceivedOn;
    }

    // ---- Access and shared helpers ----

    private static void EnsureCanReadFinance(CurrentUser user)
    {
        if (!user.HasFederationScope && !user.IsCoordinator)
        {
            throw new ScopeViolationException("Les finances ne sont accessibles qu'aux coordinateurs de leurs territoires, à la cheffe de projet et à l'administrateur.");
        }
    }

    private static void EnsureCanReadFederationFinance(CurrentUser user)
    {
        if (!user.HasFederationScope)
        {
            throw new ScopeViolationException("Les financements de l'opération ne sont accessibles qu'à la cheffe de projet et à l'administrateur.");
        }
    }

    private static void EnsureCanWriteExpenses(CurrentUser user)
    {
        if (!user.HasFederationScope && !user.IsCoordinator)
        {
            throw new ScopeViolationException("Votre rôle ne permet pas d'enregistrer des dépenses.");
        }
    }

    /// <summary>
    /// The territories a read covers: null for "all" (project lead and admin without a territory,
    /// federation-level budget lines included), else the requested territory or the coordinator's own.
    /// </summary>
    private static int[]? ReadableTerritories(CurrentUser user, int? territoryId)
    {
        EnsureCanReadFinance(user);
        if (territoryId is { } id)
        {
            if (!user.CanReadTerritoryFinance(id))
            {
                throw new ScopeViolationException("Les finances de ce territoire ne sont accessibles qu'à ses coordinateurs et à la cheffe de projet.");
            }
            return [id];
        }
        return user.HasFederationScope ? null : [.. user.TerritoryIds];
    }

    private static IQueryable<BudgetLine> InScope(IQueryable<BudgetLine> query, int[]? readable) =>
        readable is null ? query : query.Where(b => b.TerritoryId != null && readable.Contains(b.TerritoryId.Value));

    private static async Task<FinanceOperation> OperationAsync(AppDbContext db, int operationId, CancellationToken ct) =>
        await db.Operations.AsNoTracking().Where(o => o.Id == operationId)
            .Select(o => new FinanceOperation(o.Id, o.Code, o.Name, o.StartDate, o.EndDate, o.EuFundingRate, o.IndirectCosts))
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Cette opération n'existe pas.");

    /// <summary>The query's period clipped to the operation (the whole operation without a period).</summary>
    private static (DateOnly From, DateOnly To) Range(FinanceOperation operation, Period? period)
    {
        if (period is null)
        {
            return (operation.StartDate, operation.EndDate);
        }
        var from = period.From > operation.StartDate ? period.From : operation.StartDate;
        var to = period.To < operation.EndDate ? period.To : operation.EndDate;
        return (from, to);
    }

    /// <summary>Saves; a concurrent edit becomes the same French conflict message as in the network directory.</summary>
    private static Task SaveAsync(AppDbContext db, CancellationToken ct) => CentreService.SaveAsync(db, ct);
}
