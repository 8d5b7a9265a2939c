using System.Net.Mail;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Users;

/// <summary>An account as the administrator sees it; <paramref name="DeactivatedAt"/> is null while the account is active.</summary>
public sealed record UserRow(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Territories, bool LockedOut,
    IReadOnlyList<int> TerritoryIds, DateTime? DeactivatedAt, bool TwoFactor = false)
{
    public bool Active => DeactivatedAt is null;

    /// <summary>The account's one role (accounts are created with one).</summary>
    public string Role => Roles.Count > 0 ? Roles[0] : "";
}

/// <summary>A new account: a coordinator has at least one territory, other roles none.</summary>
public sealed record NewAccount(string Email, string DisplayName, string Role, IReadOnlyList<int> TerritoryIds);

/// <summary>The account created and its provisional password, shown once to the administrator who hands it over.</summary>
public sealed record IssuedPassword(string UserId, string Email, string Password);

/// <summary>
/// The accounts, for the administrator: the list and creating an account with a provisional password. Changes to an
/// existing account: <see cref="AccountEditService"/>. Every write is audited.
/// </summary>
public sealed class UserDirectoryService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken ct = default)
    {
        AccountRules.EnsureAdmin(users.Current);
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var accounts = await db.Users.AsNoTracking().OrderBy(u => u.Email)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.LockoutEnd, u.DeactivatedAt, u.TwoFactorEnabled })
            .ToListAsync(ct);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var territories = await db.CoordinatorTerritories.AsNoTracking()
            .OrderBy(ct => ct.Territory!.Number)
            .Select(ct => new { ct.UserId, ct.TerritoryId, ct.Territory!.Name })
            .ToListAsync(ct);
        return accounts.Select(u => new UserRow(
            u.Id,
            u.Email ?? "",
            u.DisplayName,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).ToList(),
            territories.Where(t => t.UserId == u.Id).Select(t => t.Name).ToList(),
            u.LockoutEnd is { } end && end > now,
            territories.Where(t => t.UserId == u.Id).Select(t => t.TerritoryId).ToList(),
            u.DeactivatedAt,
            u.TwoFactorEnabled)).ToList();
    }

    /// <summary>Creates a confirmed account with a generated password; bad input gets French messages and writes nothing.</summary>
    public async Task<IssuedPassword> CreateAsync(NewAccount input, CancellationToken ct = default)
    {
        AccountRules.EnsureAdmin(users.Current);
        await using var db = await factory.CreateDbContextAsync(ct);
        var email = input.Email.Trim();
        var normalizedEmail = email.ToUpperInvariant();
        var errors = new Dictionary<string, string[]>();
        if (!IsEmail(email))
        {
            errors[nameof(NewAccount.Email)] = ["Saisissez une adresse e-mail valide (prenom.nom@exemple.fr)."];
        }
        else if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail, ct))
        {
            errors[nameof(NewAccount.Email)] = ["Un compte existe déjà avec cette adresse e-mail."];
        }
        var territoryIds = input.TerritoryIds.Distinct().ToList();
        await AccountRules.ValidateProfileAsync(db, input.DisplayName, input.Role, territoryIds, errors, ct);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
        var password = AccountRules.NewPassword();
        var user = await UserAccounts.AddAsync(db, email, input.DisplayName.Trim(), input.Role, territoryIds, password, ct: ct);
        await db.SaveChangesAsync(ct);
        return new IssuedPassword(user.Id, email, password);
    }

    private static bool IsEmail(string email) =>
        email.Length is > 0 and <= 256 && MailAddress.TryCreate(email, out var address) && address.Address == email && email.Contains('.', StringComparison.Ordinal);

}
