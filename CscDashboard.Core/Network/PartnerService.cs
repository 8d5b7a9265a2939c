using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Network;

/// <summary>
/// Partners of a territory or of the whole federation (the latter written by the project lead only).
/// </summary>
public sealed class PartnerService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock)
{
    /// <summary>The value of <see cref="PartnerFilter.TerritoryCode"/> that selects federation-wide partners.</summary>
    public const string FederationCode = "federation";

    public async Task<PagedResult<PartnerRow>> ListAsync(PartnerFilter filter, PageRequest page, CancellationToken ct = default)
    {
        var user = users.Current;
        NetworkAccess.EnsureCanRead(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = Filtered(db, filter);
        var total = await query.CountAsync(ct);
        var sorted = (page.SortBy, page.Descending) switch
        {
            ("kind", false) => query.OrderBy(p => p.Kind).ThenBy(p => p.Name),
            ("kind", true) => query.OrderByDescending(p => p.Kind).ThenBy(p => p.Name),
            ("territory", false) => query.OrderBy(p => p.Territory!.Number).ThenBy(p => p.Name),
            ("territory", true) => query.OrderByDescending(p => p.Territory!.Number).ThenBy(p => p.Name),
            ("contact", false) => query.OrderBy(p => p.ContactName).ThenBy(p => p.Name),
            ("contact", true) => query.OrderByDescending(p => p.ContactName).ThenBy(p => p.Name),
            ("committee", false) => query.OrderBy(p => p.IsCommitteeMember).ThenBy(p => p.Name),
            ("committee", true) => query.OrderByDescending(p => p.IsCommitteeMember).ThenBy(p => p.Name),
            (_, true) => query.OrderByDescending(p => p.Name).ThenBy(p => p.Id),
            _ => query.OrderBy(p => p.Name).ThenBy(p => p.Id),
        };
        var items = await sorted.Skip(page.Skip).Take(page.Take)
            .Select(p => new PartnerRow(p.Id, p.Name, p.Kind, p.TerritoryId, p.Territory!.Code, p.Territory.Name,
                p.ContactName, p.ContactEmail, p.ContactPhone, p.IsCommitteeMember, p.ArchivedAt))
            .ToListAsync(ct);
        if (!user.CanSeeNames)
        {
            // Contacts are people: the committee sees organisations only.
            items = items.Select(p => p with { ContactName = null, ContactEmail = null, ContactPhone = null }).ToList();
        }
        return new PagedResult<PartnerRow>(items, total);
    }

    internal static IQueryable<Partner> Filtered(AppDbContext db, PartnerFilter filter)
    {
        var query = db.Partners.AsNoTracking();
        if (!filter.IncludeArchived)
        {
            query = query.Where(p => p.ArchivedAt == null);
        }
        if (filter.TerritoryCode == FederationCode)
        {
            query = query.Where(p => p.TerritoryId == null);
        }
        else if (!string.IsNullOrWhiteSpace(filter.TerritoryCode))
        {
            query = query.Where(p => p.Territory!.Code == filter.TerritoryCode);
        }
        if (filter.Kind is { } kind)
        {
            query = query.Where(p => p.Kind == kind);
        }
        if (filter.CommitteeMember is { } committee)
        {
            query = query.Where(p => p.IsCommitteeMember == committee);
        }
        if (NetworkAccess.LikePattern(filter.Search) is { } pattern)
        {
            query = query.Where(p => EF.Functions.Like(p.Name, pattern, "\\") || EF.Functions.Like(p.ContactName, pattern, "\\")
                || EF.Functions.Like(p.ContactEmail, pattern, "\\"));
        }
        return query;
    }

    public async Task<PartnerDetail> GetAsync(int id, CancellationToken ct = default)
    {
        var user = users.Current;
        NetworkAccess.EnsureCanRead(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var found = await db.Partners.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { Partner = p, TerritoryName = p.Territory!.Name })
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Ce partenaire n'existe pas.");
        var p = found.Partner;
        var input = ToInput(p);
        if (!user.CanSeeNames)
        {
            input = input with { ContactName = null, ContactEmail = null, ContactPhone = null };
        }
        return new PartnerDetail(p.Id, input, found.TerritoryName, p.ArchivedAt, CanWrite(user, p.TerritoryId));
    }

    public async Task<int> CreateAsync(PartnerInput input, CancellationToken ct = default)
    {
        var user = users.Current;
        NetworkAccess.EnsureCanWriteSomewhere(user);
        if (input.TerritoryId is { } territoryId)
        {
            user.EnsureCanWriteTerritory(territoryId);
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        await ValidateAsync(db, input, user, null, ct);
        var partner = new Partner { Name = "" };
        Apply(input, partner);
        db.Partners.Add(partner);
        await db.SaveChangesAsync(ct);
        return partner.Id;
    }

    public async Task<long> UpdateAsync(int id, PartnerInput input, CancellationToken ct = default)
    {
        var user = users.Current;
        NetworkAccess.EnsureCanWriteSomewhere(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var partner = await db.Partners.SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Ce partenaire n'existe pas.");
        EnsureCanWrite(user, partner.TerritoryId);
        if (input.TerritoryId is { } territoryId)
        {
            user.EnsureCanWriteTerritory(territoryId);
        }
        await ValidateAsync(db, input, user, id, ct);
        db.Entry(partner).Property(p => p.Version).OriginalValue = input.Version;
        Apply(input, partner);
        await db.SaveOrConflictAsync(ct);
        return partner.Version;
    }

    public Task SetArchivedAsync(int id, bool archived, CancellationToken ct = default) =>
        NetworkWrites.SetArchivedAsync<Partner>(factory, users.Current, clock, id, archived, "Ce partenaire n'existe pas.",
            (user, partner) => EnsureCanWrite(user, partner.TerritoryId), ct);

    public static bool CanWrite(CurrentUser user, int? territoryId) =>
        territoryId is { } id ? user.CanWriteTerritory(id) : user.CanWriteFederation;

    private static void EnsureCanWrite(CurrentUser user, int? territoryId)
    {
        if (territoryId is { } id)
        {
            user.EnsureCanWriteTerritory(id);
        }
        else
        {
            user.EnsureCanWriteFederation();
        }
    }

    internal static PartnerInput ToInput(Partner p) => new()
    {
        Name = p.Name,
        Kind = p.Kind,
        TerritoryId = p.TerritoryId,
        ContactName = p.ContactName,
        ContactEmail = p.ContactEmail,
        ContactPhone = p.ContactPhone,
        IsCommitteeMember = p.IsCommitteeMember,
        Version = p.Version,
    };

    internal static void Apply(PartnerInput input, Partner partner)
    {
        partner.Name = input.Name.Trim();
        partner.Kind = input.Kind;
        partner.TerritoryId = input.TerritoryId;
        partner.ContactName = NetworkRules.Clean(input.ContactName);
        partner.ContactEmail = NetworkRules.Clean(input.ContactEmail);
        partner.ContactPhone = NetworkRules.Clean(input.ContactPhone);
        partner.IsCommitteeMember = input.IsCommitteeMember;
    }

    private static async Task ValidateAsync(AppDbContext db, PartnerInput input, CurrentUser user, int? id, CancellationToken ct)
    {
        var errors = NetworkRules.Validate(input, user);
        if (input.TerritoryId is { } territoryId && !await db.Territories.AnyAsync(t => t.Id == territoryId, ct))
        {
            errors.Add(nameof(input.TerritoryId), "Ce territoire n'existe pas.");
        }
        if (!string.IsNullOrWhiteSpace(input.Name))
        {
            var key = DuplicateKeys.Partner(input.Name, input.TerritoryId);
            var others = await db.Partners.AsNoTracking().Where(p => p.Id != id && p.TerritoryId == input.TerritoryId)
                .Select(p => new { p.Name, p.TerritoryId }).ToListAsync(ct);
            if (others.Any(o => DuplicateKeys.Partner(o.Name, o.TerritoryId) == key))
            {
                errors.Add(nameof(input.Name), input.TerritoryId is null
                    ? "Un partenaire de ce nom existe déjà pour toute la fédération."
                    : "Un partenaire de ce nom existe déjà dans ce territoire.");
            }
        }
        errors.ThrowIfAny();
    }
}
