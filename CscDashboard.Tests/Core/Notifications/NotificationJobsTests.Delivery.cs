using CscDashboard.Core.Activities;
using CscDashboard.Core.Closing;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Core.Notifications;
using CscDashboard.Core.Reporting;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace CscDashboard.Tests.Core.Notifications;

/// <summary>Preferences and delivery: a kind turned off, and every kind through SMTP and the pickup folder.</summary>
public sealed partial class NotificationJobsTests
{
    [Fact]
    public async Task A_kind_turned_off_still_rings_the_bell_but_sends_no_mail()
    {
        await using var world = await WorldAsync(Wednesday.AddDays(1));
        var ctx = world.Ctx;
        ctx.ActAs(world.Coordinator);
        await ctx.Get<NotificationPreferencesService>().SetAsync(MailKind.InactivityReminder, enabled: false);
        ctx.ActAs(CurrentUser.System("test"));

        await ctx.Get<CoordinatorReminderJob>().RunDailyAsync(CancellationToken.None);

        Assert.Contains(await NoticesAsync(ctx, world.Coordinator), n => n.Kind == MailKind.InactivityReminder);
        Assert.DoesNotContain(await MailsAsync(ctx), m => m.Kind == MailKind.InactivityReminder);
        Assert.Contains(await MailsAsync(ctx), m => m.Kind == MailKind.MonthToSubmit);
    }

    [Fact]
    public async Task Every_kind_arrives_through_smtp_and_in_the_pickup_folder()
    {
        await using var world = await WorldAsync(new DateOnly(2023, 4, 17));
        var ctx = world.Ctx;
        await ActivityAsync(ctx, "ART", new DateOnly(2023, 2, 1), world.Coordinator.UserId!, ActivityFormat.Workshop);
        await ReportAsync(ctx, completedDaysAgo: 0);
        await ctx.Get<CoordinatorReminderJob>().RunDailyAsync(CancellationToken.None);
        await ctx.Get<CoordinatorReminderJob>().RunWeeklyAsync(CancellationToken.None);
        await ctx.Get<DigestJob>().RunLeadDigestAsync(CancellationToken.None);
        await ctx.Get<DigestJob>().RunNewReportsAsync(CancellationToken.None);
        ctx.ActAs(CurrentUser.Anonymous);
        await ctx.Get<PasswordResetService>().RequestAsync("camille@test.csc");
        var kinds = (await MailsAsync(ctx)).Select(m => m.Kind).Order().ToList();
        Assert.Equal(Enum.GetValues<MailKind>().Order().ToList(), kinds);

        await using var smtp = await SmtpTestServer.StartAsync();
        Assert.Equal(kinds.Count, await SenderTo(ctx, smtp.Port).RunAsync(CancellationToken.None));
        foreach (var (_, mail) in smtp.Received)
        {
            Assert.Contains(MailOptions.FederationName, mail.TextBody);
            Assert.Contains("<html lang=\"fr\">", mail.HtmlBody);
            Assert.Contains("http://localhost:5260/", mail.TextBody);
        }
        Assert.Equal(kinds.Count - 1, smtp.Received.Count(r => r.Message.TextBody!.Contains("Ne plus recevoir ce type de message", StringComparison.Ordinal)));

        // The same facts again, in pickup mode (the context's own options: no SMTP host).
        await using (var db = ctx.CreateDb())
        {
            await db.OutboxMessages.ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutboxStatus.Pending));
        }
        await ctx.Get<OutboxSender>().RunAsync(CancellationToken.None);
        var files = Directory.GetFiles(ctx.Get<MailOptions>().PickupDirectory, "*.eml");
        Assert.Equal(kinds.Count, files.Length);
        var subjects = new List<string>();
        foreach (var file in files)
        {
            subjects.Add((await MimeMessage.LoadAsync(file)).Subject ?? "");
        }
        Assert.Contains("Un nouveau bilan est prêt : Bilan trimestriel (comité) — 1er trimestre 2023", subjects);
        Assert.Contains("Mars 2023 à soumettre pour Artois", subjects);
    }
}
