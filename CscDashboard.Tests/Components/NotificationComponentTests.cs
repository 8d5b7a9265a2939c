using Bunit;
using CscDashboard.Core.Common;
using CscDashboard.Core.Notifications;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Components.Layout;
using CscDashboard.Web.Components.Pages.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CscDashboard.Tests.Components;

/// <summary>The bell of the app bar and <c>/account/notifications</c> (issue 19 points 8-9) over the real services (SQLite).</summary>
public sealed class NotificationComponentTests : MudTestContext
{
    private CoreTestContext _core = default!;
    private CurrentUser _coordinator = default!;
    private CurrentUser _other = default!;

    public override async Task InitializeAsync()
    {
        _core = await CoreTestContext.CreateAsync();
        _coordinator = await _core.AddUserAsync("oscar.coord@test.csc", Roles.Coordinator, "ART");
        _other = await _core.AddUserAsync("lina.coord@test.csc", Roles.Coordinator, "LIL");
        Services.AddSingleton(_core.Get<NotificationCenterService>());
        Services.AddSingleton(_core.Get<NotificationPreferencesService>());
        Services.AddSingleton(_core.Get<ChangeNotifier>());
        Services.AddSingleton<TimeProvider>(_core.Clock);
        _core.ActAs(_coordinator);
        AddAuthorization().SetAuthorized(_coordinator.DisplayName).SetRoles(Roles.Coordinator);
    }

    protected override async Task OnDisposeAsync() => await _core.DisposeAsync();

    private async Task<int> NoticeAsync(CurrentUser user, string title)
    {
        await using var db = _core.CreateDb();
        var notification = new Notification
        {
            UserId = user.UserId!, Kind = MailKind.InactivityReminder, Title = title, Text = "Dernière activité saisie le 6 avril.",
            Link = "/activities/new", DedupKey = Guid.NewGuid().ToString("N"), CreatedAt = _core.Clock.GetUtcNow().UtcDateTime,
        };
        db.Notifications.Add(notification);
        await db.SaveChangesAsync();
        return notification.Id;
    }

    [Fact]
    public async Task The_bell_shows_the_unread_count_and_follows_new_notices_live()
    {
        await NoticeAsync(_coordinator, "Aucune activité saisie depuis 3 jours ouvrés");
        await NoticeAsync(_other, "Pas pour moi");

        var bell = Render<NotificationBell>(p => p.Add(b => b.User, _coordinator));

        bell.WaitForAssertion(() => Assert.Equal("Notifications : 1 non lue", bell.Find("a[href='/account/notifications']").GetAttribute("aria-label")));
        Assert.Contains(">1<", bell.Markup);

        await NoticeAsync(_coordinator, "Mars 2023 à soumettre pour Artois");
        _core.Get<ChangeNotifier>().NotifyNotificationsChanged();

        bell.WaitForAssertion(() => Assert.Equal("Notifications : 2 non lues", bell.Find("a[href='/account/notifications']").GetAttribute("aria-label")));

        // Reading them elsewhere (the notification page, another tab) empties the bell.
        await _core.Get<NotificationCenterService>().MarkAllReadAsync();
        bell.WaitForAssertion(() => Assert.Equal("Notifications : aucune non lue", bell.Find("a[href='/account/notifications']").GetAttribute("aria-label")));
    }

    [Fact]
    public async Task The_page_lists_ones_own_notices_marks_them_read_and_sets_the_mails()
    {
        var id = await NoticeAsync(_coordinator, "Aucune activité saisie depuis 3 jours ouvrés");
        await NoticeAsync(_other, "Pas pour moi");
        Render<MudPopoverProvider>();

        var page = Render<NotificationsPage>();

        page.WaitForAssertion(() => Assert.Contains("Notifications (1 non lue)", page.Markup));
        Assert.DoesNotContain("Pas pour moi", page.Markup);
        var link = page.Find($"li[data-notification='{id}'] a.notification-title");
        Assert.Equal("/activities/new", link.GetAttribute("href"));
        // The coordinator's three reminders may be turned off; the password reset may not.
        Assert.Equal(4, page.FindAll("[data-preference]").Count);
        Assert.NotNull(page.Find("[data-preference='PasswordReset'] input[disabled]"));
        Assert.Empty(page.FindAll("[data-preference='LeadDigest']"));

        await page.Find($"li[data-notification='{id}'] button").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("notification read", page.Markup));
        page.Find("[data-preference='InactivityReminder'] input").Change(false);

        page.WaitForAssertion(() => Assert.Contains("Vous ne recevrez plus « Rappel : aucune activité saisie » par courriel.", page.Markup));
        await using var db = _core.CreateDb();
        Assert.NotNull((await db.Notifications.SingleAsync(n => n.Id == id)).ReadAt);
        var optOut = await db.MailOptOuts.SingleAsync();
        Assert.Equal((_coordinator.UserId, MailKind.InactivityReminder), (optOut.UserId, optOut.Kind));
        Assert.Contains(await db.AuditEntries.Select(a => a.Entity).ToListAsync(), e => e == nameof(MailOptOut));
    }
}
