using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Territories;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Users;

/// <summary>What the administrator may change on an account: its e-mail stays (it is the sign-in name).</summary>
public sealed record AccountChanges(string DisplayName, string Role, IReadOnlyList<int> TerritoryIds);

/// <summary>
/// The administrator's changes to an existing account: name, role and territories, deactivation and reactivation, a new
/// password for a forgotten one, and resetting the second factor for a lost phone (ADR 016, 018). A change of rights or
/// of credentials ends the account's open sessions. Every write is audited.
/// </summary>
public sealed class AccountEditService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock, ChangeNotifier notifier)
{
    /// <summary>Where Identity keeps an account's authenticator key and recovery codes (its user store's own tokens).</summary>
    public const string IdentityTokenProvider = "[AspNetUserStore]";
    private static readonly PasswordHasher<AppUser> Hasher = new();

    public const string LastAdminMessage =
        "Ce compte est le dernier administrateur actif : nommez d'abord un autre administrateur, sinon plus personne ne pourrait gérer les comptes.";

    /// <summary>
    /// Changes an account's name, role and territories (the same rules as at creation). A new role or new territories
    /// change the security stamp: the account's open sessions end and it signs in again with its new rights.
    /// The last active administrator keeps the role; an administrator does not remove their own.
    /// </summary>
    public async Task UpdateAsync(string userId, AccountChanges input, CancellationToken ct = default)
    {
        AccountRules.EnsureAdmin(users.Current);
        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await AccountRules.FindAsync(db, userId, ct);
        var errors = new Dictionary<string, string[]>();
        var territoryIds = input.TerritoryIds.Distinct().ToList();
        await AccountRules.ValidateProfileAsync(db, input.DisplayName, input.Role, territoryIds, errors, ct);
        var currentRoles = await db.UserRoles.Where(ur => ur.UserId == userId).ToListAsync(ct);
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var isAdmin = currentRoles.Any(ur => ur.RoleId == roleIds[Roles.Admin]);
        if (isAdmin && input.Role != Roles.Admin && !errors.ContainsKey(nameof(AccountChanges.Role)))
        {
            if (user.IsActive && !await OtherActiveAdminExistsAsync(db, userId, roleIds[Roles.Admin], ct))
            {
                errors[nameof(AccountChanges.Role)] = [LastAdminMessage];
            }
            else if (userId == users.Current.UserId)
            {
                errors[nameof(AccountChanges.Role)] = ["Vous ne pouvez pas retirer votre propre rôle d'administrateur : un autre administrateur doit le faire."];
            }
        }
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        user.DisplayName = input.DisplayName.Trim();
        var rightsChanged = false;
        if (currentRoles.Count != 1 || currentRoles[0].RoleId != roleIds[input.Role])
        {
            db.UserRoles.RemoveRange(currentRoles);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = userId, RoleId = roleIds[input.Role] });
            rightsChanged = true;
        }
        var currentTerritories = await db.CoordinatorTerritories.Where(t => t.UserId == userId).ToListAsync(ct);
        var removed = currentTerritories.Where(t => !territoryIds.Contains(t.TerritoryId)).ToList();
        var added = territoryIds.Where(id => currentTerritories.All(t => t.TerritoryId != id)).ToList();
        db.CoordinatorTerritories.RemoveRange(removed);
        db.CoordinatorTerritories.AddRange(added.Select(id => new CoordinatorTerritory { UserId = userId, TerritoryId = id }));
        rightsChanged |= removed.Count > 0 || added.Count > 0;
        if (rightsChanged)
        {
            await UserSessionService.RevokeAllAsync(db, user, clock.GetUtcNow().UtcDateTime, ct);
        }
        await db.SaveChangesAsync(ct);
        if (rightsChanged)
        {
            notifier.NotifyAccountChanged(new AccountChange(userId));
        }
    }

    /// <summary>
    /// The account can no longer sign in and its open sessions end (new security stamp); everything it wrote stays.
    /// Refused for the last active administrator and for one's own account. Deactivating it again changes nothing.
    /// </summary>
    public async Task DeactivateAsync(string userId, CancellationToken ct = default)
    {
        AccountRules.EnsureAdmin(users.Current);
        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await AccountRules.FindAsync(db, userId, ct);
        if (!user.IsActive)
        {
            return;
        }
        var adminRoleId = await db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id).SingleAsync(ct);
        if (await db.UserRoles.AnyAsync(ur => ur.UserId == userId && ur.RoleId == adminRoleId, ct)
            && !await OtherActiveAdminExistsAsync(db, userId, adminRoleId, ct))
        {
            throw new ScopeViolationException(LastAdminMessage);
        }
        if (userId == users.Current.UserId)
        {
            throw new ScopeViolationException("Vous ne pouvez pas désactiver votre propre compte : un autre administrateur doit le faire.");
        }
        user.DeactivatedAt = clock.GetUtcNow().UtcDateTime;
        await UserSessionService.RevokeAllAsync(db, user, user.DeactivatedAt.Value, ct);
        await OpenData.AccessTokenService.RevokeAllAsync(db, user.Id, user.DeactivatedAt.Value, users.Current.DisplayName, ct);
        await db.SaveChangesAsync(ct);
        notifier.NotifyAccountChanged(new AccountChange(userId));
    }

    /// <summary>The account signs in again with its password of before (unless a new one is issued). Reactivating an active account changes nothing.</summary>
    public async Task ReactivateAsync(string userId, CancellationToken ct = default)
    {
        AccountRules.EnsureAdmin(users.Current);
        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await AccountRules.FindAsync(db, userId, ct);
        if (user.IsActive)
        {
            return;
        }
        user.DeactivatedAt = null;
        await db.SaveChangesAsync(ct);
    }

    private static async Task<AppUser> FindAsync(AppDbContext db, string userId, CancellationToken ct) =>
        await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct) ?? throw new NotFoundException("Ce compte n'existe pas.");

    /// <summary>
    /// A new generated password for a forgotten one: the old one stops working, every session of the account ends
    /// at once (ADR 018: its next request or its open page) and a lockout is lifted.
    /// </summary>
    public async Task<IssuedPassword> IssuePasswordAsync(string userId, CancellationToken ct = default)
    {
        AccountRules.EnsureAdmin(users.Current);
        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct) ?? throw new NotFoundException("Ce compte n'existe pas.");
        var password = AccountRules.NewPassword();
        user.PasswordHash = Hasher.HashPassword(user, password);
        await UserSessionService.RevokeAllAsync(db, user, clock.GetUtcNow().UtcDateTime, ct);
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        await db.SaveChangesAsync(ct);
        notifier.NotifyAccountChanged(new AccountChange(user.Id));
        return new IssuedPassword(user.Id, user.Email ?? "", password);
    }

    /// <summary>
    /// "Réinitialiser la double authentification" (ADR 018), for a lost phone: the authenticator key and the recovery
    /// codes are removed, two-factor sign-in is off and every session of the account ends. At its next sign-in an
    /// account whose role requires the second factor enrols again. Resetting an account without one changes nothing.
    /// </summary>
    public async Task ResetTwoFactorAsync(string userId, CancellationToken ct = default)
    {
        AccountRules.EnsureAdmin(users.Current);
        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await AccountRules.FindAsync(db, userId, ct);
        var tokens = await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == IdentityTokenProvider).ToListAsync(ct);
        if (!user.TwoFactorEnabled && tokens.Count == 0)
        {
            return;
        }
        db.UserTokens.RemoveRange(tokens);
        user.TwoFactorEnabled = false;
        await UserSessionService.RevokeAllAsync(db, user, clock.GetUtcNow().UtcDateTime, ct);
        await db.SaveChangesAsync(ct);
        notifier.NotifyAccountChanged(new AccountChange(userId));
    }

    private static Task<bool> OtherActiveAdminExistsAsync(AppDbContext db, string userId, string adminRoleId, CancellationToken ct) =>
        db.UserRoles.AnyAsync(ur => ur.RoleId == adminRoleId && ur.UserId != userId
            && db.Users.Any(u => u.Id == ur.UserId && u.DeactivatedAt == null), ct);
}
