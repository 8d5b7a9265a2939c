using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Notifications;

/// <summary>One kind of e-mail on the preferences page: whether it comes, and whether it may be turned off.</summary>
public sealed record MailPreference(MailKind Kind, string Label, string When, bool Enabled, bool Optional);

/// <summary>
/// Which e-mails a person receives (issue 19 point 9, ADR 028): <c>/account/notifications</c> for the signed-in user, and
/// the one-click unsubscribe link of each mail, which works without signing in (<see cref="UnsubscribeLinks"/>). The
/// password reset cannot be turned off. The bell keeps every notice whatever the choice. Opt-outs are audited.
/// </summary>
public sealed class NotificationPreferencesService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock,
    UnsubscribeLinks links)
{
    public const string BadLinkMessage = "Ce lien de désinscription n'est pas valable : ouvrez vos préférences de notification après connexion.";

    /// <summary>The mails the caller's roles receive, and the password reset (always on).</summary>
    public async Task<IReadOnlyList<MailPreference>> GetAsync(CancellationToken ct = default)
    {
        var me = users.Current;
        var id = me.UserId ?? throw new ScopeViolationException("Connectez-vous pour choisir vos courriels.");
        await using var db = await factory.CreateDbContextAsync(ct);
        var off = await db.MailOptOuts.AsNoTracking().Where(o => o.UserId == id).Select(o => o.Kind).ToListAsync(ct);
        var kinds = new List<MailKind>();
        if (me.IsCoordinator)
        {
            kinds.AddRange([MailKind.InactivityReminder, MailKind.EvidenceReminder, MailKind.MonthToSubmit]);
        }
        if (me.IsProjectLead)
        {
            kinds.Add(MailKind.LeadDigest);
        }
        if (me.IsInRole(Roles.Committee))
        {
            kinds.Add(MailKind.NewReport);
        }
        return
        [
            .. kinds.Select(k => new MailPreference(k, MailKinds.Label(k), MailKinds.When(k), !off.Contains(k), Optional: true)),
            new MailPreference(MailKind.PasswordReset, MailKinds.Label(MailKind.PasswordReset), MailKinds.When(MailKind.PasswordReset), true, Optional: false),
        ];
    }

    /// <summary>Turns a kind of the caller's mails on or off (audited); the password reset is refused.</summary>
    public async Task SetAsync(MailKind kind, bool enabled, CancellationToken ct = default)
    {
        var id = users.Current.UserId ?? throw new ScopeViolationException("Connectez-vous pour choisir vos courriels.");
        await using var db = await factory.CreateDbContextAsync(ct);
        await SetAsync(db, id, kind, enabled, ct);
    }

    /// <summary>
    /// The unsubscribe link of a mail, without signing in: turns its kind off for its account. Returns the kind's label;
    /// a token altered or made elsewhere gets <see cref="BadLinkMessage"/> and writes nothing. Twice is the same as once.
    /// </summary>
    public async Task<string> UnsubscribeAsync(string? token, CancellationToken ct = default)
    {
        var (userId, kind) = links.Read(token) ?? throw new ScopeViolationException(BadLinkMessage);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct))
        {
            throw new ScopeViolationException(BadLinkMessage);
        }
        await SetAsync(db, userId, kind, enabled: false, ct);
        return MailKinds.Label(kind);
    }

    /// <summary>What an unsubscribe link would turn off, for its page before the click (null for a bad link).</summary>
    public string? UnsubscribeLabel(string? token) => links.Read(token) is { } read ? MailKinds.Label(read.Kind) : null;

    private async Task SetAsync(AppDbContext db, string userId, MailKind kind, bool enabled, CancellationToken ct)
    {
        if (!MailKinds.Optional.Contains(kind))
        {
            throw new ScopeViolationException("Le courriel de réinitialisation du mot de passe ne peut pas être désactivé.");
        }
        var existing = await db.MailOptOuts.SingleOrDefaultAsync(o => o.UserId == userId && o.Kind == kind, ct);
        if (enabled && existing is not null)
        {
            db.MailOptOuts.Remove(existing);
        }
        else if (!enabled && existing is null)
        {
            db.MailOptOuts.Add(new MailOptOut { UserId = userId, Kind = kind, At = clock.GetUtcNow().UtcDateTime });
        }
        await db.SaveChangesAsync(ct);
    }
}
