using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Operations;

namespace CscDashboard.Core.Workstreams;

/// <summary>A coordinator co-animating the workstream, with the territories they cover.</summary>
public sealed record CoAnimator(string UserId, string DisplayName, IReadOnlyList<string> Territories);

/// <summary>One territory's work on a workstream over a period: activities tagged with it, not deleted.</summary>
public sealed record WorkstreamTerritoryFigure(int TerritoryId, string Code, string Name, int Activities, int Minutes, int Inhabitants)
{
    public double Hours => Minutes / 60.0;
}

/// <summary>The figures of a workstream per territory (every territory, zeros included, in display order).</summary>
public sealed record WorkstreamSpaceFigures(int WorkstreamId, DateOnly From, DateOnly To, IReadOnlyList<WorkstreamTerritoryFigure> Territories)
{
    public int Activities => Territories.Sum(t => t.Activities);
    public int Minutes => Territories.Sum(t => t.Minutes);
    public double Hours => Minutes / 60.0;
    public int Inhabitants => Territories.Sum(t => t.Inhabitants);
}

/// <summary>What the caller may do in a workstream space.</summary>
public sealed record WorkstreamPermissions(bool CanReadDetails, bool CanAddWatchItems, bool CanManageDeliverables);

/// <summary>
/// A workstream space: its name, co-animators, figures per territory and sessions over a period.
/// For the committee only the name and the figures are filled (no names, no sessions): see ADR 003.
/// </summary>
public sealed record WorkstreamSpace(
    int Id,
    int Number,
    string Name,
    string ShortName,
    DateOnly From,
    DateOnly To,
    IReadOnlyList<OperationPeriod> Operations,
    IReadOnlyList<CoAnimator> Coordinators,
    WorkstreamSpaceFigures Figures,
    PagedResult<ActivityRow>? Sessions,
    WorkstreamPermissions Permissions);

// ---- Watch items (veille) ----

/// <summary>Filters of the watch-item list: free text (title, summary, tags) and one exact tag.</summary>
public sealed record WatchItemFilter(string? Search = null, string? Tag = null);

public sealed record WatchItemRow(
    int Id,
    string Title,
    string? Url,
    string? Summary,
    IReadOnlyList<string> Tags,
    DateOnly Date,
    string AuthorName,
    long Version,
    bool CanEdit);

/// <summary>The watch-item form; mutable so that the dialog can bind to it. <see cref="Version"/> is the one the form loaded.</summary>
public sealed record WatchItemInput
{
    public string Title { get; set; } = "";
    public string? Url { get; set; }
    public string? Summary { get; set; }
    /// <summary>Comma-separated, as typed: "accès aux droits, démarches".</summary>
    public string? Tags { get; set; }
    public DateOnly? Date { get; set; }
    public long Version { get; set; }
}

// ---- Deliverables ----

/// <param name="IsLate">Past its due date and neither delivered nor cancelled: "en retard".</param>
public sealed record DeliverableRow(
    int Id,
    string Title,
    DateOnly DueDate,
    DeliverableStatus Status,
    string? DocumentName,
    long Version,
    bool IsLate);

public sealed record DeliverableInput
{
    public string Title { get; set; } = "";
    public DateOnly? DueDate { get; set; }
    public DeliverableStatus Status { get; set; } = DeliverableStatus.Planned;
    public long Version { get; set; }
}

/// <summary>A workstream's deliverables and whether the caller may change them.</summary>
public sealed record DeliverableList(IReadOnlyList<DeliverableRow> Items, bool CanManage);
