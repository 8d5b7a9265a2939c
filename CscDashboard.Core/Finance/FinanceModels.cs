using CscDashboard.Core.Common;
using CscDashboard.Core.Operations;

namespace CscDashboard.Core.Finance;

/// <summary>
/// What a finance read covers: one operation, optionally a period inside it (clipped to the
/// operation's dates) and one territory (null: every territory the caller may read).
/// </summary>
public sealed record FinanceQuery(int OperationId, Period? Period = null, int? TerritoryId = null);

/// <summary>An operation as the finance page shows it, with its funding rate and indirect-costs option.</summary>
public sealed record FinanceOperation(int Id, string Code, string Name, DateOnly StartDate, DateOnly EndDate,
    decimal EuFundingRate, IndirectCostsOption IndirectCosts, string Programme = "")
{
    public OperationPeriod Period => new(Id, Code, StartDate, EndDate);
}

/// <summary>
/// A territory whose finance the caller reads. Finance is read and written by the same people (its
/// coordinators, the project lead, the admin), so the caller may also record expenses in it.
/// </summary>
public sealed record FinanceTerritory(int Id, string Code, string Name);

// ---- Budget lines ----

public sealed record BudgetLineRow(int Id, int? TerritoryId, string? TerritoryCode, string? TerritoryName,
    CostCategory Category, string Label, decimal Amount, long Version);

/// <summary>The budget-line form (mutable for binding); <see cref="TerritoryId"/> null: federation level.</summary>
public sealed record BudgetLineInput
{
    public int OperationId { get; set; }
    public int? TerritoryId { get; set; }
    public CostCategory Category { get; set; } = CostCategory.Travel;
    public string Label { get; set; } = "";
    public decimal Amount { get; set; }
    public long Version { get; set; }
}

// ---- Expenses ----

public sealed record ExpenseFilter(int OperationId, Period? Period = null, int? TerritoryId = null,
    CostCategory? Category = null, string? Search = null, int? ExpenseId = null);

/// <summary>An expense as listed; <see cref="Claimable"/>: its category is claimed under the operation's indirect-costs option.</summary>
public sealed record ExpenseRow(int Id, int OperationId, int TerritoryId, string TerritoryCode, string TerritoryName, string Supplier,
    string InvoiceNumber, DateOnly InvoiceDate, DateOnly? PaymentDate, string? Description, CostCategory Category,
    decimal AmountExclVat, decimal Vat, decimal EligibleAmount, bool Claimable, long Version)
{
    public decimal AmountInclVat => AmountExclVat + Vat;
}

/// <summary>The expense form (mutable for binding). <see cref="Version"/> is the one the form loaded.</summary>
public sealed record ExpenseInput
{
    public int OperationId { get; set; }
    public int TerritoryId { get; set; }
    public string Supplier { get; set; } = "";
    public string InvoiceNumber { get; set; } = "";
    public DateOnly? InvoiceDate { get; set; }
    public DateOnly? PaymentDate { get; set; }
    public string? Description { get; set; }
    public CostCategory Category { get; set; } = CostCategory.Travel;
    public decimal AmountExclVat { get; set; }
    public decimal Vat { get; set; }
    public decimal EligibleAmount { get; set; }
    public long Version { get; set; }
}

// ---- Funding sources ----

public sealed record FundingSourceRow(int Id, string Name, FundingKind Kind, decimal Committed, decimal Received,
    DateOnly? CommittedOn, DateOnly? LastReceivedOn, long Version)
{
    /// <summary>A territory's co-funding (issue 20); null for the whole operation.</summary>
    public int? TerritoryId { get; init; }
    public string? TerritoryCode { get; init; }
    public FundingStatus Status { get; init; } = FundingStatus.Granted;
    public DateOnly? RequestedOn { get; init; }
}

public sealed record FundingSourceInput
{
    public int OperationId { get; set; }
    public string Name { get; set; } = "";
    public FundingKind Kind { get; set; } = FundingKind.Other;
    public decimal Committed { get; set; }
    public decimal Received { get; set; }
    public DateOnly? CommittedOn { get; set; }
    public DateOnly? LastReceivedOn { get; set; }
    /// <summary>A territory's co-funding; null for the whole operation.</summary>
    public int? TerritoryId { get; set; }
    public FundingStatus Status { get; set; } = FundingStatus.Granted;
    public DateOnly? RequestedOn { get; set; }
    public long Version { get; set; }
}

// ---- Figures ----

/// <summary>
/// One member's month: hours from their activities (as author) plus manual timesheet lines, the
/// hourly rate (annual gross cost / 1,720) and the amount rounded to the cent. A member without an
/// annual cost has no rate and a zero amount (shown so that the missing cost is noticed).
/// </summary>
public sealed record StaffCostLine(int MemberId, string MemberName, int TerritoryId, string TerritoryCode, DateOnly Month,
    int ActivityMinutes, int TimesheetMinutes, decimal? AnnualGrossCost, decimal Amount)
{
    public int Minutes => ActivityMinutes + TimesheetMinutes;
    public decimal Hours => Minutes / 60m;
    /// <summary>For display, rounded to the cent; the amount is computed without this rounding.</summary>
    public decimal? HourlyRate => AnnualGrossCost is { } cost ? FinanceRules.HourlyRate(cost) : null;
}

public sealed record StaffCosts(IReadOnlyList<StaffCostLine> Lines)
{
    public int TotalMinutes => Lines.Sum(l => l.Minutes);
    public decimal TotalHours => TotalMinutes / 60m;
    /// <summary>The sum of the rounded member-month amounts, so that the total is the sum of the lines shown.</summary>
    public decimal Total => Lines.Sum(l => l.Amount);
}

/// <summary>
/// Indirect costs under the operation's option. Real costs: <see cref="Amount"/> is the eligible
/// amount of the expenses in category Indirect. Flat rates: <see cref="Rate"/> × direct staff costs,
/// per territory rounded to the cent; <see cref="NotClaimedExpenses"/> is what the flat rate replaces.
/// </summary>
public sealed record IndirectCosts(IndirectCostsOption Option, decimal? Rate, decimal StaffCosts, decimal Amount, decimal NotClaimedExpenses);

/// <summary>Budget and claimable spending of one territory (null: federation level) and category.</summary>
public sealed record ExecutionLine(int? TerritoryId, string TerritoryCode, string TerritoryName, CostCategory Category,
    decimal Budget, decimal Spent, decimal NotClaimed)
{
    /// <summary>Spent / budget in %, one decimal; null without a budget.</summary>
    public decimal? Percent => FinanceRules.Percent(Spent, Budget);
}

/// <summary>A row of totals (a category or a territory) of an <see cref="Execution"/>; <see cref="ShortLabel"/> for chart axes.</summary>
public sealed record ExecutionTotal(string Key, string Label, string ShortLabel, decimal Budget, decimal Spent, decimal NotClaimed)
{
    public decimal? Percent => FinanceRules.Percent(Spent, Budget);
}

/// <summary>Execution against budget: the operation's budget (whole operation) against what was spent in the period.</summary>
public sealed record Execution(IndirectCostsOption Option, IReadOnlyList<ExecutionLine> Lines)
{
    public IReadOnlyList<ExecutionTotal> ByCategory => Lines.GroupBy(l => l.Category).OrderBy(g => g.Key)
        .Select(g => new ExecutionTotal(g.Key.ToString(), FinanceLabels.Of(g.Key), FinanceLabels.ShortOf(g.Key), g.Sum(l => l.Budget), g.Sum(l => l.Spent), g.Sum(l => l.NotClaimed)))
        .ToList();

    public IReadOnlyList<ExecutionTotal> ByTerritory => Lines.GroupBy(l => (l.TerritoryCode, l.TerritoryName))
        .Select(g => new ExecutionTotal(g.Key.TerritoryCode, g.Key.TerritoryName, g.Key.TerritoryCode, g.Sum(l => l.Budget), g.Sum(l => l.Spent), g.Sum(l => l.NotClaimed)))
        .ToList();

    public ExecutionTotal Total => new("", "Total", "Total", Lines.Sum(l => l.Budget), Lines.Sum(l => l.Spent), Lines.Sum(l => l.NotClaimed));
}

/// <summary>
/// Resources: the funding agreements (federation level, so listed for the project lead and admin
/// only) and the EU share of the eligible costs of the query at the operation's rate.
/// </summary>
public sealed record Resources(IReadOnlyList<FundingSourceRow> Sources, decimal EligibleCosts, decimal EuFundingRate, decimal EuShare)
{
    public decimal Committed => Sources.Sum(s => s.Committed);
    public decimal Received => Sources.Sum(s => s.Received);
}
