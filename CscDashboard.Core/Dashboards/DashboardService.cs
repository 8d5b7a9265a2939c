using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Operations;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Dashboards;

/// <summary>
/// The overview and territory dashboards, checked for the caller's role. Every figure over a period is a
/// <see cref="PeriodFigures"/> query (whole months from the monthly aggregates, edge days from the
/// activities, one SQL GROUP BY each); only small grouped rows come back to memory. The caller's role is checked first, then
/// circuits showing the same dashboard share one computation through the <see cref="DashboardCache"/> (ADR 035).
/// </summary>
public sealed class DashboardService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock, DashboardCache cache)
{
    public const int DormantDays = 60;
    public const int TrendMonths = 12;

    public async Task<IReadOnlyList<OperationPeriod>> OperationsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.OperationPeriodsAsync(ct);
    }

    /// <summary>The federation overview; every signed-in role (the committee included: it holds no names).</summary>
    public Task<Overview> GetOverviewAsync(Period period, CancellationToken ct = default) => OverviewAsync(period, indicators: false, ct);

    /// <summary>
    /// The overview with its "Indicateurs et cibles" section (issue 17), built on the overview's own reads of the period: the
    /// section adds its catalogue, the breakdown and, when they differ, the days since the operation began.
    /// </summary>
    public Task<Overview> GetOverviewWithIndicatorsAsync(Period period, CancellationToken ct = default) => OverviewAsync(period, indicators: true, ct);

    public Task<TerritoryDashboard> GetTerritoryAsync(string code, Period period, CancellationToken ct = default) => TerritoryAsync(code, period, indicators: false, ct);

    /// <summary>The territory dashboard with its "Indicateurs et cibles" section, as <see cref="GetOverviewWithIndicatorsAsync"/>.</summary>
    public Task<TerritoryDashboard> GetTerritoryWithIndicatorsAsync(string code, Period period, CancellationToken ct = default) =>
        TerritoryAsync(code, period, indicators: true, ct);

    private async Task<Overview> OverviewAsync(Period period, bool indicators, CancellationToken ct)
    {
        if (!users.Current.IsAuthenticated)
        {
            throw new ScopeViolationException("Veuillez vous connecter.");
        }
        var today = Today();
        var audience = users.Current.CanReadActivities ? DashboardAudience.Staff : DashboardAudience.Committee;
        return await cache.GetAsync(new DashboardKey(null, period, indicators, today, audience), async () =>
        {
            // Shared by every circuit waiting on it: one caller leaving does not cancel it.
            await using var db = await factory.CreateOpenedDbContextAsync(CancellationToken.None);
            var (overview, current) = await OverviewFigures.BuildAsync(db, period, territoryId: null, today, CancellationToken.None);
            if (indicators)
            {
                overview = overview with
                {
                    Indicators = await IndicatorsAsync(db, period, null, Indicators.IndicatorDashboardService.FederationLabel, current, today, CancellationToken.None),
                };
            }
            return (overview, DashboardWindow.Of(null, period, today, await db.OperationPeriodsAsync(CancellationToken.None)));
        }, ct);
    }

    private static async Task<Indicators.IndicatorSection> IndicatorsAsync(AppDbContext db, Period period, int? territoryId, string scope, AreaRead current,
        DateOnly today, CancellationToken ct)
    {
        var catalogue = await Indicators.IndicatorCatalogueData.LoadAsync(db, period, today, territoryId, ct);
        return await Indicators.IndicatorFigures.BuildAsync(db, catalogue, territoryId, scope, period, today, ct, OverviewFigures.Shared(current));
    }

    private async Task<TerritoryDashboard> TerritoryAsync(string code, Period period, bool indicators, CancellationToken ct)
    {
        if (!users.Current.CanReadActivities)
        {
            throw new ScopeViolationException("Le tableau de bord d'un territoire n'est pas accessible avec votre rôle.");
        }
        var today = Today();
        return await cache.GetAsync(new DashboardKey(code, period, indicators, today, DashboardAudience.Staff), async () =>
        {
            await using var db = await factory.CreateOpenedDbContextAsync(CancellationToken.None);
            var dashboard = await BuildTerritoryAsync(db, code, period, indicators, today, CancellationToken.None);
            return (dashboard, DashboardWindow.Of(dashboard.TerritoryId, period, today, await db.OperationPeriodsAsync(CancellationToken.None)));
        }, ct);
    }

    private static async Task<TerritoryDashboard> BuildTerritoryAsync(AppDbContext db, string code, Period period, bool indicators, DateOnly today, CancellationToken ct)
    {
        var territory = await DashboardQueries.Of(db).TerritoryByCode(db, code, ct)
            ?? throw new NotFoundException($"Le territoire « {code} » n'existe pas.");
        var (overview, current) = await OverviewFigures.BuildAsync(db, period, territory.Id, today, ct);
        if (indicators)
        {
            overview = overview with { Indicators = await IndicatorsAsync(db, period, territory.Id, territory.Name, current, today, ct) };
        }
        var reference = ReferenceDay(period, today);
        var centres = (await CentreTable.ReadAsync(db, territory.Id, current.Centres, reference, ct))[territory.Id].ToList();
        var minutes = current.TypeRows.Sum(s => (double)s.Minutes);
        return new TerritoryDashboard(
            territory.Id, territory.Code, territory.Name, territory.Sector, overview, centres,
            CentresWithDigitalStaff: centres.Count(c => c.HasDigitalStaff),
            CentresWithoutDigitalStaff: centres.Count(c => !c.HasDigitalStaff),
            EveningShare: minutes == 0 ? 0 : current.TypeRows.Sum(s => s.EveningMinutes) / minutes,
            WeekendShare: minutes == 0 ? 0 : current.TypeRows.Sum(s => s.WeekendMinutes) / minutes,
            TopPartners: await TopPartnersAsync(db, current.Partners, ct),
            DormantReference: reference);
    }

    /// <summary>The trend's last month: the period's, or today's when the period runs on past today (months to come are not a collapse).</summary>
    public static DateOnly TrendEnd(Period period, DateOnly today) => period.IsUnderWay(today) ? today : period.To;

    /// <summary>The day dormancy and digital staff are judged on: the period's last day, or today if the period is not over.</summary>
    internal static DateOnly ReferenceDay(Period period, DateOnly today) => period.To < today ? period.To : today;

    private DateOnly Today() => clock.Today();

    /// <summary>The five partners with the most activities of the territory over the period (its partner rows, already read).</summary>
    private static async Task<IReadOnlyList<PartnerFigures>> TopPartnersAsync(AppDbContext db, IReadOnlyList<FigureRow> partners, CancellationToken ct)
    {
        var top = partners.OrderByDescending(p => p.Activities).ThenBy(p => p.PartnerId).Take(5).ToList();
        if (top.Count == 0)
        {
            return [];
        }
        var names = await DashboardQueries.Of(db).PartnerNames(db, top.Select(t => t.PartnerId).ToArray())
            .ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken: ct);
        return top.Select(t => new PartnerFigures(t.PartnerId, names.GetValueOrDefault(t.PartnerId, "?"), t.Activities)).ToList();
    }
}
