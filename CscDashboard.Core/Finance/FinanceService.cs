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
            .Select(o => new FinanceOperation(o.Id, o.Code, o.Name, o.StartDate, o.EndDate, o.EuFundingRate, o.IndirectCosts, o.Programme))
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
        await db.SaveOrConflictAsync(ct);
    }

    public async Task DeleteFundingSourceAsync(int id, CancellationToken ct = default)
    {
        users.Current.EnsureCanWriteFederation();
        await using var db = await factory.CreateDbContextAsync(ct);
        var source = await db.FundingSources.SingleOrDefaultAsync(f => f.Id == id, ct) ?? throw new NotFoundException("Ce financement n'existe pas.");
        db.FundingSources.Remove(source);
        await db.SaveOrConflictAsync(ct);
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
            .Select(o => new FinanceOperation(o.Id, o.Code, o.Name, o.StartDate, o.EndDate, o.EuFundingRate, o.IndirectCosts, o.Programme))
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
}
