using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Network;

/// <summary>
/// Social centres: list, detail, create, edit, archive. Everyone signed in reads them; writes are limited
/// to the caller's territories, checked here.
/// </summary>
/// <remarks>
/// "Last visit" of a centre: the date of the most recent activity linked to it (ActivityCentre) that is a
/// visit (format Visit) or a support action (type CentreSupport), not deleted, and not in the future
/// (a visit planned next week has not happened yet). Computed in SQL.
/// </remarks>
public sealed class CentreService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock)
{
    public const int RecentActivityCount = 10;

    public async Task<IReadOnlyList<TerritoryOption>> ListTerritoriesAsync(CancellationToken ct = default)
    {
        var user = users.Current;
        NetworkAccess.EnsureCanRead(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var territories = await db.Territories.AsNoTracking().OrderBy(t => t.Number)
            .Select(t => new { t.Id, t.Code, t.Name }).ToListAsync(ct);
        return territories.Select(t => new TerritoryOption(t.Id, t.Code, t.Name, user.CanWriteTerritory(t.Id))).ToList();
    }

    /// <summary>Centres of one territory (not archived), for the member form.</summary>
    public async Task<IReadOnlyList<CentreOption>> ListOptionsAsync(int territoryId, CancellationToken ct = default)
    {
        NetworkAccess.EnsureCanRead(users.Current);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Centres.AsNoTracking()
            .Where(c => c.TerritoryId == territoryId && c.ArchivedAt == null)
            .OrderBy(c => c.Name)
            .Select(c => new CentreOption(c.Id, c.Name, c.Commune, c.TerritoryId))
            .ToListAsync(ct);
    }

    public async Task<PagedResult<CentreRow>> ListAsync(CentreFilter filter, PageRequest page, CancellationToken ct = default)
    {
        NetworkAccess.EnsureCanRead(users.Current);
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = Filtered(db, filter);
        var total = await query.CountAsync(ct);
        var today = clock.Today();
        var rows = query.Select(c => new
        {
            Centre = c,
            TerritoryCode = c.Territory!.Code,
            TerritoryName = c.Territory.Name,
            TerritoryNumber = c.Territory.Number,
            MemberCount = db.Members.Count(m => m.CentreId == c.Id && m.ArchivedAt == null),
            LastVisit = db.ActivityCentres
                .Where(ac => ac.CentreId == c.Id && ac.Activity!.DeletedAt == null && ac.Activity.Date <= today
                    && (ac.Activity.Format == ActivityFormat.Visit || ac.Activity.Type == ActivityType.CentreSupport))
                .Max(ac => (DateOnly?)ac.Activity!.Date),
        });
        // Whitelisted sort keys; the name breaks ties so that pages are stable.
        var sorted = (page.SortBy, page.Descending) switch
        {
            ("commune", false) => rows.OrderBy(r => r.Centre.Commune).ThenBy(r => r.Centre.Name),
            ("commune", true) => rows.OrderByDescending(r => r.Centre.Commune).ThenBy(r => r.Centre.Name),
            ("postcode", false) => rows.OrderBy(r => r.Centre.Postcode).ThenBy(r => r.Centre.Name),
            ("postcode", true) => rows.OrderByDescending(r => r.Centre.Postcode).ThenBy(r => r.Centre.Name),
            ("territory", false) => rows.OrderBy(r => r.TerritoryNumber).ThenBy(r => r.Centre.Name),
            ("territory", true) => rows.OrderByDescending(r => r.TerritoryNumber).ThenBy(r => r.Centre.Name),
            ("status", false) => rows.OrderBy(r => r.Centre.Status).ThenBy(r => r.Centre.Name),
            ("status", true) => rows.OrderByDescending(r => r.Centre.Status).ThenBy(r => r.Centre.Name),
            ("engagedOn", false) => rows.OrderBy(r => r.Centre.EngagedOn).ThenBy(r => r.Centre.Name),
            ("engagedOn", true) => rows.OrderByDescending(r => r.Centre.EngagedOn).ThenBy(r => r.Centre.Name),
            ("members", false) => rows.OrderBy(r => r.MemberCount).ThenBy(r => r.Centre.Name),
            ("members", true) => rows.OrderByDescending(r => r.MemberCount).ThenBy(r => r.Centre.Name),
            ("lastVisit", false) => rows.OrderBy(r => r.LastVisit).ThenBy(r => r.Centre.Name),
            ("lastVisit", true) => rows.OrderByDescending(r => r.LastVisit).ThenBy(r => r.Centre.Name),
            (_, true) => rows.OrderByDescending(r => r.Centre.Name).ThenBy(r => r.Centre.Id),
            _ => rows.OrderBy(r => r.Centre.Name).ThenBy(r => r.Centre.Id),
        };
        var items = await sorted.Skip(page.Skip).Take(page.Take)
            .Select(r => new CentreRow(r.Centre.Id, r.Centre.Name, r.Centre.Commune, r.Centre.Postcode, r.TerritoryCode, r.TerritoryName,
                r.Centre.Status, r.Centre.EngagedOn, r.Centre.IsHostCentre, r.Centre.ArchivedAt, r.MemberCount, r.LastVisit, r.Centre.TerritoryId))
            .ToListAsync(ct);
        return new PagedResult<CentreRow>(items, total);
    }

    /// <summary>The filtered centres, also used by the export.</summary>
    internal static IQueryable<SocialCentre> Filtered(AppDbContext db, CentreFilter filter)
    {
        var query = db.Centres.AsNoTracking();
        if (!filter.IncludeArchived)
        {
            query = query.Where(c => c.ArchivedAt == null);
        }
        if (!string.IsNullOrWhiteSpace(filter.TerritoryCode))
        {
            query = query.Where(c => c.Territory!.Code == filter.TerritoryCode);
        }
        if (filter.Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }
        if (NetworkAccess.LikePattern(filter.Search) is { } pattern)
        {
            query = query.Where(c => EF.Functions.Like(c.Name, pattern, "\\") || EF.Functions.Like(c.Commune, pattern, "\\")
                || EF.Functions.Like(c.Postcode, pattern, "\\"));
        }
        return query;
    }

    public async Task<CentreDetail> GetAsync(int id, CancellationToken ct = default)
    {
        var user = users.Current;
        NetworkAccess.EnsureCanRead(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var centre = await db.Centres.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { Centre = c, c.Territory!.Code, TerritoryName = c.Territory.Name })
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Ce centre n'existe pas.");

        IReadOnlyList<CentreMember> members = [];
        if (user.CanSeeNames)
        {
            members = await db.Members.AsNoTracking().Where(m => m.CentreId == id)
                .OrderBy(m => m.ArchivedAt != null).ThenBy(m => m.LastName).ThenBy(m => m.FirstName)
                .Select(m => new CentreMember(m.Id, m.FirstName + " " + m.LastName, m.Role, m.Email, m.Phone, m.ArchivedAt != null))
                .ToListAsync(ct);
        }

        var linked = db.ActivityCentres.AsNoTracking().Where(ac => ac.CentreId == id && ac.Activity!.DeletedAt == null).Select(ac => ac.Activity!);
        var canSeeNames = user.CanSeeNames;
        var recent = await linked.NewestFirst()
            .Take(RecentActivityCount)
            .Select(a => new CentreActivity(a.Id, a.Date, a.Title, a.Type, a.Format, canSeeNames ? a.Author!.DisplayName : null))
            .ToListAsync(ct);
        var today = clock.Today();
        var lastVisit = await linked
            .Where(a => a.Date <= today && (a.Format == ActivityFormat.Visit || a.Type == ActivityType.CentreSupport))
            .MaxAsync(a => (DateOnly?)a.Date, ct);
        var count = await linked.CountAsync(ct);

        var c = centre.Centre;
        return new CentreDetail(c.Id, ToInput(c), centre.Code, centre.TerritoryName, c.ArchivedAt, user.CanWriteTerritory(c.TerritoryId),
            members, recent, lastVisit, count);
    }

    public async Task<int> CreateAsync(CentreInput input, CancellationToken ct = default)
    {
        var user = users.Current;
        NetworkAccess.EnsureCanWriteSomewhere(user);
        NetworkWrites.EnsureCanWriteChosenTerritory(user, input.TerritoryId);
        await using var db = await factory.CreateDbContextAsync(ct);
        await ValidateAsync(db, input, null, ct);
        var centre = new SocialCentre { Name = "", Commune = "", Postcode = "" };
        Apply(input, centre);
        db.Centres.Add(centre);
        await db.SaveChangesAsync(ct);
        return centre.Id;
    }

    /// <summary>Saves the form over the version it loaded; returns the new version.</summary>
    public async Task<long> UpdateAsync(int id, CentreInput input, CancellationToken ct = default)
    {
        var user = users.Current;
        NetworkAccess.EnsureCanWriteSomewhere(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var centre = await db.Centres.SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("Ce centre n'existe pas.");
        // A move between territories needs both.
        user.EnsureCanWriteTerritory(centre.TerritoryId);
        NetworkWrites.EnsureCanWriteChosenTerritory(user, input.TerritoryId);
        await ValidateAsync(db, input, id, ct);
        db.Entry(centre).Property(c => c.Version).OriginalValue = input.Version;
        var moved = centre.TerritoryId != input.TerritoryId;
        Apply(input, centre);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveOrConflictAsync(ct);
        if (moved)
        {
            // The centre's monthly aggregates are filed under its territory: follow the move.
            await db.CentreMonthStats.Where(s => s.CentreId == id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.TerritoryId, centre.TerritoryId), ct);
        }
        await transaction.CommitAsync(ct);
        return centre.Version;
    }

    public Task SetArchivedAsync(int id, bool archived, CancellationToken ct = default) =>
        NetworkWrites.SetArchivedAsync<SocialCentre>(factory, users.Current, clock, id, archived, "Ce centre n'existe pas.",
            (user, centre) => user.EnsureCanWriteTerritory(centre.TerritoryId), ct);

    internal static CentreInput ToInput(SocialCentre c) => new()
    {
        Name = c.Name,
        Commune = c.Commune,
        Postcode = c.Postcode,
        Address = c.Address,
        TerritoryId = c.TerritoryId,
        Status = c.Status,
        CandidateSince = c.CandidateSince,
        EngagedOn = c.EngagedOn,
        WithdrawnOn = c.WithdrawnOn,
        IsHostCentre = c.IsHostCentre,
        Version = c.Version,
    };

    internal static void Apply(CentreInput input, SocialCentre centre)
    {
        centre.Name = input.Name.Trim();
        centre.Commune = input.Commune.Trim();
        centre.Postcode = input.Postcode.Trim();
        centre.Address = NetworkRules.Clean(input.Address);
        centre.TerritoryId = input.TerritoryId;
        centre.Status = input.Status;
        centre.CandidateSince = input.CandidateSince;
        centre.EngagedOn = input.EngagedOn;
        centre.WithdrawnOn = input.WithdrawnOn;
        centre.IsHostCentre = input.IsHostCentre;
    }

    private static async Task ValidateAsync(AppDbContext db, CentreInput input, int? id, CancellationToken ct)
    {
        var errors = NetworkRules.Validate(input);
        await NetworkWrites.AddIfTerritoryMissingAsync(db, errors, input.TerritoryId, ct);
        if (!string.IsNullOrWhiteSpace(input.Name) && !string.IsNullOrWhiteSpace(input.Commune))
        {
            var key = DuplicateKeys.Centre(input.Name, input.Commune);
            var others = await db.Centres.AsNoTracking().Where(c => c.Id != id).Select(c => new { c.Name, c.Commune }).ToListAsync(ct);
            if (others.Any(o => DuplicateKeys.Centre(o.Name, o.Commune) == key))
            {
                errors.Add(nameof(input.Name), "Un centre de ce nom existe déjà dans cette commune.");
            }
        }
        errors.ThrowIfAny();
    }
}
