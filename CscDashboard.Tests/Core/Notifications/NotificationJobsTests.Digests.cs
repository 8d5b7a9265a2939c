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

/// <summary>The lead's Monday digest and the committee's new-report notice.</summary>
public sealed partial class NotificationJobsTests
{
    [Fact]
    public async Task The_leads_monday_digest_tells_the_week_once()
    {
        await using var world = await WorldAsync(new DateOnly(2023, 4, 17));
        var ctx = world.Ctx;
        await using (var db = ctx.CreateDb())
        {
            db.MonthCloses.Add(new MonthClose { TerritoryId = await ctx.TerritoryIdAsync("ART"), Month = new DateOnly(2023, 3, 1), Status = MonthCloseStatus.Submitted });
            await db.SaveChangesAsync();
        }
        var job = ctx.Get<DigestJob>();

        Assert.Equal(1, await job.RunLeadDigestAsync(CancellationToken.None));
        Assert.Equal(0, await job.RunLeadDigestAsync(CancellationToken.None));

        var digest = Assert.Single(await NoticesAsync(ctx, world.Lead));
        Assert.Equal("Synthèse de la semaine du 17 avril 2023", digest.Title);
        Assert.Contains("1 mois à approuver", digest.Text);
        var mail = Assert.Single(await MailsAsync(ctx));
        Assert.Equal("lea@test.csc", mail.ToAddress);
        Assert.Contains("Mois soumis en attente d'approbation", mail.TextBody);
        Assert.Contains("Artois : mars 2023", mail.TextBody);
        Assert.Contains("Territoires sans activité depuis 3 jours ouvrés ou plus", mail.TextBody);
        Assert.Contains("Artois : dernière activité le 6 avril 2023", mail.TextBody);
        Assert.Contains("Pièces justificatives de l'opération", mail.TextBody);
        Assert.Contains("Indicateurs en retard sur leur cible", mail.TextBody);
        Assert.Empty(await NoticesAsync(ctx, world.Coordinator));
    }

    [Fact]
    public async Task The_committee_is_told_of_a_new_federation_report_without_names_or_attachment_once()
    {
        await using var world = await WorldAsync(Wednesday);
        var ctx = world.Ctx;
        await ReportAsync(ctx, completedDaysAgo: 0);
        await ReportAsync(ctx, completedDaysAgo: 30, periodCode: "2022-Q4");
        await using var smtp = await SmtpTestServer.StartAsync();
        var job = ctx.Get<DigestJob>();

        await job.RunNewReportsAsync(CancellationToken.None);
        await job.RunNewReportsAsync(CancellationToken.None);

        var notice = Assert.Single(await NoticesAsync(ctx, world.Committee));
        Assert.Equal("Un nouveau bilan est prêt", notice.Title);
        Assert.Equal("Bilan trimestriel (comité) — 1er trimestre 2023 : à lire dans la bibliothèque des bilans.", notice.Text);
        Assert.Equal("/reports", notice.Link);
        await SenderTo(ctx, smtp.Port).RunAsync(CancellationToken.None);
        var (recipients, mail) = Assert.Single(smtp.Received);
        Assert.Equal(["comite@test.csc"], recipients);
        Assert.Equal("", mail.To.Mailboxes.Single().Name ?? "");
        Assert.StartsWith("Bonjour,", mail.TextBody);
        Assert.DoesNotContain("Camille", mail.TextBody);
        Assert.DoesNotContain("comite", mail.TextBody);
        Assert.Contains("<a href=\"http://localhost:5260/reports\"", mail.HtmlBody);
        Assert.Empty(mail.Attachments);
    }

    private static async Task ReportAsync(CoreTestContext ctx, int completedDaysAgo, string periodCode = "2023-Q1")
    {
        await using var db = ctx.CreateDb();
        db.ReportSnapshots.Add(new ReportSnapshot
        {
            Kind = ReportKind.QuarterlyCommittee, PeriodCode = periodCode, Scope = ReportLabels.FederationScope,
            PeriodStart = new DateOnly(2023, 1, 1), PeriodEnd = new DateOnly(2023, 3, 31), Status = ReportStatus.Ready,
            RequestedBy = "Camille Martin", CompletedAt = ctx.Clock.GetUtcNow().UtcDateTime.AddDays(-completedDaysAgo),
        });
        await db.SaveChangesAsync();
    }

    private static OutboxSender SenderTo(CoreTestContext ctx, int port)
    {
        var options = new MailOptions { SmtpHost = "127.0.0.1", SmtpPort = port, Security = SmtpSecurity.None };
        return new OutboxSender(ctx.Get<IDbContextFactory<AppDbContext>>(), ctx.Clock, options, MailTransports.For(options), NullLogger<OutboxSender>.Instance);
    }
}
