using CscDashboard.Core.Common;
using CscDashboard.Core.Territories;
using CscDashboard.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Data.Seeding;

public sealed record DemoAccount(string Email, string Role, string? Territory);

/// <summary>
/// Demo accounts (one per role, one per coordinator) and demo data, for Development and the
/// <c>seed --demo</c> verb only. Idempotent: accounts are created when missing.
/// </summary>
public sealed class DemoDataSeeder(IDbContextFactory<AppDbContext> factory, TimeProvider clock)
{
    public const string Domain = "demo.csc";

    public async Task<IReadOnlyList<DemoAccount>> SeedAsync(string password, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var territories = await db.Territories.OrderBy(t => t.Number).ToListAsync(ct);
        var accounts = new List<DemoAccount>
        {
            new($"admin@{Domain}", Roles.Admin, null),
            new($"lead@{Domain}", Roles.ProjectLead, null),
            new($"committee@{Domain}", Roles.Committee, null),
        };
        accounts.AddRange(territories.Select(t => new DemoAccount($"coord{t.Number}@{Domain}", Roles.Coordinator, t.Name)));
        await EnsureAccountsAsync(db, accounts, territories, password, ct);
        _ = clock;
        return accounts;
    }

    private static async Task EnsureAccountsAsync(AppDbContext db, List<DemoAccount> accounts, List<Territory> territories, string password, CancellationToken ct)
    {
        var hasher = new PasswordHasher<AppUser>();
        var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var existing = await db.Users.Select(u => u.NormalizedEmail).ToListAsync(ct);
        foreach (var account in accounts.Where(a => !existing.Contains(a.Email.ToUpperInvariant())))
        {
            var user = new AppUser
            {
                UserName = account.Email,
                NormalizedUserName = account.Email.ToUpperInvariant(),
                Email = account.Email,
                NormalizedEmail = account.Email.ToUpperInvariant(),
                EmailConfirmed = true,
                LockoutEnabled = true,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                DisplayName = DisplayNameOf(account),
                IsDemo = true,
            };
            user.PasswordHash = hasher.HashPassword(user, password);
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roles[account.Role] });
            if (account.Territory is not null)
            {
                var territory = territories.Single(t => t.Name == account.Territory);
                db.CoordinatorTerritories.Add(new CoordinatorTerritory { UserId = user.Id, TerritoryId = territory.Id });
            }
        }
        await db.SaveChangesAsync(ct);
    }

    private static string DisplayNameOf(DemoAccount account) => account.Role switch
    {
        Roles.Admin => "Administrateur (démo)",
        Roles.ProjectLead => "Claire Martin (cheffe de projet, démo)",
        Roles.Committee => "Comité partenarial (démo)",
        _ => $"Coordinateur {account.Email[5..account.Email.IndexOf('@')]} (démo)",
    };
}
