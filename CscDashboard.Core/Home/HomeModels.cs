namespace CscDashboard.Core.Home;

public sealed record TerritoryFigure(int Id, string Code, string Name, string SectorName, int Centres, int Members, int Activities);

/// <summary>The figures of the home page: counts in the caller's scope, all computed in SQL.</summary>
public sealed record HomeSummary(
    string ScopeLabel,
    int Territories,
    int EngagedCentres,
    int Centres,
    int Members,
    int Partners,
    int Activities,
    int ActivitiesThisMonth,
    double HoursThisMonth,
    IReadOnlyList<TerritoryFigure> TerritoryFigures,
    bool IsDemoData);

/// <summary>One of the caller's latest entries, to open it or log it again.</summary>
public sealed record RecentEntry(int Id, DateOnly Date, string Title, int DurationMinutes);

/// <summary>
/// The top of the home page for those who log activities: the caller's own week (Monday to Sunday holding today),
/// their latest entries, and how many evidence pieces their territories still owe for <see cref="EvidenceOperationCode"/>
/// (the to-do list of <c>/compliance?operation=…</c>, same count), and the month closes that wait for them: months returned
/// to a coordinator's territories with the lead's comment, submissions awaiting the lead's decision (ADR 027).
/// </summary>
public sealed record HomeActions(
    DateOnly Monday,
    int WeekMinutes,
    int WeekEntries,
    IReadOnlyList<RecentEntry> Recent,
    int EvidenceOwed,
    string? EvidenceOperationCode,
    IReadOnlyList<Closing.ClosingNotice>? Closing = null);
