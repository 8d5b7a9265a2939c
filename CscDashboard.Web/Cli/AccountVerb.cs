using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Web.Cli;

/// <summary>
/// <c>account --email E --name "Nom" --role Admin|ProjectLead|Coordinator|Committee [--territory ART,LIL]</c> creates an
/// account, and <c>account --email E --new-password</c> issues a new password to an existing one: the way to the first
/// administrator of a new installation, and out of a lost administrator password. The generated password is printed once.
/// </summary>
public static class AccountVerb
{
    private const string Usage = "Usage : account --email ADRESSE --name \"Nom affiché\" --role Admin|ProjectLead|Coordinator|Committee "
        + "[--territory ART,LIL] [--data-dir DOSSIER], ou account --email ADRESSE --new-password";

    public static async Task<int> RunAsync(VerbArguments args, IServiceProvider services)
    {
        if (!args.Options.TryGetValue("email", out var email))
        {
            throw new ArgumentException(Usage);
        }
        var directory = services.GetRequiredService<UserDirectoryService>();
        IssuedPassword issued;
        if (args.Flags.Contains("new-password"))
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            var normalizedEmail = email.Trim().ToUpperInvariant();
            var userId = await db.Users.Where(u => u.NormalizedEmail == normalizedEmail).Select(u => u.Id).SingleOrDefaultAsync()
                ?? throw new ArgumentException($"Aucun compte avec l'adresse « {email} ».");
            issued = await services.GetRequiredService<AccountEditService>().IssuePasswordAsync(userId);
        }
        else
        {
            if (!args.Options.TryGetValue("name", out var name) || !args.Options.TryGetValue("role", out var roleText))
            {
                throw new ArgumentException(Usage);
            }
            var role = Roles.All.FirstOrDefault(r => string.Equals(r, roleText, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"Rôle « {roleText} » inconnu : {string.Join(", ", Roles.All)}.");
            var territoryIds = await TerritoryIdsAsync(services, args.Options.GetValueOrDefault("territory"));
            issued = await directory.CreateAsync(new NewAccount(email, name, role, territoryIds));
            Console.WriteLine($"Compte créé : {issued.Email} ({Roles.FrenchName(role)})");
        }
        Console.WriteLine($"Mot de passe provisoire de {issued.Email} : {issued.Password}");
        Console.WriteLine("Il n'est affiché qu'une fois : transmettez-le à son titulaire par un canal sûr.");
        return 0;
    }

    private static async Task<IReadOnlyList<int>> TerritoryIdsAsync(IServiceProvider services, string? codes)
    {
        var wanted = (codes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.ToUpperInvariant()).Distinct().ToList();
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var found = await db.Territories.Where(t => wanted.Contains(t.Code)).ToDictionaryAsync(t => t.Code, t => t.Id);
        var unknown = wanted.Where(c => !found.ContainsKey(c)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Territoire inconnu : {string.Join(", ", unknown)}.");
        }
        return [.. wanted.Select(c => found[c])];
    }
}
