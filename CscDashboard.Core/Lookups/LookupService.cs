using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Network;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Lookups;

public sealed record TerritoryItem(int Id, string Code, string Name);

/// <summary>A centre the caller may link an activity to, with its territory (the offline entry's list, ADR 032).</summary>
public sealed record EntryCentre(int Id, string Name, int TerritoryId);

/// <summary>
/// Small lists for pickers and filters (search-as-you-type), limited in size and computed in SQL. Centres and
/// partners are the directory's: for signed-in callers, like <see cref="CentreService"/>.
/// </summary>
public sealed class LookupService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users)
{
    public const int MaxResults = 20;

    public async Task<IReadOnlyList<TerritoryItem>> TerritoriesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Territories.AsNoTracking().OrderBy(t => t.Number).Select(t => new TerritoryItem(t.Id, t.Code, t.Name)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<NamedItem>> WorkstreamsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Workstreams.AsNoTracking().OrderBy(w => w.Number).Select(w => new NamedItem(w.Id, w.ShortName)).ToListAsync(ct);
    }

    /// <summary>The age bands and publics of the inhabitants' breakdown (reference data), age bands first.</summary>
    public async Task<IReadOnlyList<Indicators.AudienceGroupRow>> AudienceGroupsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Indicators.IndicatorCatalogueData.AudienceGroupsAsync(db, ct);
    }

    /// <summary>Active centres, those of <paramref name="territoryId"/> first, whose name or commune contains the text.</summary>
    public async Task<IReadOnlyList<NamedItem>> SearchCentresAsync(string? text, int? territoryId, CancellationToken ct = default)
    {
        NetworkAccess.EnsureCanRead(users.Current);
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.Centres.AsNoTracking().Where(c => c.ArchivedAt == null);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var pattern = Like(text);
            query = query.Where(c => EF.Functions.Like(c.Name, pattern, "\\") || EF.Functions.Like(c.Commune, pattern, "\\"));
        }
        return await query
            .OrderBy(c => c.TerritoryId == territoryId ? 0 : 1).ThenBy(c => c.Name)
            .Take(MaxResults)
            .Select(c => new NamedItem(c.Id, c.Name + " (" + c.Commune + ")"))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Every active centre of the territories the caller writes activities in (a coordinator's own; all of them for the
    /// project lead and the admin), for the offline entry page, which keeps the list on the phone (ADR 032).
    /// </summary>
    public async Task<IReadOnlyList<EntryCentre>> EntryCentresAsync(CancellationToken ct = default)
    {
        var user = users.Current;
        if (!user.CanReadActivities)
        {
            throw new ScopeViolationException("La saisie d'activités n'est pas accessible avec votre rôle.");
        }
        var all = user.HasFederationScope;
        var territories = user.TerritoryIds.ToList();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Centres.AsNoTracking()
            .Where(c => c.ArchivedAt == null && (all || territories.Contains(c.TerritoryId)))
            .OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Select(c => new EntryCentre(c.Id, c.Name + " (" + c.Commune + ")", c.TerritoryId))
            .ToListAsync(ct);
    }

    /// <summary>Active partners of the territory and federation-wide ones whose name contains the text.</summary>
    public async Task<IReadOnlyList<NamedItem>> SearchPartnersAsync(string? text, int? territoryId, CancellationToken ct = default)
    {
        NetworkAccess.EnsureCanRead(users.Current);
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.Partners.AsNoTracking().Where(p => p.ArchivedAt == null);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var pattern = Like(text);
            query = query.Where(p => EF.Functions.Like(p.Name, pattern, "\\"));
        }
        return await query
            .OrderBy(p => p.TerritoryId == territoryId ? 0 : p.TerritoryId == null ? 1 : 2).ThenBy(p => p.Name)
            .Take(MaxResults)
            .Select(p => new NamedItem(p.Id, p.Name))
            .ToListAsync(ct);
    }

    /// <summary>Authors of activities (coordinators, project lead), for the list filter; names are hidden from the committee.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> AuthorsAsync(CancellationToken ct = default)
    {
        if (!users.Current.CanSeeNames)
        {
            return [];
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var authors = await db.Users.AsNoTracking()
            .Where(u => db.Activities.Any(a => a.AuthorId == u.Id))
            .OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName })
            .ToListAsync(ct);
        return authors.Select(a => (a.Id, a.DisplayName)).ToList();
    }

    public static string Like(string text) =>
        "%" + text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
