using System.Net.Mail;
using System.Security.Cryptography;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Users;

/// <summary>An account as the administrator sees it; <paramref name="DeactivatedAt"/> is null while the account is active.</summary>
public sealed record UserRow(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Territories, bool LockedOut,
    IReadOnlyList<int> TerritoryIds, DateTime? DeactivatedAt, bool TwoFactor = false)
{
    public bool Active => DeactivatedAt is null;

    /// <summary>The account's one role (accounts are created with one).</summary>
    public string Role => Roles.FirstOrDefault() ?? "";
}

/// <summary>A new account: a coordinator has at least one territory, other roles none.</summary>
public sealed record NewAccount(string Email, string DisplayName, string Role, IReadOnlyList<int> TerritoryIds);

/// <summary>The account created and its provisional password, shown once to the administrator who hands it over.</summary>
public sealed record IssuedPassword(string UserId, string Email, string Password);

/// <summary>
/// The accounts, for the administrator: list, create, issue a new password, edit, deactivate and reactivate
/// (UserDirectoryService.Edit.cs). Every write is audited.
/// </summary>
public sealed partial class UserDirectoryService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock, ChangeNotifier notifier)
{
    private const string PasswordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static readonly PasswordHasher<AppUser> Hasher = new();

    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken ct = default)
    {
        EnsureAdmin();
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
        EnsureAdmin();
        await using var db = await factory.CreateDbContextAsync(ct);
        var email = input.Email.Trim();
        var errors = new Dictionary<string, string[]>();
        if (!IsEmail(email))
        {
            errors[nameof(NewAccount.Email)] = ["Saisissez une adresse e-mail valide (prenom.nom@exemple.fr)."];
        }
        else if (await db.Users.AnyAsync(u => u.NormalizedEmail == email.ToUpperInvariant(), ct))
        {
            errors[nameof(NewAccount.Email)] = ["Un compte existe déjà avec cette adresse e-mail."];
        }
        var territoryIds = input.TerritoryIds.Distinct().ToList();
        await ValidateProfileAsync(db, input.DisplayName, input.Role, territoryIds, errors, ct);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
        var password = NewPassword();
        var user = await UserAccounts.AddAsync(db, email, input.DisplayName.Trim(), input.Role, territoryIds, password, ct: ct);
        await db.SaveChangesAsync(ct);
        return new IssuedPassword(user.Id, email, password);
    }

    /// <summary>
    /// A new generated password for a forgotten one: the old one stops working, every session of the account ends
    /// at once (ADR 018: its next request or its open page) and a lockout is lifted.
    /// </summary>
    public async Task<IssuedPassword> IssuePasswordAsync(string userId, CancellationToken ct = default)
    {
        EnsureAdmin();
        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct) ?? throw new NotFoundException("Ce compte n'existe pas.");
        var password = NewPassword();
        user.PasswordHash = Hasher.HashPassword(user, password);
        await UserSessionService.RevokeAllAsync(db, user, clock.GetUtcNow().UtcDateTime, ct);
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        await db.SaveChangesAsync(ct);
        notifier.NotifyAccountChanged(new AccountChange(user.Id));
        return new IssuedPassword(user.Id, user.Email ?? "", password);
    }

    /// <summary>The rules an account's name, role and territories follow, at creation and when edited (French messages per field).</summary>
    private static async Task ValidateProfileAsync(AppDbContext db, string displayName, string role, List<int> territoryIds,
        Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > TextLimits.AccountName)
        {
            errors[nameof(NewAccount.DisplayName)] = ["Le nom affiché est obligatoire (100 caractères au plus)."];
        }
        else if (TextRules.Problem(displayName, "Nom affiché", TextLimits.AccountName) is { } problem)
        {
            errors[nameof(NewAccount.DisplayName)] = [problem];
        }
        if (!Roles.All.Contains(role))
        {
            errors[nameof(NewAccount.Role)] = ["Choisissez un rôle."];
        }
        else if (role == Roles.Coordinator && territoryIds.Count == 0)
        {
            errors[nameof(NewAccount.TerritoryIds)] = ["Un coordinateur territorial a au moins un territoire."];
        }
        else if (role != Roles.Coordinator && territoryIds.Count > 0)
        {
            errors[nameof(NewAccount.TerritoryIds)] = ["Seul un coordinateur territorial est rattaché à des territoires."];
        }
        else if (await db.Territories.CountAsync(t => territoryIds.Contains(t.Id), ct) != territoryIds.Count)
        {
            errors[nameof(NewAccount.TerritoryIds)] = ["Un des territoires choisis n'existe pas."];
        }
    }

    private void EnsureAdmin()
    {
        if (!users.Current.IsAdmin)
        {
            throw new ScopeViolationException("La gestion des comptes est réservée à l'administrateur.");
        }
    }

    private static bool IsEmail(string email) =>
        email.Length is > 0 and <= 256 && MailAddress.TryCreate(email, out var address) && address.Address == email && email.Contains('.', StringComparison.Ordinal);

    /// <summary>14 characters without look-alikes (0/O, 1/l/I), with a lower case letter, a capital and a digit (Identity's rules).</summary>
    internal static string NewPassword()
    {
        while (true)
        {
            var password = RandomNumberGenerator.GetString(PasswordAlphabet, 14);
            if (password.Any(char.IsLower) && password.Any(char.IsUpper) && password.Any(char.IsDigit))
            {
                return password;
            }
        }
    }
}
