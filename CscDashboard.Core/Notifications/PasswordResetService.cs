using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CscDashboard.Core.Notifications;

/// <summary>
/// Password reset by e-mail (issue 19 point 4, ADR 028): a link asked for from the sign-in page (anonymous: the answer is
/// the same whether the address exists or not) or sent by the administrator; valid <see cref="Validity"/>, used once, only
/// the SHA-256 of its secret kept. Using it sets the new password (the rules of <see cref="PasswordRules"/>), lifts a
/// lockout and ends every session of the account (ADR 018). Token rows are audited (insert, use), the hash masked.
/// </summary>
public sealed class PasswordResetService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock, MailOptions options,
    IMailSignal signal, ChangeNotifier notifier, ILogger<PasswordResetService> log)
{
    public static readonly TimeSpan Validity = TimeSpan.FromHours(1);

    /// <summary>Links an account may be sent in an hour (on top of the per-address limit of the sign-in forms): no mail flood.</summary>
    public const int LinksPerHour = 3;

    public const string RequestedFromSignIn = "page de connexion";
    public const string ResetPath = "/account/reset-password";

    public const string DeadLinkMessage =
        "Ce lien n'est plus valable : il a déjà servi, ou il a plus d'une heure. Demandez un nouveau lien depuis la page de connexion.";

    private static readonly PasswordHasher<AppUser> Hasher = new();

    /// <summary>
    /// « Mot de passe oublié ? »: queues a link to the active account of <paramref name="email"/>, if there is one. Says
    /// nothing either way (the page answers the same), and does nothing past <see cref="LinksPerHour"/> links an hour.
    /// </summary>
    public async Task RequestAsync(string email, CancellationToken ct = default)
    {
        var normalized = (email ?? "").Trim().ToUpperInvariant();
        if (normalized.Length is 0 or > OutboxMessage.AddressLength)
        {
            return;
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized && u.DeactivatedAt == null, ct);
        if (user is null)
        {
            return;
        }
        await QueueLinkAsync(db, user, RequestedFromSignIn, ct);
    }

    /// <summary>
    /// The administrator's « Envoyer un lien de réinitialisation »: the account receives a link and chooses its password
    /// itself (no password to read out). The current password keeps working until the link is used.
    /// </summary>
    public async Task<string> SendLinkAsync(string userId, CancellationToken ct = default)
    {
        var caller = users.Current;
        if (!caller.IsAdmin)
        {
            throw new ScopeViolationException("La gestion des comptes est réservée à l'administrateur.");
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct) ?? throw new NotFoundException("Ce compte n'existe pas.");
        if (user.DeactivatedAt is not null)
        {
            throw new ScopeViolationException("Ce compte est désactivé : réactivez-le avant de lui envoyer un lien.");
        }
        if (!await QueueLinkAsync(db, user, caller.DisplayName, ct))
        {
            throw new ScopeViolationException($"Ce compte a déjà reçu {LinksPerHour} liens dans l'heure : attendez avant d'en envoyer un autre.");
        }
        return user.Email ?? "";
    }

    /// <summary>Whether <paramref name="secret"/> is a live link (not used, not expired, its account active): the page shows its form or says why not.</summary>
    public async Task<bool> IsLiveAsync(string? secret, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await LiveTokenAsync(db, secret, ct) is not null;
    }

    /// <summary>
    /// Sets the new password of the link's account. A dead link is refused (<see cref="DeadLinkMessage"/>), a password
    /// that breaks the rules or differs from its confirmation gets French messages per field; neither writes anything.
    /// Returns the account's address, for the sign-in page.
    /// </summary>
    public async Task<string> ResetAsync(string? secret, string? password, string? confirmation, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var token = await LiveTokenAsync(db, secret, ct) ?? throw new ScopeViolationException(DeadLinkMessage);
        var errors = new Dictionary<string, string[]>();
        if (PasswordRules.Problems(password) is { Count: > 0 } problems)
        {
            errors["Password"] = [.. problems];
        }
        else if (password != confirmation)
        {
            errors["Confirmation"] = ["Les deux mots de passe saisis sont différents."];
        }
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var user = token.User!;
        user.PasswordHash = Hasher.HashPassword(user, password!);
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        // Every link of the account dies with this one: an older mail cannot set the password again.
        foreach (var live in await db.PasswordResetTokens.Where(t => t.UserId == user.Id && t.UsedAt == null).ToListAsync(ct))
        {
            live.UsedAt = now;
        }
        await UserSessionService.RevokeAllAsync(db, user, now, ct);
        await db.SaveChangesAsync(ct);
        notifier.NotifyAccountChanged(new AccountChange(user.Id));
        log.LogInformation("Password of account {UserId} reset by e-mail link {TokenId}", user.Id, token.Id);
        return user.Email ?? "";
    }

    private async Task<PasswordResetToken?> LiveTokenAsync(AppDbContext db, string? secret, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 100)
        {
            return null;
        }
        var hash = Hash(secret);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.PasswordResetTokens.Include(t => t.User)
            .SingleOrDefaultAsync(t => t.SecretHash == hash && t.UsedAt == null && t.ExpiresAt > now && t.User!.DeactivatedAt == null, ct);
    }

    private async Task<bool> QueueLinkAsync(AppDbContext db, AppUser user, string requestedBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - TimeSpan.FromHours(1);
        if (await db.PasswordResetTokens.CountAsync(t => t.UserId == user.Id && t.CreatedAt > since, ct) >= LinksPerHour)
        {
            log.LogWarning("Password reset link for account {UserId} not sent: {Limit} links in the last hour", user.Id, LinksPerHour);
            return false;
        }
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        db.PasswordResetTokens.Add(new PasswordResetToken
        {
            UserId = user.Id,
            SecretHash = Hash(secret),
            CreatedAt = now,
            ExpiresAt = now + Validity,
            RequestedBy = requestedBy.Length > 200 ? requestedBy[..200] : requestedBy,
        });
        var link = options.Link($"{ResetPath}?jeton={secret}");
        await Outbox.AddAsync(db, clock, MailKind.PasswordReset, user.Id, user.Email!, user.DisplayName, Content(user.DisplayName, link, requestedBy),
            dedupKey: null, ct);
        await db.SaveChangesAsync(ct);
        signal.Queued();
        log.LogInformation("Password reset link queued for account {UserId}", user.Id);
        return true;
    }

    /// <summary>The mail: who asked, what the link does, how long it lives, and what to do when one did not ask.</summary>
    public static MailContent Content(string displayName, string link, string requestedBy) => new(
        "Choisir un nouveau mot de passe",
        $"Bonjour {displayName},",
        [
            requestedBy == RequestedFromSignIn
                ? "Un nouveau mot de passe a été demandé pour votre compte depuis la page de connexion de Centres Sociaux Connectés."
                : "L'administrateur de Centres Sociaux Connectés vous envoie ce lien pour choisir un nouveau mot de passe.",
            "Le lien ci-dessous est valable une heure et ne sert qu'une fois. En l'utilisant, vous serez déconnecté de tous vos appareils.",
            "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe actuel reste valable.",
        ],
        [],
        new MailLink("Choisir un nouveau mot de passe", link));

    /// <summary>Lower-case hexadecimal SHA-256 of a link's secret (the secret has 256 random bits: no salt or slow hash needed).</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
