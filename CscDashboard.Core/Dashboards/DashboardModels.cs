using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;

namespace CscDashboard.Core.Dashboards;

/// <summary>A figure and its value over the previous equal period.</summary>
public sealed record Kpi(double Value, double Previous)
{
    /// <summary>Change in percent; null when there was nothing before.</summary>
    public double? ChangePercent => Previous == 0 ? null : Math.Round((Value - Previous) / Previous * 100, 1);
}

public sealed record KpiSet(
    Kpi Activities,
    Kpi Hours,
    Kpi Inhabitants,
    Kpi ProfessionalsAndVolunteers,
    Kpi CentresEngaged,
    Kpi CentresActive,
    Kpi MembersActive,
    Kpi PartnersMet);

/// <summary>The figures of one territory (or sector) over the period.</summary>
public sealed record AreaFigures(
    int Activities,
    double Hours,
    int Inhabitants,
    int ProfessionalsAndVolunteers,
    int CentresEngaged,
    int CentresActive,
    int MembersActive,
    int PartnersMet);

public sealed record TerritoryFigures(int Id, string Code, string Name, int SectorNumber, AreaFigures Figures);

public sealed record SectorFigures(int Number, string Name, AreaFigures Figures);

public sealed record TypeFigures(ActivityType Type, int Activities, double Hours);

public sealed record WorkstreamFigures(int Id, int Number, string Name, int Activities, double Hours, int Inhabitants);

/// <summary>One month of the trend; <paramref name="Partial"/> when it holds today, so its figures are not final.</summary>
public sealed record MonthFigures(DateOnly Month, int Activities, double Hours, bool Partial = false);

/// <summary>
/// The overview dashboard: no person's name in it, so the committee sees it as it is.
/// <see cref="PreviousPeriod"/> is what the KPIs are compared with: when the period is under way
/// (<see cref="ComparedToDate"/>), only the same number of elapsed days of the previous period.
/// </summary>
public sealed record Overview(
    Period Period,
    Period PreviousPeriod,
    KpiSet Kpis,
    IReadOnlyList<TerritoryFigures> Territories,
    IReadOnlyList<SectorFigures> Sectors,
    IReadOnlyList<TypeFigures> Types,
    IReadOnlyList<WorkstreamFigures> Workstreams,
    IReadOnlyList<MonthFigures> Trend,
    bool ComparedToDate = false,
    Closing.MonthValidation? Validation = null)
{
    /// <summary>The "Indicateurs et cibles" section of the same scope and period, when asked for (<see cref="DashboardService.GetOverviewWithIndicatorsAsync"/>).</summary>
    public Indicators.IndicatorSection? Indicators { get; init; }
}

public sealed record CentreFigures(int Id, string Name, string Commune, int Activities, double Hours, DateOnly? LastActivity, DateOnly? LastVisit, bool Dormant, bool HasDigitalStaff);

public sealed record PartnerFigures(int Id, string Name, int Activities);

/// <summary>One territory: the overview's figures plus its centres, network coverage, work pattern and partners.</summary>
public sealed record TerritoryDashboard(
    int TerritoryId,
    string Code,
    string Name,
    string SectorName,
    Overview Overview,
    IReadOnlyList<CentreFigures> Centres,
    int CentresWithDigitalStaff,
    int CentresWithoutDigitalStaff,
    double EveningShare,
    double WeekendShare,
    IReadOnlyList<PartnerFigures> TopPartners,
    DateOnly DormantReference);
