using CscDashboard.Core.Data;
using CscDashboard.Core.Territories;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Users;

/// <summary>Creates confirmed accounts with their role and territories (seeding, tests, administration).</summary>
public static class UserAccounts
{
    private static readonly PasswordHasher<AppUser> Hasher = new();

    /// <summary>
    /// Adds the account to the context (not saved); the caller saves with its other changes.
    /// <paramref name="passwordHash"/>, when given, is a hash of <paramref name="password"/> to reuse (seeding many accounts).
    /// </summary>
    public static async Task<AppUser> AddAsync(AppDbContext db, string email, string displayName, string role,
        IEnumerable<int> territoryIds, string password, bool isDemo = false, string? passwordHash = null, CancellationToken ct = default)
    {
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"Le rôle {role} n'existe pas.");
        var user = new AppUser
        {
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true,
            LockoutEnabled = true,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
            DisplayName = displayName,
            IsDemo = isDemo,
        };
        user.PasswordHash = passwordHash ?? Hasher.HashPassword(user, password);
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
        foreach (var territoryId in territoryIds.Distinct())
        {
            db.CoordinatorTerritories.Add(new CoordinatorTerritory { UserId = user.Id, TerritoryId = territoryId });
        }
        return user;
    }
}
