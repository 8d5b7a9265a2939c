using System.Security.Cryptography;
using System.Text;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.OpenData;

/// <summary>
/// Personal access tokens (ADR 026): each signed-in account creates, lists and revokes its own; the administrator
/// lists and revokes all; the <c>token create</c> verb (the system) creates one for an account. The secret is drawn
/// here, returned once and stored as its SHA-256. Every creation and revocation is an audited row.
/// </summary>
public sealed class AccessTokenService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock)
{
    public const int DefaultDays = 90;
    /// <summary>Live tokens an account may hold at once.</summary>
    public const int MaxActivePerAccount = 20;
    public const string SecretPrefix = "csc_";

    /// <summary>The role and territories the caller's tokens may have (the token page's choices).</summary>
    public async Task<TokenChoices> ChoicesAsync(CancellationToken ct = default)
    {
        var user = EnsureAccount();
        await using var db = await factory.CreateDbContextAsync(ct);
        return new TokenChoices(RoleOf(user), await TerritoriesAsync(db, user, ct));
    }

    /// <summary>A new token of the caller's own account, no wider than its role and territories.</summary>
    public async Task<IssuedToken> CreateAsync(AccessTokenInput input, CancellationToken ct = default)
    {
        var user = EnsureAccount();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await IssueAsync(db, user, input, ct);
    }

    /// <summary>The <c>token create</c> verb: a token with the whole scope of the account of <paramref name="email"/>. The system only.</summary>
    public async Task<IssuedToken> CreateForAccountAsync(string email, AccessTokenInput input, CancellationToken ct = default)
    {
        if (!users.Current.IsSystem)
        {
            throw new ScopeViolationException("Seule la commande « token create » crée un jeton pour un autre compte.");
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var normalized = email.Trim().ToUpperInvariant();
        var account = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized)
            .Select(u => new { u.Id, u.DisplayName, u.DeactivatedAt }).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException($"Aucun compte avec l'adresse « {TextRules.StripInvisible(email)} ».");
        if (account.DeactivatedAt is not null)
        {
            throw new ScopeViolationException("Ce compte est désactivé : il ne peut pas recevoir de jeton.");
        }
        var roles = await db.RoleNamesAsync(account.Id, ct);
        var territories = await db.CoordinatorTerritories.Where(t => t.UserId == account.Id).Select(t => t.TerritoryId).ToListAsync(ct);
        var owner = new CurrentUser(account.Id, account.DisplayName, roles.ToHashSet(), territories.ToHashSet());
        return await IssueAsync(db, owner, input, ct);
    }

    /// <summary>The caller's own tokens, newest first, revoked and expired ones included.</summary>
    public async Task<IReadOnlyList<AccessTokenRow>> ListAsync(CancellationToken ct = default)
    {
        var user = EnsureAccount();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await RowsAsync(db, db.AccessTokens.Where(t => t.UserId == user.UserId), ct);
    }

    /// <summary>Every account's tokens: the administrator's view.</summary>
    public async Task<IReadOnlyList<AccessTokenRow>> ListAllAsync(CancellationToken ct = default)
    {
        if (!users.Current.IsAdmin)
        {
            throw new ScopeViolationException("La liste de tous les jetons est réservée à l'administration.");
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        return await RowsAsync(db, db.AccessTokens, ct);
    }

    /// <summary>Revokes one of the caller's tokens (the administrator: anyone's). Revoking it again changes nothing.</summary>
    public async Task RevokeAsync(int id, CancellationToken ct = default)
    {
        var user = users.Current;
        if (!user.IsAuthenticated)
        {
            throw new ScopeViolationException("Veuillez vous connecter.");
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var token = await db.AccessTokens.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (token is null || (token.UserId != user.UserId && !user.IsAdmin))
        {
            throw new NotFoundException("Ce jeton n'existe pas.");
        }
        if (token.RevokedAt is not null)
        {
            return;
        }
        token.RevokedAt = clock.GetUtcNow().UtcDateTime;
        token.RevokedBy = user.DisplayName;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Revokes every live token of an account in <paramref name="db"/> (the caller saves, in its own transaction):
    /// a deactivated account's tokens never come back, even if the account is reactivated.
    /// </summary>
    public static async Task RevokeAllAsync(AppDbContext db, string userId, DateTime now, string by, CancellationToken ct = default)
    {
        foreach (var token in await db.AccessTokens.Where(t => t.UserId == userId && t.RevokedAt == null).ToListAsync(ct))
        {
            token.RevokedAt = now;
            token.RevokedBy = by;
        }
    }

    /// <summary>The lower-case hexadecimal SHA-256 of a secret: what is stored and looked up.</summary>
    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The role a token of <paramref name="user"/> reads with: the account's (accounts have one), the widest first.</summary>
    public static string RoleOf(CurrentUser user) =>
        Roles.All.FirstOrDefault(user.IsInRole) ?? throw new ScopeViolationException("Votre compte n'a aucun rôle : il ne peut pas créer de jeton.");

    private CurrentUser EnsureAccount()
    {
        var user = users.Current;
        if (user.UserId is null)
        {
            throw new ScopeViolationException("Un jeton appartient à un compte : connectez-vous pour en créer un.");
        }
        return user;
    }

    private async Task<IssuedToken> IssueAsync(AppDbContext db, CurrentUser owner, AccessTokenInput input, CancellationToken ct)
    {
        var role = RoleOf(owner);
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        var name = (input.Name ?? "").Trim();
        if (name.Length == 0)
        {
            errors[nameof(input.Name)] = ["Donnez un nom au jeton (l'outil qui l'utilisera, par exemple « Tableur Région »)."];
        }
        else if (TextRules.Problem(name, "Nom du jeton", AccessToken.NameLength) is { } problem)
        {
            errors[nameof(input.Name)] = [problem];
        }
        if (input.Days is < 1 or > AccessToken.MaxDays)
        {
            errors[nameof(input.Days)] = [$"La durée de validité va de 1 à {AccessToken.MaxDays} jours (un an au plus)."];
        }
        var territories = input.TerritoryIds.Distinct().ToList();
        if (!input.AggregatesOnly && territories.Count > 0)
        {
            if (role != Roles.Coordinator)
            {
                errors[nameof(input.TerritoryIds)] = ["Seul un jeton de coordination se limite à des territoires."];
            }
            else if (territories.Any(t => !owner.TerritoryIds.Contains(t)))
            {
                errors[nameof(input.TerritoryIds)] = ["Un jeton ne peut porter que sur vos propres territoires."];
            }
        }
        if (await db.AccessTokens.CountAsync(t => t.UserId == owner.UserId && t.RevokedAt == null && t.ExpiresAt > now, ct) >= MaxActivePerAccount)
        {
            errors[nameof(input.Name)] = [$"Ce compte a déjà {MaxActivePerAccount} jetons en cours de validité : révoquez-en un avant d'en créer un autre."];
        }
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var secret = SecretPrefix + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var token = new AccessToken
        {
            UserId = owner.UserId!,
            Name = name,
            SecretHash = HashOf(secret),
            Hint = secret[..12],
            Role = input.AggregatesOnly ? Roles.Committee : role,
            TerritoryIds = input.AggregatesOnly || role != Roles.Coordinator ? "" : AccessToken.Join(territories.Count > 0 ? territories : owner.TerritoryIds),
            ExpiresAt = now.AddDays(input.Days),
        };
        db.AccessTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new IssuedToken(token.Id, token.Name, secret, token.ExpiresAt);
    }

    private static async Task<IReadOnlyList<TokenTerritory>> TerritoriesAsync(AppDbContext db, CurrentUser user, CancellationToken ct)
    {
        if (RoleOf(user) != Roles.Coordinator)
        {
            return [];
        }
        var ids = user.TerritoryIds.ToList();
        return await db.Territories.AsNoTracking().Where(t => ids.Contains(t.Id)).OrderBy(t => t.Number)
            .Select(t => new TokenTerritory(t.Id, t.Code, t.Name)).ToListAsync(ct);
    }

    private static async Task<IReadOnlyList<AccessTokenRow>> RowsAsync(AppDbContext db, IQueryable<AccessToken> tokens, CancellationToken ct)
    {
        var rows = await tokens.AsNoTracking().OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Select(t => new
            {
                t.Id, t.Name, t.Hint, Owner = t.User!.DisplayName, Email = t.User.Email, t.Role, t.TerritoryIds,
                t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt, t.RevokedBy,
            }).ToListAsync(ct);
        var codes = await db.Territories.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Code, ct);
        return rows.Select(t => new AccessTokenRow(t.Id, t.Name, t.Hint, t.Owner, t.Email ?? "", t.Role,
                [.. AccessToken.Split(t.TerritoryIds).Order().Select(id => codes.GetValueOrDefault(id, "?"))],
                t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt, t.RevokedBy))
            .ToList();
    }
}
