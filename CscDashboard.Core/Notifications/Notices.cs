using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Notifications;

/// <summary>An active account a reminder or digest goes to, with the territories it coordinates (none for other roles).</summary>
public sealed record Recipient(string UserId, string Email, string DisplayName, IReadOnlyList<int> TerritoryIds);

/// <summary>
/// One fact for one person (issue 19 points 5-8): the bell's line (<see cref="Title"/>, <see cref="Text"/>, the page that
/// resolves it) and the mail telling the same. <see cref="DedupKey"/> names the fact and its period, so a job run twice
/// tells it once.
/// </summary>
public sealed record Notice(MailKind Kind, string DedupKey, string Title, string Text, string Link, MailContent Mail);

/// <summary>Writes notices: the bell's notification always, the mail unless the person turned that kind off.</summary>
public sealed class Notices(TimeProvider clock, UnsubscribeLinks unsubscribe)
{
    /// <summary>The active accounts of <paramref name="role"/>, with their territories.</summary>
    public static async Task<List<Recipient>> InRoleAsync(AppDbContext db, string role, CancellationToken ct)
    {
        var rows = await (from u in db.Users
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where r.Name == role && u.DeactivatedAt == null && u.Email != null
                          select new { u.Id, u.Email, u.DisplayName, Territories = u.Territories.Select(t => t.TerritoryId).ToList() })
            .AsNoTracking().ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Email, StringComparer.Ordinal).Select(r => new Recipient(r.Id, r.Email!, r.DisplayName, r.Territories))];
    }

    /// <summary>
    /// Adds <paramref name="notice"/> for <paramref name="to"/> to <paramref name="db"/> unless it was told before; the
    /// caller saves (and signals the outbox). Returns whether it is new.
    /// </summary>
    public async Task<bool> AddAsync(AppDbContext db, Recipient to, Notice notice, CancellationToken ct)
    {
        if (await db.Notifications.AnyAsync(n => n.UserId == to.UserId && n.DedupKey == notice.DedupKey, ct)
            || db.Notifications.Local.Any(n => n.UserId == to.UserId && n.DedupKey == notice.DedupKey))
        {
            return false;
        }
        db.Notifications.Add(new Notification
        {
            UserId = to.UserId,
            Kind = notice.Kind,
            Title = Cut(notice.Title, Notification.TitleLength),
            Text = Cut(notice.Text, Notification.TextLength),
            Link = notice.Link,
            DedupKey = notice.DedupKey,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        if (!await db.MailOptOuts.AnyAsync(o => o.UserId == to.UserId && o.Kind == notice.Kind, ct))
        {
            var mail = notice.Mail with { Unsubscribe = unsubscribe.Url(to.UserId, notice.Kind) };
            await Outbox.AddAsync(db, clock, notice.Kind, to.UserId, to.Email, to.DisplayName, mail, $"{notice.DedupKey}|{to.UserId}", ct);
        }
        return true;
    }

    private static string Cut(string text, int length) => text.Length > length ? text[..(length - 1)] + "…" : text;
}
