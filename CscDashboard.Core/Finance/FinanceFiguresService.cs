using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Finance;

/// <summary>All the figures of the finance page for one query, computed together.</summary>
public sealed record FinanceFigures(FinanceOperation Operation, StaffCosts Staff, Execution Execution, IndirectCosts Indirect, Resources Resources);

/// <summary>
/// The figures of the finance page for one query: staff costs, indirect costs, execution against budget and resources,
/// with the operations and territories the caller may choose. Hours and amounts are summed in SQL (GROUP BY member ×
/// month, territory × category); only the member-month lines and the territory × category cells are combined here.
/// Rules and rounding: <see cref="FinanceRules"/>; who reads what: <see cref="FinanceScope"/>.
/// </summary>
public sealed class FinanceFiguresService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users)
{
    private const string FederationCode = "FED";
    private const string FederationName = "Niveau fédération";

    // ---- What the finance and compliance pages offer to choose ----

    public async Task<IReadOnlyList<FinanceOperation>> OperationsAsync(CancellationToken ct = default)
    {
        FinanceScope.EnsureCanRead(users.Current);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await FinanceScope.Operations(db).ToListAsync(ct);
    }

    /// <summary>The territories whose finance the caller reads: all for the project lead and admin, their own for a coordinator.</summary>
    public async Task<IReadOnlyList<FinanceTerritory>> TerritoriesAsync(CancellationToken ct = default)
    {
        var readable = FinanceScope.ReadableTerritories(users.Current, null);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Territories.AsNoTracking()
            .Where(t => readable == null || readable.Contains(t.Id))
            .OrderBy(t => t.Number)
            .Select(t => new FinanceTerritory(t.Id, t.Code, t.Name))
            .ToListAsync(ct);
    }

    // ---- Figures ----

    /// <summary>Staff costs per member and month: hours × (annual gross cost / 1,720), each member-month rounded to the cent.</summary>
    public async Task<StaffCosts> StaffCostsAsync(FinanceQuery query, CancellationToken ct = default)
    {
        var readable = FinanceScope.ReadableTerritories(users.Current, query.TerritoryId);
        await using var db = await factory.CreateDbContextAsync(ct);
        var operation = await FinanceScope.OperationAsync(db, query.OperationId, ct);
        return await StaffCostsAsync(db, operation, FinanceScope.Range(operation, query.Period), readable, ct);
    }

    /// <summary>Budget (whole operation) against claimable spending of the period, per territory and category.</summary>
    public async Task<Execution> ExecutionAsync(FinanceQuery query, CancellationToken ct = default) =>
        (await FiguresAsync(query, ct)).Execution;

    /// <summary>Indirect costs under the operation's option (real, flat 15 % or flat 40 %).</summary>
    public async Task<IndirectCosts> IndirectCostsAsync(FinanceQuery query, CancellationToken ct = default) =>
        (await FiguresAsync(query, ct)).Indirect;

    /// <summary>Funding agreements (project lead and admin only) and the EU share of the query's eligible costs.</summary>
    public async Task<Resources> ResourcesAsync(FinanceQuery query, CancellationToken ct = default) =>
        (await FiguresAsync(query, ct)).Resources;

    public async Task<FinanceFigures> FiguresAsync(FinanceQuery query, CancellationToken ct = default)
    {
        var user = users.Current;
        var readable = FinanceScope.ReadableTerritories(user, query.TerritoryId);
        await using var db = await factory.CreateDbContextAsync(ct);
        var operation = await FinanceScope.OperationAsync(db, query.OperationId, ct);
        var range = FinanceScope.Range(operation, query.Period);
        var staff = await StaffCostsAsync(db, operation, range, readable, ct);
        var execution = await ExecutionAsync(db, operation, range, readable, staff, ct);

        var rate = FinanceRules.FlatRate(operation.IndirectCosts);
        var indirect = new IndirectCosts(operation.IndirectCosts, rate, staff.Total,
            execution.Lines.Where(l => l.Category == CostCategory.Indirect).Sum(l => l.Spent),
            execution.Lines.Sum(l => l.NotClaimed));

        // Agreements are federation-wide: a coordinator sees only the EU share of their territories' costs.
        var sources = user.HasFederationScope ? await FundingService.Rows(db, operation.Id).ToListAsync(ct) : [];
        var eligible = execution.Total.Spent;
        var resources = new Resources(sources, eligible, operation.EuFundingRate, FinanceRules.Cents(eligible * operation.EuFundingRate));
        return new FinanceFigures(operation, staff, execution, indirect, resources);
    }

    private static async Task<StaffCosts> StaffCostsAsync(AppDbContext db, FinanceOperation operation, (DateOnly From, DateOnly To) range,
        int[]? readable, CancellationToken ct)
    {
        var (start, end) = range;
        var members = db.Members.AsNoTracking().Where(m => readable == null || readable.Contains(m.TerritoryId));

        // Activities count for the member linked to their author's account (coordinators are members too).
        var fromActivities = await (
                from a in db.Activities
                join m in members on a.AuthorId equals m.UserId
                where a.DeletedAt == null && a.OperationId == operation.Id && a.Date >= start && a.Date <= end
                group a by new { MemberId = m.Id, a.Month } into g
                select new { g.Key.MemberId, g.Key.Month, Minutes = g.Sum(a => a.DurationMinutes) })
            .ToListAsync(ct);
        var fromTimesheets = await (
                from l in db.TimesheetLines
                join t in db.Timesheets on l.TimesheetId equals t.Id
                join m in members on t.MemberId equals m.Id
                where l.Date >= start && l.Date <= end
                group l by new { t.MemberId, t.Month } into g
                select new { g.Key.MemberId, g.Key.Month, Minutes = g.Sum(l => l.Minutes) })
            .ToListAsync(ct);

        var ids = fromActivities.Select(x => x.MemberId).Concat(fromTimesheets.Select(x => x.MemberId)).Distinct().ToList();
        var people = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.FirstName, m.LastName, m.TerritoryId, TerritoryCode = m.Territory!.Code, m.AnnualGrossCost })
            .ToDictionaryAsync(m => m.Id, ct);
        var activityMinutes = fromActivities.ToDictionary(x => (x.MemberId, x.Month), x => x.Minutes);
        var timesheetMinutes = fromTimesheets.ToDictionary(x => (x.MemberId, x.Month), x => x.Minutes);

        var lines = activityMinutes.Keys.Union(timesheetMinutes.Keys)
            .Select(key =>
            {
                var person = people[key.MemberId];
                var minutes = activityMinutes.GetValueOrDefault(key) + timesheetMinutes.GetValueOrDefault(key);
                var amount = person.AnnualGrossCost is { } cost ? FinanceRules.StaffAmount(cost, minutes) : 0m;
                return new StaffCostLine(key.MemberId, $"{person.FirstName} {person.LastName}", person.TerritoryId, person.TerritoryCode, key.Month,
                    activityMinutes.GetValueOrDefault(key), timesheetMinutes.GetValueOrDefault(key), person.AnnualGrossCost, amount);
            })
            .OrderBy(l => l.MemberName, StringComparer.Create(French.Culture, true))
            .ThenBy(l => l.MemberId).ThenBy(l => l.Month)
            .ToList();
        return new StaffCosts(lines);
    }

    private static async Task<Execution> ExecutionAsync(AppDbContext db, FinanceOperation operation, (DateOnly From, DateOnly To) range,
        int[]? readable, StaffCosts staff, CancellationToken ct)
    {
        var (from, to) = range;
        var budgets = await FinanceScope.InScope(db.BudgetLines.AsNoTracking().Where(b => b.OperationId == operation.Id), readable)
            .GroupBy(b => new { b.TerritoryId, b.Category })
            .Select(g => new { g.Key.TerritoryId, g.Key.Category, Amount = g.Sum(b => b.Amount) })
            .ToListAsync(ct);
        var expenses = await db.Expenses.AsNoTracking()
            .Where(e => e.OperationId == operation.Id && e.InvoiceDate >= from && e.InvoiceDate <= to)
            .Where(e => readable == null || readable.Contains(e.TerritoryId))
            .GroupBy(e => new { e.TerritoryId, e.Category })
            .Select(g => new { g.Key.TerritoryId, g.Key.Category, Amount = g.Sum(e => e.EligibleAmount) })
            .ToListAsync(ct);
        var territories = await db.Territories.AsNoTracking()
            .Where(t => readable == null || readable.Contains(t.Id))
            .OrderBy(t => t.Number)
            .Select(t => new { t.Id, t.Code, t.Name })
            .ToListAsync(ct);

        var option = operation.IndirectCosts;
        var cells = new Dictionary<(int? Territory, CostCategory Category), (decimal Budget, decimal Spent, decimal NotClaimed)>();
        void Add(int? territory, CostCategory category, decimal budget, decimal spent, decimal notClaimed)
        {
            var cell = cells.GetValueOrDefault((territory, category));
            cells[(territory, category)] = (cell.Budget + budget, cell.Spent + spent, cell.NotClaimed + notClaimed);
        }

        foreach (var b in budgets)
        {
            Add(b.TerritoryId, b.Category, b.Amount, 0m, 0m);
        }
        foreach (var e in expenses)
        {
            var claimable = FinanceRules.IsClaimable(option, e.Category);
            Add(e.TerritoryId, e.Category, 0m, claimable ? e.Amount : 0m, claimable ? 0m : e.Amount);
        }
        foreach (var territory in staff.Lines.GroupBy(l => l.TerritoryId))
        {
            var staffCosts = territory.Sum(l => l.Amount);
            Add(territory.Key, CostCategory.Staff, 0m, staffCosts, 0m);
            // Flat rates are computed per territory and rounded there, so that the federation total is the sum of its territories.
            if (FinanceRules.FlatRate(option) is not null)
            {
                Add(territory.Key, CostCategory.Indirect, 0m, FinanceRules.FlatIndirectCosts(option, staffCosts), 0m);
            }
        }

        var order = territories.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var names = territories.ToDictionary(t => t.Id, t => (t.Code, t.Name));
        var lines = cells
            .Where(c => c.Key.Territory is null || names.ContainsKey(c.Key.Territory.Value))
            .OrderBy(c => c.Key.Territory is { } id ? order[id] : int.MaxValue).ThenBy(c => c.Key.Category)
            .Select(c =>
            {
                var (code, name) = c.Key.Territory is { } id ? names[id] : (FederationCode, FederationName);
                return new ExecutionLine(c.Key.Territory, code, name, c.Key.Category, c.Value.Budget, c.Value.Spent, c.Value.NotClaimed);
            })
            .ToList();
        return new Execution(option, lines);
    }
}
