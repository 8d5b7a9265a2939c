using CscDashboard.Core.Dashboards;

namespace CscDashboard.Core.Reporting;

/// <summary>
/// Everything a progress report (bilan) shows, frozen as JSON in its <see cref="ReportSnapshot"/>.
/// The PDF renderer reads only this record, never the database. It holds no person's name: the
/// report goes to the partner committee.
/// </summary>
public sealed record ProgressReportModel
{
    public required ReportKind Kind { get; init; }
    public required string Title { get; init; }
    public required string FederationName { get; init; }
    public required string OperationCode { get; init; }
    public required string OperationName { get; init; }
    public required string Programme { get; init; }
    /// <summary>Printed beside the EU emblem (« Région Hauts-de-France »); null in reports frozen before issue 20.</summary>
    public string? ManagingAuthority { get; init; }
    public required string PeriodCode { get; init; }
    public required string PeriodLabel { get; init; }
    public required string PreviousPeriodLabel { get; init; }
    /// <summary>"Toute la fédération" or the territory's name.</summary>
    public required string ScopeLabel { get; init; }
    public string? TerritoryCode { get; init; }
    public required DateTime GeneratedAtUtc { get; init; }
    public required KpiSet Kpis { get; init; }
    public required IReadOnlyList<TerritoryFigures> Territories { get; init; }
    public required IReadOnlyList<SectorFigures> Sectors { get; init; }
    public required IReadOnlyList<TypeFigures> Types { get; init; }
    public required IReadOnlyList<TerritorySection> TerritorySections { get; init; }
    public required IReadOnlyList<WorkstreamSection> WorkstreamSections { get; init; }
    public required IReadOnlyList<MonthFigures> Trend { get; init; }
    public required IReadOnlyList<PartnerLine> Partners { get; init; }
    public required IReadOnlyList<FundingLine> Funding { get; init; }
    public required IReadOnlyList<string> NextSteps { get; init; }
    /// <summary>
    /// Evidence completeness of each territory of the report (architecture.md section 3); null when nothing was owed,
    /// and in reports frozen before the evidence vault existed.
    /// </summary>
    public IReadOnlyList<EvidenceLine>? Evidence { get; init; }
    /// <summary>
    /// The scope's indicators against their targets and who was reached (issue 17), as the dashboards show them on the
    /// report's last day; null in reports frozen before the indicators existed.
    /// </summary>
    public Indicators.IndicatorSection? Indicators { get; init; }
    /// <summary>Which months of the period were approved when the report was made (ADR 027); null in reports frozen before the month close existed.</summary>
    public Closing.MonthValidation? Validation { get; init; }
    /// <summary>« Suivi des décisions » (issue 20): owners by function, never named; null in reports frozen before meetings existed.</summary>
    public IReadOnlyList<Governance.DecisionLine>? Decisions { get; init; }
}

/// <summary>A territory's part of the report: its figures, centres and the highlights its coordinator marked.</summary>
public sealed record TerritorySection(
    string Code,
    string Name,
    AreaFigures Figures,
    IReadOnlyList<CentreFigures> Centres,
    IReadOnlyList<HighlightLine> Highlights);

/// <summary>A highlight as the reports print it: title, type and centres, never the notes (ADR 020).</summary>
public sealed record HighlightLine(DateOnly Date, string Title, string Type, string? Centres);

public sealed record WorkstreamSection(
    int Number,
    string Name,
    int Sessions,
    double Hours,
    int Inhabitants,
    IReadOnlyList<TerritoryCount> PerTerritory,
    IReadOnlyList<DeliverableLine> Deliverables);

public sealed record TerritoryCount(string Territory, int Sessions);

public sealed record DeliverableLine(string Title, DateOnly DueDate, string Status);

public sealed record PartnerLine(string Name, string Kind, string Scope, bool CommitteeMember, int Activities);

public sealed record FundingLine(string Name, string Kind, decimal Committed, decimal Received);

/// <summary>Evidence owed and filed for a territory, over the report's period and since the operation began.</summary>
public sealed record EvidenceLine(string Territory, int Required, int Satisfied, int RequiredToDate, int SatisfiedToDate);
