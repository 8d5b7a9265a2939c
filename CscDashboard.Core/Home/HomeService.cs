using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

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

public sealed partial class HomeService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock,
    Compliance.ComplianceService compliance)
{
    public async Task<HomeSummary> GetSummaryAsync(CancellationToken ct = default)
    {
        var user = users.Current;
        if (!user.IsAuthenticated)
        {
            throw new ScopeViolationException("Veuillez vous connecter.");
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        // A coordinator's home shows their own territories; everyone else sees the federation.
        var scoped = user.IsCoordinator && !user.HasFederationScope && user.TerritoryIds.Count > 0;
        var ids = user.TerritoryIds.ToList();

        var territories = db.Territories.AsNoTracking().Where(t => !scoped || ids.Contains(t.Id));
        var centres = db.Centres.AsNoTracking().Where(c => c.ArchivedAt == null && (!scoped || ids.Contains(c.TerritoryId)));
        var members = db.Members.AsNoTracking().Where(m => m.ArchivedAt == null && (!scoped || ids.Contains(m.TerritoryId)));
        var partners = db.Partners.AsNoTracking().Where(p => p.ArchivedAt == null && (!scoped || p.TerritoryId == null || ids.Contains(p.TerritoryId.Value)));
        var activities = db.Activities.AsNoTracking().Where(a => a.DeletedAt == null && (!scoped || ids.Contains(a.TerritoryId)));

        var today = clock.Today();
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var thisMonth = activities.Where(a => a.Date >= monthStart && a.Date <= today);

        var centresByTerritory = await centres.GroupBy(c => c.TerritoryId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var membersByTerritory = await members.GroupBy(m => m.TerritoryId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var activitiesByTerritory = await activities.GroupBy(a => a.TerritoryId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var territoryRows = await territories.OrderBy(t => t.Number)
            .Select(t => new { t.Id, t.Code, t.Name, Sector = t.Sector!.Name })
            .ToListAsync(ct);

        var figures = territoryRows.Select(t => new TerritoryFigure(
            t.Id, t.Code, t.Name, t.Sector,
            centresByTerritory.GetValueOrDefault(t.Id),
            membersByTerritory.GetValueOrDefault(t.Id),
            activitiesByTerritory.GetValueOrDefault(t.Id))).ToList();

        var monthMinutes = await thisMonth.SumAsync(a => (int?)a.DurationMinutes, ct) ?? 0;
        return new HomeSummary(
            ScopeLabel: scoped ? string.Join(", ", figures.Select(f => f.Name)) : "Toute la fédération",
            Territories: figures.Count,
            EngagedCentres: await centres.CountAsync(c => c.Status == Network.CentreStatus.Engaged, ct),
            Centres: centresByTerritory.Values.Sum(),
            Members: membersByTerritory.Values.Sum(),
            Partners: await partners.CountAsync(ct),
            Activities: activitiesByTerritory.Values.Sum(),
            ActivitiesThisMonth: await thisMonth.CountAsync(ct),
            HoursThisMonth: Math.Round(monthMinutes / 60.0, 1),
            TerritoryFigures: figures,
            IsDemoData: await db.SystemSettings.AnyAsync(s => s.Key == SystemSetting.DemoDataSeededAt, ct));
    }
}
