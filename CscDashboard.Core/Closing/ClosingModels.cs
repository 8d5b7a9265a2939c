using CscDashboard.Core.Common;
using CscDashboard.Core.Compliance;
using CscDashboard.Core.Timesheets;

namespace CscDashboard.Core.Closing;

/// <summary>The <c>/closing</c> grid: the caller's territories × the months of a year, and the submissions awaiting a decision.</summary>
public sealed record ClosingGrid(int Year, IReadOnlyList<int> Years, IReadOnlyList<DateOnly> Months, IReadOnlyList<ClosingRow> Rows,
    IReadOnlyList<ClosingNotice> Awaiting);

public sealed record ClosingRow(int TerritoryId, string Code, string Name, IReadOnlyList<ClosingCell> Cells);

/// <summary>One territory-month of the grid; <see cref="Closable"/> is false for a month not over or outside the operations.</summary>
public sealed record ClosingCell(DateOnly Month, MonthCloseStatus Status, bool Returned, bool Closable)
{
    public string Label => Returned ? $"{MonthClosing.Label(Status)}, renvoyé" : MonthClosing.Label(Status);
}

/// <summary>A month to act on: submitted (for the project lead) or returned with a comment (for its coordinators).</summary>
public sealed record ClosingNotice(string TerritoryCode, string TerritoryName, DateOnly Month, MonthCloseStatus Status, string? By, DateTime? At, string? Comment)
{
    public string Url => MonthClosing.Url(TerritoryCode, Month);
}

/// <summary>One month of one territory: where it stands, its history, its summary, and what the caller may do now.</summary>
public sealed record MonthCloseView(
    int TerritoryId,
    string TerritoryCode,
    string TerritoryName,
    DateOnly Month,
    MonthCloseStatus Status,
    long Version,
    bool Closable,
    string? ApprovedBy,
    DateTime? ApprovedAt,
    string? ReturnedBy,
    DateTime? ReturnedAt,
    string? ReturnComment,
    string? ReopenedBy,
    DateTime? ReopenedAt,
    string? ReopenReason,
    IReadOnlyList<MonthCloseHistoryEntry> History,
    MonthSummary Summary,
    bool CanSubmit,
    bool CanDecide,
    bool CanReopen)
{
    public bool IsReturned => ReturnComment is not null && Status is MonthCloseStatus.Open or MonthCloseStatus.Reopened;
}

public sealed record MonthCloseHistoryEntry(MonthCloseAction Action, DateTime At, string UserName, string? Comment, IReadOnlyList<string> Missing)
{
    public string Label => MonthClosing.Label(Action);
}

/// <summary>
/// What a month of a territory holds, as the coordinator submits it and the lead approves it: activities and hours per
/// person, the timesheets of the territory's members, the expenses, the evidence still missing and what looks odd.
/// </summary>
public sealed record MonthSummary(
    int Activities,
    int Minutes,
    IReadOnlyList<PersonMonth> People,
    IReadOnlyList<TimesheetMonth> Timesheets,
    IReadOnlyList<ExpenseMonth> Expenses,
    IReadOnlyList<MissingEvidence> Missing,
    IReadOnlyList<MonthWarning> Warnings)
{
    public decimal ExpensesEligible => Expenses.Sum(e => e.EligibleAmount);
}

public sealed record PersonMonth(string Name, int Activities, int Minutes);

public sealed record TimesheetMonth(int MemberId, string Name, string Assignment, int Minutes, SignatureStatus Status, bool HasAccount);

public sealed record ExpenseMonth(int Id, string Supplier, string InvoiceNumber, DateOnly InvoiceDate, decimal EligibleAmount);

/// <summary>Something odd in the month (a day over 10 h, a public action without a centre…), with where to look.</summary>
public sealed record MonthWarning(string Text, string? Url);

/// <summary>The approved territory-months, for pages to show locked items read-only with a padlock.</summary>
public sealed record MonthLocks(IReadOnlyList<MonthLockInfo> Months)
{
    private readonly Dictionary<(int, DateOnly), MonthLockInfo> _byKey = Months.ToDictionary(m => (m.TerritoryId, m.Month));

    public static readonly MonthLocks None = new([]);

    /// <summary>The lock of <paramref name="day"/>'s month in the territory, or null when it is open.</summary>
    public MonthLockInfo? Find(int? territoryId, DateOnly? day) =>
        territoryId is { } t && day is { } d ? _byKey.GetValueOrDefault((t, MonthClosing.MonthOf(d))) : null;
}

public sealed record MonthLockInfo(int TerritoryId, string TerritoryName, DateOnly Month, string? ApprovedBy, DateTime? ApprovedAt)
{
    /// <summary>The refusal Core gives for a write in this month.</summary>
    public string Message => MonthLock.LockedMessage(Month, TerritoryName, ApprovedBy, ApprovedAt);

    /// <summary>« Février 2023 approuvé par … le … : lecture seule. »</summary>
    public string ShortMessage => $"{MonthClosing.MonthName(Month)} approuvé par {ApprovedBy ?? "la cheffe de projet"}"
        + (ApprovedAt is { } at ? $" le {ParisTimeProvider.Format(at, "dd/MM/yyyy")}" : "") + " : lecture seule.";
}
