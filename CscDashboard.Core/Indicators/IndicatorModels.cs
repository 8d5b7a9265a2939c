using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Operations;

namespace CscDashboard.Core.Indicators;

/// <summary>An indicator as the project lead types it.</summary>
public sealed record IndicatorInput
{
    public int OperationId { get; init; }
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public string Unit { get; init; } = "";
    public bool IsEu { get; init; }
    public IndicatorSource Source { get; init; }
    public ActivityType? ActivityType { get; init; }
    public int? AudienceGroupId { get; init; }
}

/// <summary>A target for an indicator, of a territory or (no territory) of the operation itself, with its milestones.</summary>
public sealed record TargetInput
{
    public int IndicatorId { get; init; }
    public int? TerritoryId { get; init; }
    public decimal Value { get; init; }
    public IReadOnlyList<TargetPoint> Milestones { get; init; } = [];
}

/// <summary>A value declared by hand for a manual indicator.</summary>
public sealed record DeclarationInput
{
    public int IndicatorId { get; init; }
    public int? TerritoryId { get; init; }
    public DateOnly From { get; init; }
    public DateOnly To { get; init; }
    public decimal Value { get; init; }
    public string Note { get; init; } = "";
    public int? EvidenceDocumentId { get; init; }
}

public sealed record IndicatorRow(
    int Id, int Number, string Code, string Name, string Unit, bool IsEu, IndicatorSource Source, ActivityType? ActivityType,
    int? AudienceGroupId, string Method, long Version)
{
    public IndicatorInput ToInput(int operationId) => new()
    {
        OperationId = operationId, Code = Code, Name = Name, Unit = Unit, IsEu = IsEu, Source = Source, ActivityType = ActivityType,
        AudienceGroupId = AudienceGroupId,
    };
}

public sealed record TargetRow(int Id, int IndicatorId, int? TerritoryId, decimal Value, IReadOnlyList<TargetPoint> Milestones);

public sealed record TerritoryRef(int Id, string Code, string Name);

public sealed record AudienceGroupRow(int Id, string Code, string Name, AudienceKind Kind);

/// <summary>An operation's catalogue and targets, for the targets page.</summary>
public sealed record IndicatorCatalogue(
    OperationPeriod Operation,
    IReadOnlyList<IndicatorRow> Indicators,
    IReadOnlyList<TargetRow> Targets,
    IReadOnlyList<TerritoryRef> Territories,
    IReadOnlyList<AudienceGroupRow> AudienceGroups,
    bool CanEdit);

/// <summary>A declaration as the targets page lists it; <see cref="EvidenceName"/> only for those who read the territory's evidence.</summary>
public sealed record DeclarationRow(
    int Id, int IndicatorId, string IndicatorCode, int? TerritoryId, string Scope, DateOnly From, DateOnly To, decimal Value, string Note,
    int? EvidenceDocumentId, string? EvidenceName, bool CanEdit, long Version)
{
    public DeclarationInput ToInput() => new()
    {
        IndicatorId = IndicatorId, TerritoryId = TerritoryId, From = From, To = To, Value = Value, Note = Note, EvidenceDocumentId = EvidenceDocumentId,
    };
}

public sealed record EvidenceOption(int Id, string Name);

/// <summary>
/// One indicator against its target for a scope (the operation or one territory): its value over the period and since the
/// operation began (up to <see cref="IndicatorSection.Reference"/>), the target, the value expected on that day, the share of
/// the target achieved and a status. Figures only: what the committee reads holds no name.
/// </summary>
public sealed record IndicatorLine(
    int IndicatorId,
    string Code,
    string Name,
    string Unit,
    bool IsEu,
    string Method,
    decimal PeriodValue,
    decimal Cumulative,
    decimal? Target,
    bool TargetIsSum,
    decimal? Expected,
    decimal? PercentAchieved,
    TargetStatus Status,
    int DeclarationsWithoutEvidence = 0)
{
    public string StatusLabel => IndicatorLabels.Of(Status);
}

/// <summary>One age band or public: its count over the period and its share of the inhabitants reached.</summary>
public sealed record AudienceShare(string Name, AudienceKind Kind, int Count, double Share);

/// <summary>
/// Who was reached over a period, without personal data: the inhabitants counted, how many of them the age bands
/// describe, the inhabitants of the activities whose publics were given, and each group's count and share.
/// </summary>
public sealed record AudienceBreakdown(int Inhabitants, int AgesDescribed, int PublicsDescribed, IReadOnlyList<AudienceShare> Groups)
{
    public static readonly AudienceBreakdown Empty = new(0, 0, 0, []);

    public double AgesShare => Inhabitants == 0 ? 0 : (double)AgesDescribed / Inhabitants;

    public double PublicsShare => Inhabitants == 0 ? 0 : (double)PublicsDescribed / Inhabitants;
}

/// <summary>
/// The "Indicateurs et cibles" section of a dashboard or report. <see cref="OperationCode"/> is null when no operation
/// covers the period. <see cref="Reference"/>: the day cumulative values and expected values are read for (the period's
/// end, today if sooner, the operation's end if sooner).
/// </summary>
public sealed record IndicatorSection(
    string? OperationCode,
    DateOnly OperationStart,
    DateOnly OperationEnd,
    DateOnly Reference,
    string ScopeLabel,
    IReadOnlyList<IndicatorLine> Lines,
    AudienceBreakdown Audience)
{
    public static IndicatorSection None(string scope, AudienceBreakdown audience) => new(null, default, default, default, scope, [], audience);
}

/// <summary>One of a coordinator's territories on the home page, with its indicators since the start of the current operation.</summary>
public sealed record TerritoryIndicators(string Code, string Name, IndicatorSection Section);

public static class IndicatorRules
{
    public const int CodeLength = 16;
    public const int UnitLength = 32;
    public const int MaxMilestones = 20;
    public const decimal MaxValue = 1_000_000_000_000m;
}
