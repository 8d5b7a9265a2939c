using CscDashboard.Core.Common;
using CscDashboard.Core.Compliance;
using CscDashboard.Core.Data;
using CscDashboard.Core.Operations;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Closing;

/// <summary>
/// Reads of the month close (ADR 027): the <c>/closing</c> grid, one month with its summary and history, and the
/// approved months that pages show locked. A month's summary holds finance, evidence and names: its territory's
/// coordinators, the project lead and the admin read it; the committee never.
/// </summary>
public sealed class MonthCloseQueries(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock, ComplianceService compliance)
{
    /// <summary>The caller's territories (every territory for the lead and the admin) × the months of <paramref name="year"/> (default: last month's year).</summary>
    public async Task<ClosingGrid> GridAsync(int? year = null, CancellationToken ct = default)
    {
        var user = users.Current;
        EnsureCanUse(user);
        var today = clock.Today();
        await using var db = await factory.CreateDbContextAsync(ct);
        var operations = await db.OperationPeriodsAsync(ct);
        var lastMonth = MonthClosing.MonthOf(today).AddMonths(-1);
        var firstYear = operations.Count == 0 ? lastMonth.Year : Math.Min(operations.Min(o => o.StartDate.Year), lastMonth.Year);
        var years = Enumerable.Range(firstYear, lastMonth.Year - firstYear + 1).ToList();
        var shown = year is { } wanted && years.Contains(wanted) ? wanted : lastMonth.Year;
        var months = Enumerable.Range(1, 12).Select(m => new DateOnly(shown, m, 1)).ToList();

        var readable = Readable(user);
        var territories = await db.Territories.AsNoTracking().Where(t => readable == null || readable.Contains(t.Id))
            .OrderBy(t => t.Number).Select(t => new { t.Id, t.Code, t.Name }).ToListAsync(ct);
        var (first, last) = (months[0], months[^1]);
        var closes = (await db.MonthCloses.AsNoTracking()
                .Where(m => m.Month >= first && m.Month <= last && (readable == null || readable.Contains(m.TerritoryId)))
                .Select(m => new { m.TerritoryId, m.Month, m.Status, m.ReturnComment }).ToListAsync(ct))
            .ToDictionary(m => (m.TerritoryId, m.Month));
        var rows = territories.Select(t => new ClosingRow(t.Id, t.Code, t.Name, [.. months.Select(month =>
        {
            var close = closes.GetValueOrDefault((t.Id, month));
            var status = close?.Status ?? MonthCloseStatus.Open;
            return new ClosingCell(month, status, close?.ReturnComment is not null && status is MonthCloseStatus.Open or MonthCloseStatus.Reopened,
                MonthClosing.IsClosable(month, today, operations));
        })])).ToList();
        return new ClosingGrid(shown, years, months, rows, await NoticesAsync(db, user, MonthCloseStatus.Submitted, ct));
    }

    /// <summary>One month of a territory: status, history, summary, and the steps the caller may take.</summary>
    public async Task<MonthCloseView> GetMonthAsync(int territoryId, DateOnly month, CancellationToken ct = default)
    {
        var user = users.Current;
        EnsureCanRead(user, territoryId);
        month = MonthClosing.MonthOf(month);
        await using var db = await factory.CreateDbContextAsync(ct);
        var territory = await db.Territories.AsNoTracking().Where(t => t.Id == territoryId).Select(t => new { t.Code, t.Name }).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("Ce territoire n'existe pas.");
        // The version first: anything saved in the month while the summary is read bumps it, and an approval made on this
        // view then fails instead of approving what the lead did not see.
        var close = await db.MonthCloses.AsNoTracking().Include(m => m.Events).SingleOrDefaultAsync(m => m.TerritoryId == territoryId && m.Month == month, ct);
        var summary = await MonthSummaries.BuildAsync(db, compliance, territoryId, month, ct);
        var closable = MonthClosing.IsClosable(month, clock.Today(), await db.OperationPeriodsAsync(ct));
        var status = close?.Status ?? MonthCloseStatus.Open;
        var history = (close?.Events ?? []).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new MonthCloseHistoryEntry(e.Action, e.At, e.UserName, e.Comment,
                e.Details is null ? [] : e.Details.Split('\n', StringSplitOptions.RemoveEmptyEntries)))
            .ToList();
        return new MonthCloseView(territoryId, territory.Code, territory.Name, month, status, close?.Version ?? 0, closable,
            close?.ApprovedBy, close?.ApprovedAt, close?.ReturnedBy, close?.ReturnedAt, close?.ReturnComment,
            close?.ReopenedBy, close?.ReopenedAt, close?.ReopenReason, history, summary,
            CanSubmit: closable && user.CanWriteTerritory(territoryId) && status is MonthCloseStatus.Open or MonthCloseStatus.Reopened,
            CanDecide: user.HasFederationScope && status == MonthCloseStatus.Submitted,
            CanReopen: user.HasFederationScope && status == MonthCloseStatus.Approved);
    }

    /// <summary>Every approved territory-month, for the pages' padlocks (staff: the committee writes nothing).</summary>
    public async Task<MonthLocks> LockedMonthsAsync(CancellationToken ct = default)
    {
        if (!users.Current.CanReadActivities)
        {
            throw new ScopeViolationException("La clôture des mois n'est pas accessible avec votre rôle.");
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var locked = await db.MonthCloses.AsNoTracking().Where(m => m.Status == MonthCloseStatus.Approved)
            .Select(m => new MonthLockInfo(m.TerritoryId, m.Territory!.Name, m.Month, m.ApprovedBy, m.ApprovedAt))
            .ToListAsync(ct);
        return new MonthLocks(locked);
    }

    /// <summary>
    /// For the home page: the months returned to the caller's territories (coordinators), the submissions awaiting a
    /// decision (project lead and admin); oldest first.
    /// </summary>
    internal async Task<IReadOnlyList<ClosingNotice>> NoticesAsync(CancellationToken ct)
    {
        var user = users.Current;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await NoticesAsync(db, user, user.HasFederationScope ? MonthCloseStatus.Submitted : null, ct);
    }

    /// <summary>Submitted months (<paramref name="submitted"/> set) for the lead, else the months returned to the caller's territories.</summary>
    private static async Task<IReadOnlyList<ClosingNotice>> NoticesAsync(AppDbContext db, CurrentUser user, MonthCloseStatus? submitted, CancellationToken ct)
    {
        if (submitted is not null && !user.HasFederationScope)
        {
            return [];
        }
        var territories = user.TerritoryIds.ToList();
        var query = db.MonthCloses.AsNoTracking();
        query = submitted is not null
            ? query.Where(m => m.Status == MonthCloseStatus.Submitted)
            : query.Where(m => territories.Contains(m.TerritoryId) && m.ReturnComment != null
                && (m.Status == MonthCloseStatus.Open || m.Status == MonthCloseStatus.Reopened));
        var rows = await query.OrderBy(m => m.Month).ThenBy(m => m.Territory!.Number)
            .Select(m => new
            {
                m.Territory!.Code, m.Territory.Name, m.Month, m.Status, m.SubmittedBy, m.SubmittedAt, m.ReturnedBy, m.ReturnedAt, m.ReturnComment,
                Comment = m.Events.Where(e => e.Action == MonthCloseAction.Submitted).OrderByDescending(e => e.At).Select(e => e.Comment).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return [.. rows.Select(r => submitted is not null
            ? new ClosingNotice(r.Code, r.Name, r.Month, r.Status, r.SubmittedBy, r.SubmittedAt, r.Comment)
            : new ClosingNotice(r.Code, r.Name, r.Month, r.Status, r.ReturnedBy, r.ReturnedAt, r.ReturnComment))];
    }

    internal static void EnsureCanUse(CurrentUser user)
    {
        if (!user.CanReadActivities)
        {
            throw new ScopeViolationException("La clôture des mois est réservée aux coordinateurs, à la cheffe de projet et à l'administration.");
        }
    }

    internal static void EnsureCanRead(CurrentUser user, int territoryId)
    {
        EnsureCanUse(user);
        if (!user.CanReadTerritoryFinance(territoryId))
        {
            throw new ScopeViolationException("La clôture de ce territoire n'est accessible qu'à ses coordinateurs et à la cheffe de projet.");
        }
    }

    private static int[]? Readable(CurrentUser user) => user.HasFederationScope ? null : [.. user.TerritoryIds];
}
