namespace CscDashboard.Core.Activities;

/// <summary>Filters of the activity list; every field is optional and lives in the page's URL.</summary>
public sealed record ActivityFilter
{
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public int? TerritoryId { get; init; }
    public int? CentreId { get; init; }
    public ActivityType? Type { get; init; }
    public int? WorkstreamId { get; init; }
    public string? AuthorId { get; init; }
    public string? Text { get; init; }
    /// <summary>"Mes activités": only the caller's own activities (resolved in Core from the caller, whatever <see cref="AuthorId"/> says).</summary>
    public bool Mine { get; init; }
    /// <summary>The trash: soft-deleted activities only (project lead).</summary>
    public bool Deleted { get; init; }
}

public sealed record ActivityRow(
    int Id,
    DateOnly Date,
    TimeOnly? StartTime,
    int DurationMinutes,
    string TerritoryCode,
    string TerritoryName,
    ActivityType Type,
    string Title,
    string? AuthorName,
    IReadOnlyList<string> Centres,
    int Participants,
    bool IsHighlight,
    bool IsDeleted);

public sealed record NamedItem(int Id, string Name);

/// <summary>An activity as the detail page shows it, with what its form needs to edit it.</summary>
public sealed record ActivityDetail(
    int Id,
    ActivityInput Input,
    long Version,
    string TerritoryName,
    string? AuthorName,
    string OperationCode,
    IReadOnlyList<NamedItem> Centres,
    IReadOnlyList<NamedItem> Workstreams,
    IReadOnlyList<NamedItem> Partners,
    bool IsEvening,
    bool IsWeekend,
    DateTime CreatedAt,
    DateTime? UpdatedAt,
    string? UpdatedBy,
    DateTime? DeletedAt,
    bool CanEdit,
    bool CanRestore)
{
    /// <summary>The inhabitants' breakdown with each group's name and share of the inhabitants, age bands first.</summary>
    public IReadOnlyList<Indicators.AudienceShare> Audience { get; init; } = [];
}

/// <summary>One change of the activity's history, from the audit log.</summary>
public sealed record HistoryEntry(DateTime At, string UserName, string Action, IReadOnlyList<string> Changes);

public sealed record DayGroup(DateOnly Date, IReadOnlyList<ActivityRow> Activities)
{
    public int TotalMinutes => Activities.Sum(a => a.DurationMinutes);
}

public sealed record WeekView(DateOnly Monday, IReadOnlyList<DayGroup> Days)
{
    public int TotalMinutes => Days.Sum(d => d.TotalMinutes);
}

/// <summary>What the quick-entry form starts with: today, my territory (last used), my last type.</summary>
public sealed record EntryDefaults(
    DateOnly Today,
    IReadOnlyList<NamedItem> Territories,
    int? TerritoryId,
    ActivityType Type,
    ActivityFormat Format,
    ActivityPlace Place,
    IReadOnlyList<Operations.OperationPeriod> Operations);

/// <summary>What syncing an offline entry did: its activity, and whether this call created it (false: an earlier sync had).</summary>
public sealed record ActivityReceipt(int ActivityId, bool Created);
