using CscDashboard.Core.Activities;
using CscDashboard.Core.Network;

namespace CscDashboard.Core.OpenData;

/// <summary>A page of an API list: 1-based <see cref="Number"/>, <see cref="Size"/> rows (1 to <see cref="MaxSize"/>).</summary>
public sealed record ApiPage(int Number = 1, int Size = ApiPage.DefaultSize)
{
    public const int DefaultSize = 100;
    public const int MaxSize = 500;

    public int Skip => (Math.Max(1, Number) - 1) * Take;
    public int Take => Math.Clamp(Size, 1, MaxSize);
}

/// <summary>One page of an API list and the number of rows of the whole filtered list.</summary>
public sealed record ApiList<T>(int Page, int PageSize, int Total, IReadOnlyList<T> Items);

/// <summary>
/// One group of <see cref="OpenFigures"/>: the keys it is grouped by (the others are null) and its figures. Hours are
/// the dashboards' (minutes / 60, one decimal). A grouping by workstream keeps activities, minutes and inhabitants only.
/// </summary>
public sealed record FigureLine(
    string? TerritoryCode,
    string? TerritoryName,
    int? SectorNumber,
    string? SectorName,
    string? Month,
    ActivityType? Type,
    string? TypeLabel,
    int? WorkstreamNumber,
    string? WorkstreamName,
    int Activities,
    int Minutes,
    double Hours,
    int Inhabitants,
    int? Professionals,
    int? Volunteers,
    int? PartnersAndElected,
    int? EveningMinutes,
    int? WeekendMinutes);

/// <summary>The figures of a period, grouped as asked (<c>territory</c>, <c>sector</c>, <c>type</c>, <c>workstream</c>, <c>month</c>).</summary>
public sealed record FigureTable(string Period, string PeriodLabel, DateOnly From, DateOnly To, IReadOnlyList<string> GroupBy, int Total, IReadOnlyList<FigureLine> Items);

/// <summary>
/// An activity of the log. <see cref="Author"/>, <see cref="Notes"/> and <see cref="FollowUp"/> (free text may name people)
/// are null unless the caller sees names in the activity's territory (ADR 026).
/// </summary>
public sealed record ActivityItem(
    int Id,
    DateOnly Date,
    TimeOnly? StartTime,
    int DurationMinutes,
    string TerritoryCode,
    string TerritoryName,
    ActivityType Type,
    string TypeLabel,
    ActivityFormat Format,
    string FormatLabel,
    ActivityPlace Place,
    string PlaceLabel,
    string Title,
    string? Author,
    IReadOnlyList<string> Centres,
    IReadOnlyList<string> Workstreams,
    IReadOnlyList<string> Partners,
    int Inhabitants,
    int Professionals,
    int Volunteers,
    int PartnersAndElected,
    bool Highlight,
    string? Notes,
    string? FollowUp);

public sealed record CentreItem(
    int Id,
    string Name,
    string Commune,
    string Postcode,
    string TerritoryCode,
    string TerritoryName,
    CentreStatus Status,
    string StatusLabel,
    DateOnly? EngagedOn,
    bool HostCentre,
    bool Archived);

/// <summary>A partner; its contact (a person) is null unless the caller sees names in the partner's territory.</summary>
public sealed record PartnerItem(
    int Id,
    string Name,
    PartnerKind Kind,
    string KindLabel,
    string? TerritoryCode,
    string? TerritoryName,
    bool CommitteeMember,
    string? ContactName,
    string? ContactEmail,
    string? ContactPhone,
    bool Archived);

/// <summary>A network member (a person): listed only to those who see names in the member's territory. No employment cost (finance).</summary>
public sealed record MemberItem(
    int Id,
    string FirstName,
    string LastName,
    string? Email,
    string? Phone,
    MemberRole Role,
    string RoleLabel,
    string TerritoryCode,
    string TerritoryName,
    string? Centre,
    Assignment Assignment,
    string AssignmentLabel,
    decimal? AssignmentPercent,
    DateOnly ActiveFrom,
    DateOnly? ActiveTo,
    bool Archived);
