using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Operations;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Activities;

/// <summary>Reads of the activity log: the filtered list, one activity, my week, the entry defaults.</summary>
public sealed class ActivityQueries(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock)
{
    public async Task<PagedResult<ActivityRow>> ListAsync(ActivityFilter filter, PageRequest page, CancellationToken ct = default)
    {
        var user = EnsureCanRead();
        if (filter.Deleted && !user.HasFederationScope)
        {
            throw new ScopeViolationException("La corbeille est réservée à la cheffe de projet.");
        }
        filter = ForCaller(filter, user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = Filter(db.Activities.AsNoTracking(), filter);
        var total = await query.CountAsync(ct);
        var rows = await ReadRowsAsync(db, Sort(query, page).Skip(page.Skip).Take(page.Take), user.CanSeeNames, ct);
        return new PagedResult<ActivityRow>(rows, total);
    }

    /// <summary>"Mes activités" becomes the caller's own id; an account-less caller (a job) has none: an id no author has.</summary>
    internal static ActivityFilter ForCaller(ActivityFilter filter, CurrentUser user) =>
        filter.Mine ? filter with { AuthorId = user.UserId ?? "-" } : filter;

    /// <summary>My activities from Monday to Sunday of the week holding <paramref name="day"/>, grouped by day.</summary>
    public async Task<WeekView> GetWeekAsync(DateOnly day, CancellationToken ct = default)
    {
        var user = EnsureCanRead();
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        var sunday = monday.AddDays(6);
        await using var db = await factory.CreateDbContextAsync(ct);
        var mine = db.Activities.AsNoTracking()
            .Where(a => a.AuthorId == user.UserId && a.DeletedAt == null && a.Date >= monday && a.Date <= sunday)
            .Chronological();
        var rows = await ReadRowsAsync(db, mine, user.CanSeeNames, ct);
        var days = Enumerable.Range(0, 7).Select(i => monday.AddDays(i))
            .Select(d => new DayGroup(d, rows.Where(r => r.Date == d).ToList())).ToList();
        return new WeekView(monday, days);
    }

    public async Task<ActivityDetail> GetAsync(int id, CancellationToken ct = default)
    {
        var user = EnsureCanRead();
        await using var db = await factory.CreateDbContextAsync(ct);
        // The links are read by activity key, each in its own query: projected with the activity, they made SQLite
        // join every link of the database first (3 s on the national database).
        var a = await db.Activities.AsNoTracking().Where(x => x.Id == id)
            .Select(x => new { Activity = x, Territory = x.Territory!.Name, Author = x.Author!.DisplayName, Operation = x.Operation!.Code })
            .SingleOrDefaultAsync(ct);
        if (a is null || (a.Activity.DeletedAt is not null && !user.HasFederationScope))
        {
            throw new NotFoundException("Cette activité n'existe pas ou a été supprimée.");
        }
        var centres = await db.ActivityCentres.AsNoTracking().Where(l => l.ActivityId == id).OrderBy(l => l.CentreId)
            .Select(l => new NamedItem(l.CentreId, l.Centre!.Name)).ToListAsync(ct);
        var workstreams = await db.ActivityWorkstreams.AsNoTracking().Where(l => l.ActivityId == id).OrderBy(l => l.WorkstreamId)
            .Select(l => new NamedItem(l.WorkstreamId, l.Workstream!.ShortName)).ToListAsync(ct);
        var partners = await db.ActivityPartners.AsNoTracking().Where(l => l.ActivityId == id).OrderBy(l => l.PartnerId)
            .Select(l => new NamedItem(l.PartnerId, l.Partner!.Name)).ToListAsync(ct);
        var audience = (await db.ActivityAudiences.AsNoTracking().Where(l => l.ActivityId == id)
                .Select(l => new { l.AudienceGroupId, l.Count, l.AudienceGroup!.Name, l.AudienceGroup.Kind, l.AudienceGroup.Number }).ToListAsync(ct))
            .OrderBy(l => l.Kind).ThenBy(l => l.Number).ToList();
        var x = a.Activity;
        var input = new ActivityInput
        {
            Date = x.Date, StartTime = x.StartTime, DurationMinutes = x.DurationMinutes, TerritoryId = x.TerritoryId,
            Type = x.Type, Format = x.Format, Place = x.Place, Title = x.Title, Notes = x.Notes,
            InhabitantCount = x.InhabitantCount, ProfessionalCount = x.ProfessionalCount, VolunteerCount = x.VolunteerCount,
            PartnerCount = x.PartnerCount, IsHighlight = x.IsHighlight, FollowUp = x.FollowUp,
            CentreIds = centres.Select(c => c.Id).ToList(),
            WorkstreamIds = workstreams.Select(w => w.Id).ToList(),
            PartnerIds = partners.Select(p => p.Id).ToList(),
            Audience = audience.Select(l => new Indicators.AudienceCount(l.AudienceGroupId, l.Count)).ToList(),
        };
        return new ActivityDetail(x.Id, input, x.Version, a.Territory, user.CanSeeNames ? a.Author : null, a.Operation,
            centres, workstreams, partners, x.IsEvening, x.IsWeekend, x.CreatedAt, x.UpdatedAt, x.UpdatedBy, x.DeletedAt,
            CanEdit: x.DeletedAt is null && user.CanWriteTerritory(x.TerritoryId),
            CanRestore: x.DeletedAt is not null && user.HasFederationScope)
        {
            Audience = audience.Select(l => new Indicators.AudienceShare(l.Name, l.Kind, l.Count, x.InhabitantCount == 0 ? 0 : (double)l.Count / x.InhabitantCount)).ToList(),
        };
    }

    /// <summary>"Log again": an earlier activity's content (with its centres and partners), dated today.</summary>
    public async Task<ActivityDetail> GetCopyAsync(int id, CancellationToken ct = default)
    {
        var detail = await GetAsync(id, ct);
        return detail with { Input = detail.Input with { Date = clock.Today() } };
    }

    /// <summary>Today, my territory (the one I last logged in, when I have several) and my last type, format and place.</summary>
    public async Task<EntryDefaults> GetEntryDefaultsAsync(CancellationToken ct = default)
    {
        var user = EnsureCanRead();
        await using var db = await factory.CreateDbContextAsync(ct);
        var territories = await db.Territories.AsNoTracking().OrderBy(t => t.Number)
            .Where(t => user.HasFederationScope || user.TerritoryIds.Contains(t.Id))
            .Select(t => new NamedItem(t.Id, t.Name)).ToListAsync(ct);
        var last = await db.Activities.AsNoTracking().Where(a => a.AuthorId == user.UserId && a.DeletedAt == null)
            .OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id)
            .Select(a => new { a.TerritoryId, a.Type, a.Format, a.Place }).FirstOrDefaultAsync(ct);
        var operations = await db.OperationPeriodsAsync(ct);
        var territoryId = last is not null && territories.Any(t => t.Id == last.TerritoryId)
            ? last.TerritoryId
            : territories.Count > 0 && !user.HasFederationScope ? territories[0].Id : (int?)null;
        return new EntryDefaults(clock.Today(), territories, territoryId,
            last?.Type ?? ActivityType.CentreSupport, last?.Format ?? ActivityFormat.Visit, last?.Place ?? ActivityPlace.InCentre,
            operations);
    }

    private CurrentUser EnsureCanRead()
    {
        var user = users.Current;
        if (!user.CanReadActivities)
        {
            throw new ScopeViolationException("Le journal d'activités n'est pas accessible avec votre rôle.");
        }
        return user;
    }

    internal static IQueryable<Activity> Filter(IQueryable<Activity> query, ActivityFilter filter)
    {
        query = filter.Deleted ? query.Where(a => a.DeletedAt != null) : query.Where(a => a.DeletedAt == null);
        if (filter.From is { } from)
        {
            query = query.Where(a => a.Date >= from);
        }
        if (filter.To is { } to)
        {
            query = query.Where(a => a.Date <= to);
        }
        if (filter.TerritoryId is { } territory)
        {
            query = query.Where(a => a.TerritoryId == territory);
        }
        if (filter.CentreId is { } centre)
        {
            query = query.Where(a => a.Centres.Any(c => c.CentreId == centre));
        }
        if (filter.Type is { } type)
        {
            query = query.Where(a => a.Type == type);
        }
        if (filter.WorkstreamId is { } workstream)
        {
            query = query.Where(a => a.Workstreams.Any(w => w.WorkstreamId == workstream));
        }
        if (!string.IsNullOrEmpty(filter.AuthorId))
        {
            query = query.Where(a => a.AuthorId == filter.AuthorId);
        }
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var pattern = Lookups.LookupService.Like(filter.Text);
            query = query.Where(a => EF.Functions.Like(a.Title, pattern, "\\") || (a.Notes != null && EF.Functions.Like(a.Notes, pattern, "\\")));
        }
        return query;
    }

    /// <summary>Sort keys are whitelisted; anything else falls back to the newest first.</summary>
    private static IQueryable<Activity> Sort(IQueryable<Activity> query, PageRequest page) => (page.SortBy, page.Descending) switch
    {
        ("date", false) => query.Chronological(),
        ("duration", false) => query.OrderBy(a => a.DurationMinutes).ThenBy(a => a.Id),
        ("duration", true) => query.OrderByDescending(a => a.DurationMinutes).ThenByDescending(a => a.Id),
        ("title", false) => query.OrderBy(a => a.Title).ThenBy(a => a.Id),
        ("title", true) => query.OrderByDescending(a => a.Title).ThenByDescending(a => a.Id),
        ("territory", false) => query.OrderBy(a => a.Territory!.Number).ThenByDescending(a => a.Date),
        ("territory", true) => query.OrderByDescending(a => a.Territory!.Number).ThenByDescending(a => a.Date),
        ("type", false) => query.OrderBy(a => a.Type).ThenByDescending(a => a.Date),
        ("type", true) => query.OrderByDescending(a => a.Type).ThenByDescending(a => a.Date),
        ("author", false) => query.OrderBy(a => a.Author!.DisplayName).ThenByDescending(a => a.Date),
        ("author", true) => query.OrderByDescending(a => a.Author!.DisplayName).ThenByDescending(a => a.Date),
        _ => query.NewestFirst(),
    };

    /// <summary>
    /// The rows of <paramref name="query"/> (already sorted and paged), then their centres' names by activity key in a
    /// second query. Projecting the centres in the first query made SQLite join every activity-centre link of the
    /// database before keeping the page's rows: 3 to 5 s per page on the national database.
    /// </summary>
    private static async Task<List<ActivityRow>> ReadRowsAsync(AppDbContext db, IQueryable<Activity> query, bool withNames, CancellationToken ct)
    {
        var rows = await query.Select(a => new
        {
            a.Id, a.Date, a.StartTime, a.DurationMinutes, a.Territory!.Code, a.Territory.Name, a.Type, a.Title,
            Author = withNames ? a.Author!.DisplayName : null,
            Participants = a.InhabitantCount + a.ProfessionalCount + a.VolunteerCount + a.PartnerCount,
            a.IsHighlight,
            IsDeleted = a.DeletedAt != null,
        }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var centres = (await db.ActivityCentres.AsNoTracking().Where(ac => ids.Contains(ac.ActivityId))
                .OrderBy(ac => ac.ActivityId).ThenBy(ac => ac.CentreId)
                .Select(ac => new { ac.ActivityId, ac.Centre!.Name })
                .ToListAsync(ct))
            .ToLookup(c => c.ActivityId, c => c.Name);
        return [.. rows.Select(r => new ActivityRow(r.Id, r.Date, r.StartTime, r.DurationMinutes, r.Code, r.Name, r.Type, r.Title, r.Author,
            [.. centres[r.Id]], r.Participants, r.IsHighlight, r.IsDeleted))];
    }
}
