using System.Security.Cryptography;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Users;

/// <summary>
/// Server-side sessions (ADR 018): started at sign-in, checked on every request that carries a sign-in cookie
/// and on every open page when its account changes, ended at sign-out, and all ended at once for an account
/// whose password, activation or second factor changes. Called by the sign-in machinery with the session's own
/// id, never by a page: it reads and writes no territory's data.
/// </summary>
public sealed class UserSessionService(IDbContextFactory<AppDbContext> factory, TimeProvider clock, ChangeNotifier notifier)
{
    public const int UserAgentLength = 200;

    /// <summary>How often a live session's last-seen time is written: a request within this step writes nothing.</summary>
    public static readonly TimeSpan LastSeenStep = TimeSpan.FromMinutes(5);

    /// <summary>A new session for a sign-in of <paramref name="userId"/>; its id goes into the cookie.</summary>
    public async Task<string> StartAsync(string userId, string? userAgent, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var session = new UserSession
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            UserId = userId,
            CreatedAt = now,
            LastSeenAt = now,
            UserAgent = userAgent is { Length: > UserAgentLength } ? userAgent[..UserAgentLength] : userAgent,
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session.Id;
    }

    /// <summary>
    /// Whether a cookie's session is still good: its row exists for this account and is not revoked, the account
    /// is active and its security stamp is the cookie's, and it has its second factor when its role requires one
    /// (<paramref name="requireTwoFactor"/>). One lookup by primary key; the last-seen time is written at most every
    /// <see cref="LastSeenStep"/>.
    /// </summary>
    public async Task<bool> IsLiveAsync(string? sessionId, string? userId, string? securityStamp, bool requireTwoFactor = false,
        CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(sessionId) || string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(securityStamp))
        {
            return false;
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.UserSessions.AsNoTracking()
            .Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null)
            .Select(s => new { s.LastSeenAt, s.User!.SecurityStamp, s.User.DeactivatedAt, s.User.TwoFactorEnabled })
            .SingleOrDefaultAsync(ct);
        if (row is null || row.DeactivatedAt is not null || row.SecurityStamp != securityStamp || (requireTwoFactor && !row.TwoFactorEnabled))
        {
            return false;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (now - row.LastSeenAt >= LastSeenStep)
        {
            // Bookkeeping, not a change of anyone's data: written without an audit row.
            await db.UserSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), ct);
        }
        return true;
    }

    /// <summary>
    /// Sign-out: the session's cookie stops working on its next request, even a copy of it. Open pages are not told
    /// (the page signing out is navigating away, and a notice would race its redirect); a page opened with a copy
    /// of the cookie ends at its periodic check.
    /// </summary>
    public async Task EndAsync(string sessionId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var session = await db.UserSessions.SingleOrDefaultAsync(s => s.Id == sessionId && s.RevokedAt == null, ct);
        if (session is null)
        {
            return;
        }
        session.RevokedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Ends every session of the account at once (new security stamp, every row revoked, open pages told): the one
    /// call a password reset (by the administrator today, by e-mail tomorrow) makes after changing the password.
    /// <paramref name="newStamp"/> false is for callers that changed the stamp already through Identity's UserManager
    /// (turning the second factor on or off), whose in-memory account must keep the stamp it holds.
    /// </summary>
    public async Task EndAllAsync(string userId, bool newStamp = true, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct) ?? throw new NotFoundException("Ce compte n'existe pas.");
        var stamp = user.SecurityStamp;
        await RevokeAllAsync(db, user, clock.GetUtcNow().UtcDateTime, ct);
        if (!newStamp)
        {
            user.SecurityStamp = stamp;
        }
        await db.SaveChangesAsync(ct);
        notifier.NotifyAccountChanged(new AccountChange(userId));
    }

    /// <summary>
    /// Marks every live session of <paramref name="user"/> revoked and gives it a new security stamp, in
    /// <paramref name="db"/>: the caller saves with its own change (one transaction) and then notifies.
    /// </summary>
    public static async Task RevokeAllAsync(AppDbContext db, AppUser user, DateTime now, CancellationToken ct = default)
    {
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        foreach (var session in await db.UserSessions.Where(s => s.UserId == user.Id && s.RevokedAt == null).ToListAsync(ct))
        {
            session.RevokedAt = now;
        }
    }
}
