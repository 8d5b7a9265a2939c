using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Finance;

/// <summary>
/// Who reads and writes finance, shared by the finance services. Finance of a territory is read by its coordinators,
/// the project lead and the admin only — never by the committee nor by other territories' coordinators. Writes:
/// expenses by the territory's coordinators, the project lead and the admin; budget lines, funding sources and
/// deleting an expense by the project lead and the admin.
/// </summary>
internal static class FinanceScope
{
    public static void EnsureCanRead(CurrentUser user)
    {
        if (!user.HasFederationScope && !user.IsCoordinator)
        {
            throw new ScopeViolationException("Les finances ne sont accessibles qu'aux coordinateurs de leurs territoires, à la cheffe de projet et à l'administrateur.");
        }
    }

    public static void EnsureCanReadFederation(CurrentUser user)
    {
        if (!user.HasFederationScope)
        {
            throw new ScopeViolationException("Les financements de l'opération ne sont accessibles qu'à la cheffe de projet et à l'administrateur.");
        }
    }

    public static void EnsureCanWriteExpenses(CurrentUser user)
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
    public static int[]? ReadableTerritories(CurrentUser user, int? territoryId)
    {
        EnsureCanRead(user);
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

    public static IQueryable<BudgetLine> InScope(IQueryable<BudgetLine> query, int[]? readable) =>
        readable is null ? query : query.Where(b => b.TerritoryId != null && readable.Contains(b.TerritoryId.Value));

    /// <summary>Operations by start date (<paramref name="operationId"/>: that one only).</summary>
    public static IQueryable<FinanceOperation> Operations(AppDbContext db, int? operationId = null) =>
        db.Operations.AsNoTracking().Where(o => operationId == null || o.Id == operationId).OrderBy(o => o.StartDate)
            .Select(o => new FinanceOperation(o.Id, o.Code, o.Name, o.StartDate, o.EndDate, o.EuFundingRate, o.IndirectCosts, o.Programme));

    public static async Task<FinanceOperation> OperationAsync(AppDbContext db, int operationId, CancellationToken ct) =>
        await Operations(db, operationId).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Cette opération n'existe pas.");

    /// <summary>The query's period clipped to the operation (the whole operation without a period).</summary>
    public static (DateOnly From, DateOnly To) Range(FinanceOperation operation, Period? period)
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
