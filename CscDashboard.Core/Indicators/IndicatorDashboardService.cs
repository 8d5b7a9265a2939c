using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Indicators;

/// <summary>
/// The "Indicateurs et cibles" sections of the dashboards and of the coordinator's home, checked for the caller's role
/// like the dashboards they sit in: the operation's for every signed-in role (the committee too: figures, no names),
/// a territory's for staff. Figures: <see cref="IndicatorFigures"/>.
/// </summary>
public sealed class IndicatorDashboardService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock)
{
    public const string FederationLabel = "Toute la fédération";

    /// <summary>The operation's indicators (the operation the period falls in) and the period's breakdown of the inhabitants reached.</summary>
    public async Task<IndicatorSection> GetOverviewAsync(Period period, CancellationToken ct = default)
    {
        if (!users.Current.IsAuthenticated)
        {
            throw new ScopeViolationException("Veuillez vous connecter.");
        }
        await using var db = await factory.CreateOpenedDbContextAsync(ct);
        var today = Today();
        var catalogue = await IndicatorCatalogueData.LoadAsync(db, period, today, null, ct);
        return await IndicatorFigures.BuildAsync(db, catalogue, null, FederationLabel, period, today, ct);
    }

    public async Task<IndicatorSection> GetTerritoryAsync(string code, Period period, CancellationToken ct = default)
    {
        if (!users.Current.CanReadActivities)
        {
            throw new ScopeViolationException("Le tableau de bord d'un territoire n'est pas accessible avec votre rôle.");
        }
        await using var db = await factory.CreateOpenedDbContextAsync(ct);
        var territory = await DashboardQueries.Of(db).TerritoryByCode(db, code, ct)
            ?? throw new NotFoundException($"Le territoire « {code} » n'existe pas.");
        var today = Today();
        var catalogue = await IndicatorCatalogueData.LoadAsync(db, period, today, territory.Id, ct);
        return await IndicatorFigures.BuildAsync(db, catalogue, territory.Id, territory.Name, period, today, ct);
    }

    /// <summary>
    /// The caller's own territories (a coordinator's), each with its indicators since the start of the operation under way
    /// today; empty for the other roles, whose home covers the whole federation.
    /// </summary>
    public async Task<IReadOnlyList<TerritoryIndicators>> GetMyTerritoriesAsync(CancellationToken ct = default)
    {
        var user = users.Current;
        if (!user.IsAuthenticated)
        {
            throw new ScopeViolationException("Veuillez vous connecter.");
        }
        if (!user.IsCoordinator || user.HasFederationScope || user.TerritoryIds.Count == 0)
        {
            return [];
        }
        await using var db = await factory.CreateOpenedDbContextAsync(ct);
        var today = Today();
        var ids = user.TerritoryIds.ToList();
        var territories = await db.Territories.AsNoTracking().Where(t => ids.Contains(t.Id)).OrderBy(t => t.Number)
            .Select(t => new TerritoryRef(t.Id, t.Code, t.Name)).ToListAsync(ct);
        var operation = await db.Operations.AsNoTracking().Where(o => o.StartDate <= today && o.EndDate >= today)
            .OrderBy(o => o.StartDate).Select(o => new { o.Code, o.StartDate, o.EndDate }).FirstOrDefaultAsync(ct);
        if (operation is null)
        {
            return [];
        }
        // From the operation's first day to today: the period and "since the start" are the same days, read once.
        var sinceStart = Period.Custom(operation.StartDate, today);
        var result = new List<TerritoryIndicators>();
        foreach (var territory in territories)
        {
            var catalogue = await IndicatorCatalogueData.LoadAsync(db, sinceStart, today, territory.Id, ct);
            result.Add(new TerritoryIndicators(territory.Code, territory.Name,
                await IndicatorFigures.BuildAsync(db, catalogue, territory.Id, territory.Name, sinceStart, today, ct)));
        }
        return result;
    }

    private DateOnly Today() => clock.Today();
}
