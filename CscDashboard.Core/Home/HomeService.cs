using CscDashboard.Core.Common;
using CscDashboard.Core.Compliance;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Home;

/// <summary>
/// The home page: the figures in the caller's scope (<see cref="GetSummaryAsync"/>) and, for those who log
/// activities, the action hub (<see cref="GetActionsAsync"/>).
/// </summary>
public sealed class HomeService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock,
    ComplianceService compliance, Closing.MonthCloseQueries closing)
{
    public const int RecentCount = 5;

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

    /// <summary>
    /// The action hub of the home page; coordinators, project lead and admin only (the log readers). An account-less
    /// caller (a job) has no week and no entries of its own.
    /// </summary>
    public async Task<HomeActions> GetActionsAsync(CancellationToken ct = default)
    {
        var user = users.Current;
        if (!user.CanReadActivities)
        {
            throw new ScopeViolationException("Le journal d'activités n'est pas accessible avec votre rôle.");
        }
        var today = clock.Today();
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var sunday = monday.AddDays(6);

        await using var db = await factory.CreateDbContextAsync(ct);
        var mine = db.Activities.AsNoTracking().Where(a => a.AuthorId == user.UserId && a.DeletedAt == null);
        var week = mine.Where(a => a.Date >= monday && a.Date <= sunday);
        var weekMinutes = await week.SumAsync(a => (int?)a.DurationMinutes, ct) ?? 0;
        var weekEntries = await week.CountAsync(ct);
        // Latest entered first, as the entry form's "last type" default reads them.
        var recent = await mine.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(RecentCount)
            .Select(a => new RecentEntry(a.Id, a.Date, a.Title, a.DurationMinutes))
            .ToListAsync(ct);

        // The compliance page's default operation: the one holding today, else the latest.
        var operation = await db.Operations.AsNoTracking()
            .OrderByDescending(o => o.StartDate <= today && o.EndDate >= today).ThenByDescending(o => o.StartDate)
            .Select(o => new { o.Id, o.Code })
            .FirstOrDefaultAsync(ct);
        var owed = 0;
        if (operation is not null)
        {
            // The same count as the to-do list, scoped to the caller's territories by ComplianceService.
            var completeness = await compliance.CompletenessAsync(new ComplianceQuery(operation.Id), ct);
            owed = completeness.Sum(c => c.Missing);
        }
        return new HomeActions(monday, weekMinutes, weekEntries, recent, owed, operation?.Code,
            user.UserId is null ? [] : await closing.NoticesAsync(ct));
    }
}
