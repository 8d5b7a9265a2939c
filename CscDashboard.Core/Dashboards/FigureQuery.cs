using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;

namespace CscDashboard.Core.Dashboards;

/// <summary>
/// What figures are grouped by; combine with <c>|</c> (<c>Territory | Type</c>). At most one of
/// <see cref="Centre"/>, <see cref="Partner"/>, <see cref="Workstream"/> and <see cref="Audience"/>: grouping by one of them counts
/// the activities linked to it (an activity with two centres counts once for each).
/// </summary>
[Flags]
public enum FigureGroup
{
    None = 0,
    /// <summary>The activity's territory; for <see cref="Centre"/>, the centre's (a centre that moved takes its figures along).</summary>
    Territory = 1,
    /// <summary>The sector of that territory.</summary>
    Sector = 2,
    Type = 4,
    Month = 8,
    Centre = 16,
    Partner = 32,
    Workstream = 64,
    /// <summary>An age band or public of the inhabitants' breakdown (its counts, not the activities' inhabitants).</summary>
    Audience = 128,
}

/// <summary>What is summed (or, for the two dates, the latest); the monthly aggregates keep some of them only (<see cref="FigureQuery.Kept"/>).</summary>
[Flags]
public enum Measure
{
    /// <summary>No figure: the rows say which groups had at least one activity (active centres, partners met).</summary>
    None = 0,
    Activities = 1,
    Minutes = 2,
    Inhabitants = 4,
    Professionals = 8,
    Volunteers = 16,
    /// <summary>Partners and elected officials counted on the activities (<see cref="Activity.PartnerCount"/>).</summary>
    PartnerCount = 32,
    EveningMinutes = 64,
    WeekendMinutes = 128,
    /// <summary>Latest activity date (centres only).</summary>
    LastDate = 256,
    /// <summary>Latest visit or centre-support date (centres only).</summary>
    LastVisitDate = 512,
    /// <summary>Inhabitants described by age band (<see cref="Activity.AgesDescribed"/>).</summary>
    AgesDescribed = 1024,
    /// <summary>Inhabitants of the activities whose publics were given (<see cref="Activity.PublicsDescribed"/>).</summary>
    PublicsDescribed = 2048,
}

/// <summary>
/// "These measures, for this period, grouped by this": the one question every figure over a period is
/// asked as (<see cref="PeriodFigures.ReadAsync"/>). Live activities only; from &gt; to is an empty period.
/// </summary>
public sealed record FigureQuery
{
    public FigureQuery(DateOnly from, DateOnly to, FigureGroup by, Measure measures)
    {
        var links = System.Numerics.BitOperations.PopCount((uint)(by & Links));
        if (by == FigureGroup.None || links > 1 || (links == 1 && by.HasFlag(FigureGroup.Type)))
        {
            throw new ArgumentException($"Grouping {by}: one dimension at least, at most one of centre, partner, workstream and audience, and type only without them.", nameof(by));
        }
        (From, To, By, Measures) = (from, to, by, measures);
        var missing = measures & ~Kept(Link);
        if (missing != Measure.None)
        {
            throw new ArgumentException($"{missing} is not kept per {(Link == FigureGroup.None ? "activity" : Link.ToString().ToLowerInvariant())}.", nameof(measures));
        }
    }

    public FigureQuery(Period period, FigureGroup by, Measure measures) : this(period.From, period.To, by, measures)
    {
    }

    public DateOnly From { get; }
    public DateOnly To { get; }
    public FigureGroup By { get; }
    public Measure Measures { get; }

    /// <summary>Only this territory's figures (the centre's territory when grouping by centre).</summary>
    public int? TerritoryId { get; init; }

    /// <summary>Only these centres, partners, workstreams or audience groups (whichever the query is grouped by).</summary>
    public IReadOnlyCollection<int>? Only
    {
        get => _only;
        init => _only = value is null || Link != FigureGroup.None
            ? value
            : throw new ArgumentException("Only needs a grouping by centre, partner, workstream or audience.", nameof(Only));
    }

    private readonly IReadOnlyCollection<int>? _only;

    /// <summary>The centre, partner or workstream grouping, or <see cref="FigureGroup.None"/> when the activities themselves are counted.</summary>
    public FigureGroup Link => By & Links;

    internal const FigureGroup Links = FigureGroup.Centre | FigureGroup.Partner | FigureGroup.Workstream | FigureGroup.Audience;

    /// <summary>The measures the monthly aggregate of activities (<see cref="FigureGroup.None"/>) or of a link keeps.</summary>
    public static Measure Kept(FigureGroup link) => link switch
    {
        FigureGroup.None => Measure.Activities | Measure.Minutes | Measure.Inhabitants | Measure.Professionals | Measure.Volunteers
            | Measure.PartnerCount | Measure.EveningMinutes | Measure.WeekendMinutes | Measure.AgesDescribed | Measure.PublicsDescribed,
        FigureGroup.Centre => Measure.Activities | Measure.Minutes | Measure.LastDate | Measure.LastVisitDate,
        FigureGroup.Partner => Measure.Activities,
        FigureGroup.Workstream => Measure.Activities | Measure.Minutes | Measure.Inhabitants,
        FigureGroup.Audience => Measure.Activities | Measure.Inhabitants,
        _ => throw new ArgumentOutOfRangeException(nameof(link)),
    };
}

/// <summary>
/// One group of a <see cref="FigureQuery"/>: the keys it is grouped by (the others stay 0 or default) and
/// the measures asked for (the others stay 0). A row exists only for a group with at least one activity.
/// </summary>
public sealed record FigureRow
{
    public int TerritoryId { get; init; }
    public int SectorId { get; init; }
    public DateOnly Month { get; init; }
    public ActivityType Type { get; init; }
    public int CentreId { get; init; }
    public int PartnerId { get; init; }
    public int WorkstreamId { get; init; }
    public int AudienceGroupId { get; init; }

    public int Activities { get; init; }
    public int Minutes { get; init; }
    public int Inhabitants { get; init; }
    public int Professionals { get; init; }
    public int Volunteers { get; init; }
    public int PartnerCount { get; init; }
    public int EveningMinutes { get; init; }
    public int WeekendMinutes { get; init; }
    public DateOnly? LastDate { get; init; }
    public DateOnly? LastVisitDate { get; init; }
    public int AgesDescribed { get; init; }
    public int PublicsDescribed { get; init; }

    /// <summary>The group's key, for merging the whole months and the edge days of the same group.</summary>
    internal (int, int, DateOnly, ActivityType, int, int, int, int) Key => (TerritoryId, SectorId, Month, Type, CentreId, PartnerId, WorkstreamId, AudienceGroupId);

    /// <summary>The same group's figures over two slices of the period.</summary>
    internal FigureRow Plus(FigureRow other) => this with
    {
        Activities = Activities + other.Activities,
        Minutes = Minutes + other.Minutes,
        Inhabitants = Inhabitants + other.Inhabitants,
        Professionals = Professionals + other.Professionals,
        Volunteers = Volunteers + other.Volunteers,
        PartnerCount = PartnerCount + other.PartnerCount,
        EveningMinutes = EveningMinutes + other.EveningMinutes,
        WeekendMinutes = WeekendMinutes + other.WeekendMinutes,
        LastDate = Max(LastDate, other.LastDate),
        LastVisitDate = Max(LastVisitDate, other.LastVisitDate),
        AgesDescribed = AgesDescribed + other.AgesDescribed,
        PublicsDescribed = PublicsDescribed + other.PublicsDescribed,
    };

    private static DateOnly? Max(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
