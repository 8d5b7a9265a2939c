using System.Security.Cryptography;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Users;

/// <summary>What the account services share: the administrator-only check, the profile rules, finding an account, passwords.</summary>
internal static class AccountRules
{
    private const string PasswordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static void EnsureAdmin(CurrentUser user)
    {
        if (!user.IsAdmin)
        {
            throw new ScopeViolationException("La gestion des comptes est réservée à l'administrateur.");
        }
    }

    /// <summary>The rules an account's name, role and territories follow, at creation and when edited (French messages per field).</summary>
    public static async Task ValidateProfileAsync(AppDbContext db, string displayName, string role, List<int> territoryIds,
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

    /// <summary>The names of an account's roles (Identity's join table).</summary>
    public static Task<List<string>> RoleNamesAsync(this AppDbContext db, string userId, CancellationToken ct) =>
        (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name!).ToListAsync(ct);

    public static async Task<AppUser> FindAsync(AppDbContext db, string userId, CancellationToken ct) =>
        await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct) ?? throw new NotFoundException("Ce compte n'existe pas.");

    /// <summary>14 characters without look-alikes (0/O, 1/l/I), with a lower case letter, a capital and a digit (Identity's rules).</summary>
    public static string NewPassword()
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
