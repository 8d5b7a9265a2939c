using System.Text.Json;
using CscDashboard.Core.Auditing;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.OpenData;

/// <summary>The answer to a presented token: the caller it stands for, or why it was refused (French).</summary>
public sealed record TokenCheck(TokenCaller? Caller, string? Refusal);

/// <summary>
/// Checks a presented secret for the API's authentication handler (ADR 026), before any caller is known: it exists
/// (by its SHA-256), is neither revoked nor expired, its account is active and still holds the token's role; the
/// territories are the token's narrowed to the account's of today. A good use is recorded: the token's last use and
/// an audit entry naming the request. Sign-in machinery like <see cref="Users.UserSessionService"/>: no page calls it.
/// </summary>
public sealed class AccessTokenAuthenticator(IDbContextFactory<AppDbContext> factory, TimeProvider clock)
{
    /// <summary>The length of a secret: the prefix and 32 random bytes in base64url.</summary>
    public const int SecretLength = 47;
    public const int UsageLength = 300;

    public const string Unknown = "Jeton d'accès inconnu : vérifiez qu'il a été recopié en entier, ou créez-en un sur /account/tokens.";

    public async Task<TokenCheck> AuthenticateAsync(string secret, string usage, CancellationToken ct = default)
    {
        if (secret.Length != SecretLength || !secret.StartsWith(AccessTokenService.SecretPrefix, StringComparison.Ordinal))
        {
            return new(null, Unknown);
        }
        var hash = AccessTokenService.HashOf(secret);
        await using var db = await factory.CreateDbContextAsync(ct);
        var token = await db.AccessTokens.AsNoTracking().Where(t => t.SecretHash == hash)
            .Select(t => new { t.Id, t.UserId, t.Role, t.TerritoryIds, t.ExpiresAt, t.RevokedAt, t.User!.DisplayName, t.User.DeactivatedAt })
            .SingleOrDefaultAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (token is null)
        {
            return new(null, Unknown);
        }
        if (token.RevokedAt is { } revoked)
        {
            return new(null, $"Ce jeton a été révoqué le {Day(revoked)}.");
        }
        if (token.ExpiresAt <= now)
        {
            return new(null, $"Ce jeton a expiré le {Day(token.ExpiresAt)} : créez-en un autre sur /account/tokens.");
        }
        if (token.DeactivatedAt is not null)
        {
            return new(null, "Le compte de ce jeton est désactivé.");
        }
        var roles = await db.RoleNamesAsync(token.UserId, ct);
        // The committee's reading (aggregates only) is narrower than any role's; another role must still be the account's.
        if (roles.Count == 0 || (token.Role != Roles.Committee && !roles.Contains(token.Role)))
        {
            return new(null, "Le rôle du compte a changé depuis la création de ce jeton : créez-en un autre sur /account/tokens.");
        }
        var territories = new HashSet<int>();
        if (token.Role == Roles.Coordinator)
        {
            var own = await db.CoordinatorTerritories.Where(t => t.UserId == token.UserId).Select(t => t.TerritoryId).ToListAsync(ct);
            territories.UnionWith(AccessToken.Split(token.TerritoryIds).Intersect(own));
        }

        // Bookkeeping first (not audited as an update), then the use itself as an audit entry of its own.
        await db.AccessTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.LastUsedAt, now), ct);
        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            UserId = token.UserId,
            UserName = token.DisplayName,
            Entity = nameof(AccessToken),
            EntityKey = token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Action = "Use",
            Changes = JsonSerializer.Serialize(new Dictionary<string, string> { ["Request"] = usage.Length > UsageLength ? usage[..UsageLength] : usage }),
        });
        await db.SaveChangesAsync(ct);
        return new(new TokenCaller(token.Id, token.UserId, token.DisplayName, token.Role, territories), null);
    }

    private static string Day(DateTime utc) => ParisTimeProvider.Format(utc, "dd/MM/yyyy");
}
