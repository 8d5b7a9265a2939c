using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Network;

/// <summary>
/// Network members (CTN, mediators, volunteers…): people's names, so never shown to the committee.
/// Writes are limited to the caller's territories; a member's centre must be in the member's territory.
/// </summary>
public sealed class MemberService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock)
{
    public async Task<PagedResult<MemberRow>> ListAsync(MemberFilter filter, PageRequest page, CancellationToken ct = default)
    {
        NetworkAccess.EnsureCanReadMembers(users.Current);
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = Filtered(db, filter);
        var total = await query.CountAsync(ct);
        var sorted = (page.SortBy, page.Descending) switch
        {
            ("firstName", false) => query.OrderBy(m => m.FirstName).ThenBy(m => m.LastName),
            ("firstName", true) => query.OrderByDescending(m => m.FirstName).ThenBy(m => m.LastName),
            ("email", false) => query.OrderBy(m => m.Email).ThenBy(m => m.LastName),
            ("email", true) => query.OrderByDescending(m => m.Email).ThenBy(m => m.LastName),
            ("role", false) => query.OrderBy(m => m.Role).ThenBy(m => m.LastName),
            ("role", true) => query.OrderByDescending(m => m.Role).ThenBy(m => m.LastName),
            ("territory", false) => query.OrderBy(m => m.Territory!.Number).ThenBy(m => m.LastName),
            ("territory", true) => query.OrderByDescending(m => m.Territory!.Number).ThenBy(m => m.LastName),
            ("centre", false) => query.OrderBy(m => m.Centre!.Name).ThenBy(m => m.LastName),
            ("centre", true) => query.OrderByDescending(m => m.Centre!.Name).ThenBy(m => m.LastName),
            ("assignment", false) => query.OrderBy(m => m.Assignment).ThenBy(m => m.LastName),
            ("assignment", true) => query.OrderByDescending(m => m.Assignment).ThenBy(m => m.LastName),
            ("activeFrom", false) => query.OrderBy(m => m.ActiveFrom).ThenBy(m => m.LastName),
            ("activeFrom", true) => query.OrderByDescending(m => m.ActiveFrom).ThenBy(m => m.LastName),
            ("activeTo", false) => query.OrderBy(m => m.ActiveTo).ThenBy(m => m.LastName),
            ("activeTo", true) => query.OrderByDescending(m => m.ActiveTo).ThenBy(m => m.LastName),
            (_, true) => query.OrderByDescending(m => m.LastName).ThenByDescending(m => m.FirstName).ThenBy(m => m.Id),
            _ => query.OrderBy(m => m.LastName).ThenBy(m => m.FirstName).ThenBy(m => m.Id),
        };
        var items = await sorted.Skip(page.Skip).Take(page.Take)
            .Select(m => new MemberRow(m.Id, m.FirstName, m.LastName, m.Email, m.Phone, m.Role, m.Territory!.Code, m.Territory.Name,
                m.CentreId, m.Centre!.Name, m.Assignment, m.AssignmentPercent, m.ActiveFrom, m.ActiveTo, m.ArchivedAt, m.TerritoryId))
            .ToListAsync(ct);
        return new PagedResult<MemberRow>(items, total);
    }

    internal static IQueryable<NetworkMember> Filtered(AppDbContext db, MemberFilter filter)
    {
        var query = db.Members.AsNoTracking();
        if (!filter.IncludeArchived)
        {
            query = query.Where(m => m.ArchivedAt == null);
        }
        if (!string.IsNullOrWhiteSpace(filter.TerritoryCode))
        {
            query = query.Where(m => m.Territory!.Code == filter.TerritoryCode);
        }
        if (filter.Role is { } role)
        {
            query = query.Where(m => m.Role == role);
        }
        if (filter.CentreId is { } centreId)
        {
            query = query.Where(m => m.CentreId == centreId);
        }
        if (filter.MemberId is { } memberId)
        {
            query = query.Where(m => m.Id == memberId);
        }
        if (NetworkAccess.LikePattern(filter.Search) is { } pattern)
        {
            query = query.Where(m => EF.Functions.Like(m.FirstName, pattern, "\\") || EF.Functions.Like(m.LastName, pattern, "\\")
                || EF.Functions.Like(m.Email, pattern, "\\") || EF.Functions.Like(m.Centre!.Name, pattern, "\\"));
        }
        return query;
    }

    public async Task<MemberDetail> GetAsync(int id, CancellationToken ct = default)
    {
        var user = users.Current;
        NetworkAccess.EnsureCanReadMembers(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var found = await db.Members.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new { Member = m, TerritoryName = m.Territory!.Name, CentreName = m.Centre!.Name })
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Ce membre du réseau n'existe pas.");
        var m = found.Member;
        var input = ToInput(m);
        if (!user.CanReadTerritoryFinance(m.TerritoryId))
        {
            // The employment cost is finance: read only by those who read the territory's finance.
            input.AnnualGrossCost = null;
        }
        return new MemberDetail(m.Id, input, found.TerritoryName, found.CentreName, m.ArchivedAt, user.CanWriteTerritory(m.TerritoryId));
    }

    public async Task<int> CreateAsync(MemberInput input, CancellationToken ct = default)
    {
        var user = users.Current;
        NetworkAccess.EnsureCanWriteSomewhere(user);
        NetworkWrites.EnsureCanWriteChosenTerritory(user, input.TerritoryId);
        await using var db = await factory.CreateDbContextAsync(ct);
        await ValidateAsync(db, input, null, ct);
        var member = new NetworkMember { FirstName = "", LastName = "" };
        Apply(input, member);
        db.Members.Add(member);
        await db.SaveChangesAsync(ct);
        return member.Id;
    }

    public async Task<long> UpdateAsync(int id, MemberInput input, CancellationToken ct = default)
    {
        var user = users.Current;
        NetworkAccess.EnsureCanWriteSomewhere(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var member = await db.Members.SingleOrDefaultAsync(m => m.Id == id, ct) ?? throw new NotFoundException("Ce membre du réseau n'existe pas.");
        user.EnsureCanWriteTerritory(member.TerritoryId);
        NetworkWrites.EnsureCanWriteChosenTerritory(user, input.TerritoryId);
        await ValidateAsync(db, input, id, ct);
        db.Entry(member).Property(m => m.Version).OriginalValue = input.Version;
        Apply(input, member);
        await db.SaveOrConflictAsync(ct);
        return member.Version;
    }

    public Task SetArchivedAsync(int id, bool archived, CancellationToken ct = default) =>
        NetworkWrites.SetArchivedAsync<NetworkMember>(factory, users.Current, clock, id, archived, "Ce membre du réseau n'existe pas.",
            (user, member) => user.EnsureCanWriteTerritory(member.TerritoryId), ct);

    internal static MemberInput ToInput(NetworkMember m) => new()
    {
        FirstName = m.FirstName,
        LastName = m.LastName,
        Email = m.Email,
        Phone = m.Phone,
        Role = m.Role,
        TerritoryId = m.TerritoryId,
        CentreId = m.CentreId,
        Assignment = m.Assignment,
        AssignmentPercent = m.AssignmentPercent,
        AnnualGrossCost = m.AnnualGrossCost,
        ActiveFrom = m.ActiveFrom,
        ActiveTo = m.ActiveTo,
        Version = m.Version,
    };

    internal static void Apply(MemberInput input, NetworkMember member)
    {
        member.FirstName = input.FirstName.Trim();
        member.LastName = input.LastName.Trim();
        member.Email = NetworkRules.Clean(input.Email);
        member.Phone = NetworkRules.Clean(input.Phone);
        member.Role = input.Role;
        member.TerritoryId = input.TerritoryId;
        member.CentreId = input.CentreId;
        member.Assignment = input.Assignment;
        // The percentage only means something for a fixed-percent assignment.
        member.AssignmentPercent = input.Assignment == Assignment.FixedPercent ? input.AssignmentPercent : null;
        member.AnnualGrossCost = input.AnnualGrossCost;
        member.ActiveFrom = input.ActiveFrom;
        member.ActiveTo = input.ActiveTo;
    }

    private static async Task ValidateAsync(AppDbContext db, MemberInput input, int? id, CancellationToken ct)
    {
        var errors = NetworkRules.Validate(input);
        await NetworkWrites.AddIfTerritoryMissingAsync(db, errors, input.TerritoryId, ct);
        if (input.CentreId is { } centreId)
        {
            var centreTerritory = await db.Centres.Where(c => c.Id == centreId).Select(c => (int?)c.TerritoryId).SingleOrDefaultAsync(ct);
            if (centreTerritory is null)
            {
                errors.Add(nameof(input.CentreId), "Ce centre n'existe pas.");
            }
            else if (centreTerritory != input.TerritoryId)
            {
                errors.Add(nameof(input.CentreId), "Le centre doit se trouver dans le territoire du membre.");
            }
        }
        if (!string.IsNullOrWhiteSpace(input.FirstName) && !string.IsNullOrWhiteSpace(input.LastName))
        {
            var others = await db.Members.AsNoTracking().Where(m => m.Id != id)
                .Select(m => new { m.FirstName, m.LastName, m.TerritoryId, m.Email }).ToListAsync(ct);
            var key = DuplicateKeys.Member(input.FirstName, input.LastName, input.TerritoryId);
            if (others.Any(o => DuplicateKeys.Member(o.FirstName, o.LastName, o.TerritoryId) == key))
            {
                errors.Add(nameof(input.LastName), "Une personne de ce nom existe déjà dans ce territoire.");
            }
            var email = DuplicateKeys.Email(input.Email);
            if (email.Length > 0 && others.Any(o => DuplicateKeys.Email(o.Email) == email))
            {
                errors.Add(nameof(input.Email), "Cette adresse e-mail est déjà celle d'un autre membre du réseau.");
            }
        }
        errors.ThrowIfAny();
    }
}
