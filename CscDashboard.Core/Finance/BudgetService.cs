using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Finance;

/// <summary>
/// The budget lines of an operation, per territory and cost category (or federation level): read by the
/// territory's coordinators, the project lead and the admin; written by the project lead and the admin.
/// </summary>
public sealed class BudgetService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users)
{
    public async Task<IReadOnlyList<BudgetLineRow>> BudgetLinesAsync(FinanceQuery query, CancellationToken ct = default)
    {
        var readable = FinanceScope.ReadableTerritories(users.Current, query.TerritoryId);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await FinanceScope.InScope(db.BudgetLines.AsNoTracking().Where(b => b.OperationId == query.OperationId), readable)
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
        await db.SaveOrConflictAsync(ct);
    }

    public async Task DeleteBudgetLineAsync(int id, CancellationToken ct = default)
    {
        users.Current.EnsureCanWriteFederation();
        await using var db = await factory.CreateDbContextAsync(ct);
        var line = await db.BudgetLines.SingleOrDefaultAsync(b => b.Id == id, ct) ?? throw new NotFoundException("Cette ligne de budget n'existe pas.");
        db.BudgetLines.Remove(line);
        await db.SaveOrConflictAsync(ct);
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
}
