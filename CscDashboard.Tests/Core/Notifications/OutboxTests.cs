using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Notifications;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace CscDashboard.Tests.Core.Notifications;

/// <summary>The outbox (ADR 028) against a real SMTP server in the test process, and in pickup-folder mode.</summary>
public sealed class OutboxTests
{
    private static readonly MailContent Content = new(
        "Votre semaine à saisir",
        "Bonjour Camille,",
        ["Aucune activité n'a été saisie depuis trois jours ouvrés."],
        [new MailSection("À faire", ["Saisir lundi", "Saisir mardi"])],
        new MailLink("Saisir une activité", "http://csc.test/activities/new"),
        "http://csc.test/account/notifications/unsubscribe?t=abc");

    private static MailOptions Smtp(int port, int maxAttempts = 6) => new()
    {
        SmtpHost = "127.0.0.1", SmtpPort = port, Security = SmtpSecurity.None, FromAddress = "csc@federation.test", MaxAttempts = maxAttempts,
    };

    private static OutboxSender Sender(CoreTestContext ctx, MailOptions options) =>
        new(ctx.Get<IDbContextFactory<AppDbContext>>(), ctx.Clock, options, MailTransports.For(options), NullLogger<OutboxSender>.Instance);

    private static async Task<int> QueueAsync(CoreTestContext ctx, string to = "camille@test.csc", string? dedup = null, MailKind kind = MailKind.InactivityReminder)
    {
        await using var db = ctx.CreateDb();
        await Outbox.AddAsync(db, ctx.Clock, kind, null, to, "Camille Martin", Content, dedup, CancellationToken.None);
        await db.SaveChangesAsync();
        return await db.OutboxMessages.MaxAsync(m => m.Id);
    }

    private static async Task<OutboxMessage> MessageAsync(CoreTestContext ctx, int id)
    {
        await using var db = ctx.CreateDb();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    [Fact]
    public async Task A_queued_message_arrives_with_its_recipient_subject_french_text_and_html_and_links()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        await using var smtp = await SmtpTestServer.StartAsync();
        var id = await QueueAsync(ctx);

        Assert.Equal(1, await Sender(ctx, Smtp(smtp.Port)).RunAsync(CancellationToken.None));

        var (recipients, mail) = Assert.Single(smtp.Received);
        Assert.Equal(["camille@test.csc"], recipients);
        Assert.Equal("Votre semaine à saisir", mail.Subject);
        Assert.Equal("csc@federation.test", mail.From.Mailboxes.Single().Address);
        Assert.Contains("Bonjour Camille,", mail.TextBody);
        Assert.Contains("Saisir une activité :\nhttp://csc.test/activities/new", mail.TextBody!.ReplaceLineEndings("\n"));
        Assert.Contains("- Saisir mardi", mail.TextBody);
        Assert.Contains("Ne plus recevoir ce type de message : http://csc.test/account/notifications/unsubscribe?t=abc", mail.TextBody);
        Assert.Contains(MailOptions.FederationName, mail.TextBody);
        Assert.Contains("<html lang=\"fr\">", mail.HtmlBody);
        Assert.Contains("<a href=\"http://csc.test/activities/new\"", mail.HtmlBody);
        Assert.Contains("<li>Saisir mardi</li>", mail.HtmlBody);
        Assert.Contains("aucune activité", mail.HtmlBody, StringComparison.OrdinalIgnoreCase);
        var message = await MessageAsync(ctx, id);
        Assert.Equal(OutboxStatus.Sent, message.Status);
        Assert.Equal($"{message.MessageKey}@csc-dashboard", mail.MessageId);
    }

    [Fact]
    public async Task A_second_run_sends_nothing_again_and_a_fact_queued_twice_is_sent_once()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        await using var smtp = await SmtpTestServer.StartAsync();
        await QueueAsync(ctx, dedup: "fait:1");
        await QueueAsync(ctx, dedup: "fait:1");
        var sender = Sender(ctx, Smtp(smtp.Port));

        await Task.WhenAll(sender.RunAsync(CancellationToken.None), Sender(ctx, Smtp(smtp.Port)).RunAsync(CancellationToken.None));
        await sender.RunAsync(CancellationToken.None);

        Assert.Single(smtp.Received);
    }

    [Fact]
    public async Task A_refused_address_fails_at_once_with_a_french_reason_and_the_administrator_resends_it()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        await using var smtp = await SmtpTestServer.StartAsync();
        var id = await QueueAsync(ctx, to: "refuse@test.csc");

        Assert.Equal(0, await Sender(ctx, Smtp(smtp.Port)).RunAsync(CancellationToken.None));

        var failed = await MessageAsync(ctx, id);
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Equal(1, failed.Attempts);
        Assert.StartsWith("Adresse refusée par le serveur (550", failed.LastError);
        Assert.DoesNotContain("refuse@", failed.LastError);
        Assert.Empty(smtp.Received);

        var admin = await ctx.AddUserAsync("admin@test.csc", Roles.Admin);
        ctx.ActAs(admin);
        var service = ctx.Get<OutboxService>();
        Assert.Equal(new OutboxCounts(0, 0, 1), await service.CountsAsync());
        Assert.Equal("refuse@test.csc", Assert.Single((await service.ListAsync(OutboxStatus.Failed, new PageRequest())).Items).ToAddress);
        await service.ResendAsync(id);
        Assert.Equal(OutboxStatus.Pending, (await MessageAsync(ctx, id)).Status);
        await using (var db = ctx.CreateDb())
        {
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == nameof(OutboxMessage) && a.Action == "Resend" && a.UserId == admin.UserId));
        }
        await Assert.ThrowsAsync<ScopeViolationException>(() => service.ResendAsync(id));
    }

    [Fact]
    public async Task An_unreachable_server_is_tried_again_later_then_the_message_fails()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        int port;
        await using (var smtp = await SmtpTestServer.StartAsync())
        {
            port = smtp.Port;
        }
        var id = await QueueAsync(ctx);
        var sender = Sender(ctx, Smtp(port, maxAttempts: 2));

        await sender.RunAsync(CancellationToken.None);
        var waiting = await MessageAsync(ctx, id);
        Assert.Equal(OutboxStatus.Pending, waiting.Status);
        Assert.Equal(1, waiting.Attempts);
        Assert.Equal(ctx.Clock.GetUtcNow().UtcDateTime.AddMinutes(1), waiting.NextAttemptAt);
        Assert.Contains("injoignable", waiting.LastError);

        await sender.RunAsync(CancellationToken.None);
        Assert.Equal(1, (await MessageAsync(ctx, id)).Attempts);

        ctx.Clock.Advance(TimeSpan.FromMinutes(1));
        await sender.RunAsync(CancellationToken.None);
        var failed = await MessageAsync(ctx, id);
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Equal(2, failed.Attempts);
    }

    [Fact]
    public async Task A_message_left_sending_by_a_crash_is_failed_for_the_administrator_not_sent_again()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        await using var smtp = await SmtpTestServer.StartAsync();
        var id = await QueueAsync(ctx);
        await using (var db = ctx.CreateDb())
        {
            await db.OutboxMessages.ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutboxStatus.Sending)
                .SetProperty(m => m.ClaimedAt, ctx.Clock.GetUtcNow().UtcDateTime));
        }
        ctx.Clock.Advance(TimeSpan.FromMinutes(11));

        await Sender(ctx, Smtp(smtp.Port)).RunAsync(CancellationToken.None);

        Assert.Empty(smtp.Received);
        var message = await MessageAsync(ctx, id);
        Assert.Equal(OutboxStatus.Failed, message.Status);
        Assert.Equal(OutboxSender.UncertainMessage, message.LastError);
    }

    [Fact]
    public async Task Without_an_smtp_host_each_message_is_an_eml_file_of_the_mail_folder_written_once()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var id = await QueueAsync(ctx, kind: MailKind.PasswordReset);
        var options = ctx.Get<MailOptions>();
        Assert.True(options.UsesPickup);
        Assert.Equal(Path.Combine(ctx.DataDirectory, "mail"), options.PickupDirectory);

        await ctx.Get<OutboxSender>().RunAsync(CancellationToken.None);
        await ctx.Get<OutboxSender>().RunAsync(CancellationToken.None);

        var message = await MessageAsync(ctx, id);
        var file = Assert.Single(Directory.GetFiles(options.PickupDirectory));
        Assert.Equal($"{message.MessageKey}.eml", Path.GetFileName(file));
        var mail = await MimeMessage.LoadAsync(file);
        Assert.Equal("camille@test.csc", mail.To.Mailboxes.Single().Address);
        Assert.Equal("Votre semaine à saisir", mail.Subject);
        Assert.Contains("http://csc.test/activities/new", mail.TextBody);
        Assert.Contains("<a href=\"http://csc.test/activities/new\"", mail.HtmlBody);
        // A password-reset link is not kept once handed over.
        Assert.Equal(OutboxStatus.Sent, message.Status);
        Assert.Equal("", message.TextBody);
        Assert.Equal("", message.HtmlBody);
    }

    [Fact]
    public void Addresses_are_masked_for_the_logs() =>
        Assert.Equal("c***@test.csc", Outbox.Masked("camille@test.csc"));
}
