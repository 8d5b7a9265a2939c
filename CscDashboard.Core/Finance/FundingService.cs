using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Finance;

/// <summary>The operation's funding agreements (EU, co-funders): federation level, so read and written by the project lead and the admin.</summary>
public sealed class FundingService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users)
{
    public async Task<IReadOnlyList<FundingSourceRow>> FundingSourcesAsync(int operationId, CancellationToken ct = default)
    {
        FinanceScope.EnsureCanReadFederation(users.Current);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Rows(db, operationId).ToListAsync(ct);
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

    /// <summary>The agreements of an operation, EU funding first; also read by the finance figures (resources).</summary>
    internal static IQueryable<FundingSourceRow> Rows(AppDbContext db, int operationId) =>
        db.FundingSources.AsNoTracking().Where(f => f.OperationId == operationId)
            .OrderBy(f => f.Kind == FundingKind.FederReactEu ? 0 : 1).ThenBy(f => f.Name)
            .Select(f => new FundingSourceRow(f.Id, f.Name, f.Kind, f.Committed, f.Received, f.CommittedOn, f.LastReceivedOn, f.Version)
            {
                TerritoryId = f.TerritoryId, TerritoryCode = f.Territory == null ? null : f.Territory.Code, Status = f.Status, RequestedOn = f.RequestedOn,
            });

    private static async Task ValidateAsync(AppDbContext db, FundingSourceInput input, CancellationToken ct)
    {
        var errors = FinanceRules.Validate(input);
        if (!await db.Operations.AnyAsync(o => o.Id == input.OperationId, ct))
        {
            errors.Add(nameof(input.OperationId), "Cette opération n'existe pas.");
        }
        if (input.TerritoryId is { } territory && !await db.Territories.AnyAsync(t => t.Id == territory, ct))
        {
            errors.Add(nameof(input.TerritoryId), "Ce territoire n'existe pas.");
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
        source.TerritoryId = input.TerritoryId;
        source.Status = input.Status;
        source.RequestedOn = input.RequestedOn;
    }
}
