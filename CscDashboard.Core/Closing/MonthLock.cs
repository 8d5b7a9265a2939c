using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Closing;

/// <summary>A territory and a day of the month a write touches.</summary>
public readonly record struct MonthKey(int TerritoryId, DateOnly Month)
{
    /// <summary>The key of <paramref name="day"/>'s month.</summary>
    public static MonthKey Of(int territoryId, DateOnly day) => new(territoryId, MonthClosing.MonthOf(day));
}

/// <summary>
/// The one lock check (ADR 027): every Core write that would change a territory-month — an activity created, edited,
/// deleted or restored in it, its timesheets, its expenses, the withdrawal of its evidence — calls
/// <see cref="EnsureOpenAsync"/> inside the transaction that saves it, before saving. An approved month refuses the
/// write with a French message naming the month and who approved it, and nothing is written.
/// <para>
/// Why it cannot race an approval: for each month that is not approved the check bumps the month's row
/// (<see cref="MonthClose"/>.Version) in the write's own transaction. On SQLite, transactions start IMMEDIATE, so the
/// write and the approval run one after the other. On PostgreSQL the bump takes the row's lock: an approval under way
/// makes the write wait and then find the month approved (refused); a write under way makes the approval wait and then
/// fail its version check (the lead sees the month changed and reloads it). Either way the write lands before the lock
/// or not at all. A month without a row cannot be approved before a submission creates one.
/// </para>
/// </summary>
public static class MonthLock
{
    public static async Task EnsureOpenAsync(AppDbContext db, IEnumerable<MonthKey> keys, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("MonthLock.EnsureOpenAsync runs inside the transaction that saves the write.");
        }
        // One order for every write: two writes touching the same two months cannot wait for each other.
        foreach (var key in keys.Select(k => k with { Month = MonthClosing.MonthOf(k.Month) }).Distinct()
                     .OrderBy(k => k.TerritoryId).ThenBy(k => k.Month))
        {
            var (territoryId, month) = (key.TerritoryId, key.Month);
            var claimed = await db.MonthCloses
                .Where(m => m.TerritoryId == territoryId && m.Month == month && m.Status != MonthCloseStatus.Approved)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Version, m => m.Version + 1), ct);
            if (claimed > 0)
            {
                continue;
            }
            var approved = await db.MonthCloses.AsNoTracking()
                .Where(m => m.TerritoryId == territoryId && m.Month == month && m.Status == MonthCloseStatus.Approved)
                .Select(m => new { m.ApprovedBy, m.ApprovedAt, Territory = m.Territory!.Name })
                .FirstOrDefaultAsync(ct);
            if (approved is not null)
            {
                throw new ScopeViolationException(LockedMessage(month, approved.Territory, approved.ApprovedBy, approved.ApprovedAt));
            }
        }
    }

    /// <summary>A write with nothing else in its transaction: checks the months, saves (a stale version is a conflict), commits.</summary>
    public static async Task SaveInOpenMonthsAsync(this AppDbContext db, IEnumerable<MonthKey> keys, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await EnsureOpenAsync(db, keys, ct);
        await db.SaveOrConflictAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// The keys of an activity write: the activity's territory-month, and the month of its author's timesheet (a member's
    /// timesheet holds the activities they logged, in any territory) in the author's member territory.
    /// </summary>
    public static async Task<IReadOnlyList<MonthKey>> ActivityKeysAsync(AppDbContext db, string authorId, IEnumerable<MonthKey> activityKeys, CancellationToken ct)
    {
        var keys = activityKeys.ToList();
        var memberTerritories = await db.Members.AsNoTracking().Where(m => m.UserId == authorId).Select(m => m.TerritoryId).ToListAsync(ct);
        return [.. keys, .. memberTerritories.SelectMany(t => keys.Select(k => k with { TerritoryId = t }))];
    }

    /// <summary>« Février 2023 est clôturé pour Artois : approuvé par … le … » and what to do.</summary>
    public static string LockedMessage(DateOnly month, string territory, string? approvedBy, DateTime? approvedAt) =>
        $"{French.Capitalize(French.MonthYear(month))} est clôturé pour {territory} : approuvé par {approvedBy ?? "la cheffe de projet"}"
        + (approvedAt is { } at ? $" le {ParisTimeProvider.Format(at, "dd/MM/yyyy")}" : "")
        + ". Rien n'a été enregistré. Pour corriger ce mois, demandez à la cheffe de projet de le rouvrir.";
}
