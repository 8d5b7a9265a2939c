using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Data;
using CscDashboard.Core.Operations;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Workstreams;

/// <summary>
/// A workstream space: header, co-animators, figures per territory (in SQL) and sessions (the
/// activities tagged with the workstream, through <see cref="ActivityQueries"/>). Watch items and
/// deliverables have their own services.
/// </summary>
public sealed class WorkstreamService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock, ActivityQueries activities)
{
    public const int SessionPageSize = 10;

    private DateOnly Today => clock.Today();

    /// <summary>
    /// The space of workstream <paramref name="number"/> over [<paramref name="from"/>, <paramref name="to"/>]
    /// (by default the operation that holds today). The committee gets the name and the figures only.
    /// </summary>
    public async Task<WorkstreamSpace> GetSpaceAsync(int number, DateOnly? from = null, DateOnly? to = null, PageRequest? sessions = null, CancellationToken ct = default)
    {
        var user = users.Current;
        WorkstreamAccess.EnsureCanReadFigures(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var workstream = await db.Workstreams.AsNoTracking().Where(w => w.Number == number)
            .Select(w => new { w.Id, w.Number, w.Name, w.ShortName })
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Ce chantier n'existe pas.");
        var operations = await db.OperationPeriodsAsync(ct);
        var (start, end) = ResolvePeriod(from, to, operations, Today);
        var figures = await FiguresAsync(db, workstream.Id, start, end, ct);

        if (!user.CanReadActivities)
        {
            return new WorkstreamSpace(workstream.Id, workstream.Number, workstream.Name, workstream.ShortName, start, end, operations,
                [], figures, null, new WorkstreamPermissions(false, false, false));
        }

        var coAnimators = await CoAnimatorsAsync(db, workstream.Id, ct);
        var isCoAnimator = coAnimators.Any(c => c.UserId == user.UserId);
        var page = await ListSessionsAsync(workstream.Id, start, end, sessions ?? new PageRequest(0, SessionPageSize), ct);
        var permissions = new WorkstreamPermissions(true, WorkstreamAccess.CanAddWatchItems(user), WorkstreamAccess.CanManageDeliverables(user, isCoAnimator));
        return new WorkstreamSpace(workstream.Id, workstream.Number, workstream.Name, workstream.ShortName, start, end, operations,
            coAnimators, figures, page, permissions);
    }

    /// <summary>Figures per territory of one workstream: aggregates only, readable by every role.</summary>
    public async Task<WorkstreamSpaceFigures> GetFiguresAsync(int workstreamId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        WorkstreamAccess.EnsureCanReadFigures(users.Current);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await FiguresAsync(db, workstreamId, from, to, ct);
    }

    /// <summary>The sessions: activities tagged with the workstream over the period, newest first (the activity log's own query).</summary>
    public Task<PagedResult<ActivityRow>> ListSessionsAsync(int workstreamId, DateOnly from, DateOnly to, PageRequest page, CancellationToken ct = default)
    {
        WorkstreamAccess.EnsureCanReadDetails(users.Current);
        return activities.ListAsync(new ActivityFilter { WorkstreamId = workstreamId, From = from, To = to }, page with { SortBy = null }, ct);
    }

    /// <summary>
    /// The period asked for, or by default the operation that holds today (else the last one begun,
    /// else the first); bounds given the wrong way round are swapped.
    /// </summary>
    public static (DateOnly From, DateOnly To) ResolvePeriod(DateOnly? from, DateOnly? to, IReadOnlyList<OperationPeriod> operations, DateOnly today)
    {
        var current = operations.FirstOrDefault(o => o.Contains(today))
            ?? operations.LastOrDefault(o => o.StartDate <= today)
            ?? (operations.Count > 0 ? operations[0] : null);
        var start = from ?? current?.StartDate ?? new DateOnly(today.Year, 1, 1);
        var end = to ?? current?.EndDate ?? new DateOnly(today.Year, 12, 31);
        return start <= end ? (start, end) : (end, start);
    }

    /// <summary>The workstream's activities per territory (<see cref="PeriodFigures"/>), then every territory in display order with zeros where nothing was done.</summary>
    private static async Task<WorkstreamSpaceFigures> FiguresAsync(AppDbContext db, int workstreamId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var query = new FigureQuery(from, to, FigureGroup.Workstream | FigureGroup.Territory, Measure.Activities | Measure.Minutes | Measure.Inhabitants) { Only = [workstreamId] };
        var sums = (await PeriodFigures.ReadAsync(db, query, ct)).ToDictionary(r => r.TerritoryId);
        var territories = await db.Territories.AsNoTracking().OrderBy(t => t.Number)
            .Select(t => new { t.Id, t.Code, t.Name }).ToListAsync(ct);
        var rows = territories.Select(t => sums.TryGetValue(t.Id, out var s)
                ? new WorkstreamTerritoryFigure(t.Id, t.Code, t.Name, s.Activities, s.Minutes, s.Inhabitants)
                : new WorkstreamTerritoryFigure(t.Id, t.Code, t.Name, 0, 0, 0))
            .ToList();
        return new WorkstreamSpaceFigures(workstreamId, from, to, rows);
    }

    private static async Task<IReadOnlyList<CoAnimator>> CoAnimatorsAsync(AppDbContext db, int workstreamId, CancellationToken ct)
    {
        var rows = await db.WorkstreamCoordinators.AsNoTracking().Where(c => c.WorkstreamId == workstreamId)
            .OrderBy(c => c.User!.DisplayName)
            .Select(c => new
            {
                c.UserId,
                c.User!.DisplayName,
                Territories = db.CoordinatorTerritories.Where(t => t.UserId == c.UserId).OrderBy(t => t.Territory!.Number).Select(t => t.Territory!.Name).ToList(),
            })
            .ToListAsync(ct);
        return rows.Select(r => new CoAnimator(r.UserId, r.DisplayName, r.Territories)).ToList();
    }

    internal static Task<bool> IsCoAnimatorAsync(AppDbContext db, int workstreamId, string? userId, CancellationToken ct) =>
        userId is null
            ? Task.FromResult(false)
            : db.WorkstreamCoordinators.AnyAsync(c => c.WorkstreamId == workstreamId && c.UserId == userId, ct);
}
