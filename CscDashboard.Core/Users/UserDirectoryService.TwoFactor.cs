using CscDashboard.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Users;

public sealed partial class UserDirectoryService
{
    /// <summary>Where Identity keeps an account's authenticator key and recovery codes (its user store's own tokens).</summary>
    public const string IdentityTokenProvider = "[AspNetUserStore]";

    /// <summary>
    /// "Réinitialiser la double authentification" (ADR 018), for a lost phone: the authenticator key and the recovery
    /// codes are removed, two-factor sign-in is off and every session of the account ends. At its next sign-in an
    /// account whose role requires the second factor enrols again. Resetting an account without one changes nothing.
    /// </summary>
    public async Task ResetTwoFactorAsync(string userId, CancellationToken ct = default)
    {
        EnsureAdmin();
        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await FindAsync(db, userId, ct);
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
}
