using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.OpenData;

/// <summary>Who sees people's names (and free text that may hold them) through the read API (ADR 026).</summary>
public static class OpenDataAccess
{
    /// <summary>
    /// The project lead and the administrator everywhere; a coordinator (or a coordinator's token) only in their own
    /// territories — the API is narrower than the pages here: what leaves the application names no one of another
    /// territory; the committee nowhere. <paramref name="territoryId"/> null: federation-wide data.
    /// </summary>
    public static bool SeesNamesIn(CurrentUser user, int? territoryId) =>
        user.CanSeeNames && (user.HasFederationScope || (territoryId is { } id && user.TerritoryIds.Contains(id)));
}

/// <summary>
/// The activity log for the read API: the filters and read rules of <c>/activities</c> (<see cref="ActivityQueries"/>:
/// staff only, the trash for the project lead, "mine" as the caller), newest first, pages of up to 500, with the
/// centres, workstreams and partners of each row read by key for the page only. Names per <see cref="OpenDataAccess"/>.
/// </summary>
public sealed class OpenActivities(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users)
{
    public async Task<ApiList<ActivityItem>> ListAsync(ActivityFilter filter, ApiPage page, CancellationToken ct = default)
    {
        var user = users.Current;
        if (!user.CanReadActivities)
        {
            throw new ScopeViolationException("Le journal d'activités n'est pas accessible avec votre rôle.");
        }
        if (filter.Deleted && !user.HasFederationScope)
        {
            throw new ScopeViolationException("La corbeille est réservée à la cheffe de projet.");
        }
        filter = ActivityQueries.ForCaller(filter, user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = ActivityQueries.Filter(db.Activities.AsNoTracking(), filter);
        var total = await query.CountAsync(ct);
        var rows = await query.NewestFirst().Skip(page.Skip).Take(page.Take)
            .Select(a => new
            {
                a.Id, a.Date, a.StartTime, a.DurationMinutes, a.TerritoryId, a.Territory!.Code, TerritoryName = a.Territory.Name, a.Type, a.Format, a.Place,
                a.Title, Author = a.Author!.DisplayName, a.InhabitantCount, a.ProfessionalCount, a.VolunteerCount, a.PartnerCount, a.IsHighlight,
                a.Notes, a.FollowUp,
            }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var centres = (await db.ActivityCentres.AsNoTracking().Where(l => ids.Contains(l.ActivityId)).OrderBy(l => l.Centre!.Name)
            .Select(l => new { l.ActivityId, l.Centre!.Name }).ToListAsync(ct)).ToLookup(l => l.ActivityId, l => l.Name);
        var workstreams = (await db.ActivityWorkstreams.AsNoTracking().Where(l => ids.Contains(l.ActivityId)).OrderBy(l => l.WorkstreamId)
            .Select(l => new { l.ActivityId, l.Workstream!.ShortName }).ToListAsync(ct)).ToLookup(l => l.ActivityId, l => l.ShortName);
        var partners = (await db.ActivityPartners.AsNoTracking().Where(l => ids.Contains(l.ActivityId)).OrderBy(l => l.Partner!.Name)
            .Select(l => new { l.ActivityId, l.Partner!.Name }).ToListAsync(ct)).ToLookup(l => l.ActivityId, l => l.Name);
        var items = rows.Select(r =>
        {
            var names = OpenDataAccess.SeesNamesIn(user, r.TerritoryId);
            return new ActivityItem(r.Id, r.Date, r.StartTime, r.DurationMinutes, r.Code, r.TerritoryName,
                r.Type, FrenchLabels.Of(r.Type), r.Format, FrenchLabels.Of(r.Format), r.Place, FrenchLabels.Of(r.Place), r.Title,
                names ? r.Author : null, [.. centres[r.Id]], [.. workstreams[r.Id]], [.. partners[r.Id]],
                r.InhabitantCount, r.ProfessionalCount, r.VolunteerCount, r.PartnerCount, r.IsHighlight,
                names ? r.Notes : null, names ? r.FollowUp : null);
        }).ToList();
        return new ApiList<ActivityItem>(Math.Max(1, page.Number), page.Take, total, items);
    }
}
