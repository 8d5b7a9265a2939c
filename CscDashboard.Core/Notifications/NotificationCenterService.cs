using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Notifications;

/// <summary>A line of the bell: the fact, when, whether it was read, and the page that resolves it.</summary>
public sealed record NotificationRow(int Id, MailKind Kind, string Title, string Text, string Link, DateTime CreatedAt, bool Read);

/// <summary>
/// The notification centre (issue 19 point 8, ADR 028): the signed-in user's own notifications, the unread count of the
/// bell, mark as read. Nobody reads another person's notifications, the administrator included. Reading marks are
/// bookkeeping (not audited); the pages learn of changes through <see cref="ChangeNotifier.NotificationsChanged"/>.
/// </summary>
public sealed class NotificationCenterService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock, ChangeNotifier changes)
{
    public const int ListSize = 30;

    public async Task<int> UnreadCountAsync(CancellationToken ct = default)
    {
        var me = Me();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Notifications.CountAsync(n => n.UserId == me && n.ReadAt == null, ct);
    }

    /// <summary>The <see cref="ListSize"/> most recent notifications of the caller, newest first.</summary>
    public async Task<IReadOnlyList<NotificationRow>> ListAsync(CancellationToken ct = default)
    {
        var me = Me();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Notifications.AsNoTracking().Where(n => n.UserId == me)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(ListSize)
            .Select(n => new NotificationRow(n.Id, n.Kind, n.Title, n.Text, n.Link, n.CreatedAt, n.ReadAt != null))
            .ToListAsync(ct);
    }

    /// <summary>Marks one of the caller's notifications read (another person's is « not found »).</summary>
    public async Task MarkReadAsync(int id, CancellationToken ct = default)
    {
        var me = Me();
        await using var db = await factory.CreateDbContextAsync(ct);
        var changed = await db.Notifications.Where(n => n.Id == id && n.UserId == me && n.ReadAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, clock.GetUtcNow().UtcDateTime), ct);
        if (changed == 0 && !await db.Notifications.AnyAsync(n => n.Id == id && n.UserId == me, ct))
        {
            throw new NotFoundException("Cette notification n'existe pas.");
        }
        if (changed > 0)
        {
            changes.NotifyNotificationsChanged(me);
        }
    }

    public async Task MarkAllReadAsync(CancellationToken ct = default)
    {
        var me = Me();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Notifications.Where(n => n.UserId == me && n.ReadAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, clock.GetUtcNow().UtcDateTime), ct) > 0)
        {
            changes.NotifyNotificationsChanged(me);
        }
    }

    private string Me() => users.Current.UserId
        ?? throw new ScopeViolationException("Connectez-vous pour voir vos notifications.");
}
