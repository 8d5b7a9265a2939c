using System.Text.RegularExpressions;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Notifications;
using CscDashboard.Core.Users;
using CscDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace CscDashboard.Tests.Core.Notifications;

/// <summary>Password reset by e-mail (issue 19 point 4, ADR 028): the link, its hour, its single use, the rules, the sessions.</summary>
public sealed partial class PasswordResetTests
{
    private const string NewPassword = "Nouveau-Passe-2026";

    [GeneratedRegex(@"jeton=([A-Za-z0-9_-]+)")]
    private static partial Regex LinkSecret();

    private static async Task<(CoreTestContext Ctx, string UserId)> AccountAsync()
    {
        var ctx = await CoreTestContext.CreateAsync();
        var user = await ctx.AddUserAsync("camille@test.csc", Roles.Coordinator, "ART");
        ctx.ActAs(CurrentUser.Anonymous);
        return (ctx, user.UserId!);
    }

    private static async Task<OutboxMessage?> LastMailAsync(CoreTestContext ctx)
    {
        await using var db = ctx.CreateDb();
        return await db.OutboxMessages.AsNoTracking().OrderByDescending(m => m.Id).FirstOrDefaultAsync();
    }

    private static string SecretOf(string body) => LinkSecret().Match(body).Groups[1].Value;

    private static async Task<AppUser> UserAsync(CoreTestContext ctx, string id)
    {
        await using var db = ctx.CreateDb();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == id);
    }

    [Fact]
    public async Task A_link_asked_for_sets_the_password_once_ends_every_session_and_keeps_only_the_hash()
    {
        var (ctx, userId) = await AccountAsync();
        await using var _ = ctx;
        var sessions = ctx.Get<UserSessionService>();
        var session = await sessions.StartAsync(userId, "Firefox");
        var stamp = (await UserAsync(ctx, userId)).SecurityStamp;
        var resets = ctx.Get<PasswordResetService>();

        await resets.RequestAsync("  CAMILLE@test.csc ");

        var mail = Assert.IsType<OutboxMessage>(await LastMailAsync(ctx));
        Assert.Equal(MailKind.PasswordReset, mail.Kind);
        Assert.Equal("camille@test.csc", mail.ToAddress);
        Assert.Equal("Choisir un nouveau mot de passe", mail.Subject);
        Assert.Contains("valable une heure", mail.TextBody);
        Assert.Contains("http://localhost:5260/account/reset-password?jeton=", mail.TextBody);
        Assert.DoesNotContain("Ne plus recevoir", mail.TextBody);
        var secret = SecretOf(mail.TextBody);
        Assert.True(secret.Length >= 40);
        await using (var db = ctx.CreateDb())
        {
            var token = await db.PasswordResetTokens.SingleAsync();
            Assert.Equal(PasswordResetService.Hash(secret), token.SecretHash);
            Assert.DoesNotContain(secret, token.SecretHash, StringComparison.Ordinal);
            Assert.Equal(PasswordResetService.RequestedFromSignIn, token.RequestedBy);
            // Audited without the hash.
            var audit = await db.AuditEntries.SingleAsync(a => a.Entity == nameof(PasswordResetToken));
            Assert.DoesNotContain(token.SecretHash, audit.Changes ?? "", StringComparison.Ordinal);
        }
        Assert.True(await resets.IsLiveAsync(secret));
        Assert.True(await sessions.IsLiveAsync(session, userId, stamp));

        Assert.Equal("camille@test.csc", await resets.ResetAsync(secret, NewPassword, NewPassword));

        var user = await UserAsync(ctx, userId);
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<AppUser>().VerifyHashedPassword(user, user.PasswordHash!, NewPassword));
        Assert.False(await sessions.IsLiveAsync(session, userId, user.SecurityStamp));
        Assert.False(await resets.IsLiveAsync(secret));
        var again = await Assert.ThrowsAsync<ScopeViolationException>(() => resets.ResetAsync(secret, "Autre-Passe-2027", "Autre-Passe-2027"));
        Assert.Equal(PasswordResetService.DeadLinkMessage, again.Message);
    }

    [Fact]
    public async Task An_unknown_or_deactivated_address_gets_the_same_silence_and_nothing_is_written()
    {
        var (ctx, userId) = await AccountAsync();
        await using var _ = ctx;
        await using (var db = ctx.CreateDb())
        {
            var user = await db.Users.SingleAsync(u => u.Id == userId);
            user.DeactivatedAt = ctx.Clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync();
        }
        var resets = ctx.Get<PasswordResetService>();

        await resets.RequestAsync("personne@test.csc");
        await resets.RequestAsync("camille@test.csc");
        await resets.RequestAsync("");

        Assert.Null(await LastMailAsync(ctx));
        await using var check = ctx.CreateDb();
        Assert.Equal(0, await check.PasswordResetTokens.CountAsync());
    }

    [Fact]
    public async Task A_link_dies_after_an_hour_and_an_account_gets_three_links_an_hour_at_most()
    {
        var (ctx, _) = await AccountAsync();
        await using var __ = ctx;
        var resets = ctx.Get<PasswordResetService>();
        await resets.RequestAsync("camille@test.csc");
        var secret = SecretOf((await LastMailAsync(ctx))!.TextBody);

        ctx.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.True(await resets.IsLiveAsync(secret));
        ctx.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.False(await resets.IsLiveAsync(secret));
        await Assert.ThrowsAsync<ScopeViolationException>(() => resets.ResetAsync(secret, NewPassword, NewPassword));

        for (var i = 0; i < 5; i++)
        {
            await resets.RequestAsync("camille@test.csc");
        }
        await using var db = ctx.CreateDb();
        Assert.Equal(4, await db.OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task A_password_that_breaks_the_rules_gets_french_messages_and_changes_nothing()
    {
        var (ctx, userId) = await AccountAsync();
        await using var _ = ctx;
        var resets = ctx.Get<PasswordResetService>();
        await resets.RequestAsync("camille@test.csc");
        var secret = SecretOf((await LastMailAsync(ctx))!.TextBody);
        var before = (await UserAsync(ctx, userId)).PasswordHash;

        var weak = await Assert.ThrowsAsync<ValidationFailedException>(() => resets.ResetAsync(secret, "court", "court"));
        Assert.Contains($"au moins {PasswordRules.MinimumLength} caractères", weak.Errors["Password"][0]);
        Assert.Contains(weak.Errors["Password"], m => m.Contains("majuscule", StringComparison.Ordinal));
        Assert.Contains(weak.Errors["Password"], m => m.Contains("chiffre", StringComparison.Ordinal));
        var typo = await Assert.ThrowsAsync<ValidationFailedException>(() => resets.ResetAsync(secret, NewPassword, NewPassword + "x"));
        Assert.Equal(["Les deux mots de passe saisis sont différents."], typo.Errors["Confirmation"]);

        Assert.Equal(before, (await UserAsync(ctx, userId)).PasswordHash);
        Assert.True(await resets.IsLiveAsync(secret));
    }

    [Fact]
    public async Task The_administrators_link_arrives_through_smtp_and_an_older_link_dies_with_the_one_used()
    {
        var (ctx, userId) = await AccountAsync();
        await using var _ = ctx;
        await using var smtp = await SmtpTestServer.StartAsync();
        var resets = ctx.Get<PasswordResetService>();
        await resets.RequestAsync("camille@test.csc");
        var older = SecretOf((await LastMailAsync(ctx))!.TextBody);
        ctx.ActAs(new CurrentUser("admin-id", "Alex Admin", new HashSet<string> { Roles.Admin }, new HashSet<int>()));

        Assert.Equal("camille@test.csc", await resets.SendLinkAsync(userId));

        var options = new MailOptions { SmtpHost = "127.0.0.1", SmtpPort = smtp.Port, Security = SmtpSecurity.None, PublicUrl = "https://csc.test" };
        var sender = new OutboxSender(ctx.Get<IDbContextFactory<AppDbContext>>(), ctx.Clock, options, MailTransports.For(options), NullLogger<OutboxSender>.Instance);
        Assert.Equal(2, await sender.RunAsync(CancellationToken.None));
        var (recipients, mail) = smtp.Received.Last();
        Assert.Equal(["camille@test.csc"], recipients);
        Assert.Contains("L'administrateur de Centres Sociaux Connectés vous envoie ce lien", mail.TextBody);
        Assert.Contains("<a href=\"http://localhost:5260/account/reset-password?jeton=", mail.HtmlBody);
        var secret = SecretOf(mail.TextBody!);
        Assert.NotEqual(older, secret);
        await using (var db = ctx.CreateDb())
        {
            Assert.Equal("Alex Admin", (await db.PasswordResetTokens.OrderBy(t => t.Id).LastAsync()).RequestedBy);
        }

        ctx.ActAs(CurrentUser.Anonymous);
        await resets.ResetAsync(secret, NewPassword, NewPassword);
        Assert.False(await resets.IsLiveAsync(older));
    }

    [Fact]
    public async Task In_pickup_mode_the_link_is_in_the_eml_file()
    {
        var (ctx, _) = await AccountAsync();
        await using var __ = ctx;
        await ctx.Get<PasswordResetService>().RequestAsync("camille@test.csc");

        await ctx.Get<OutboxSender>().RunAsync(CancellationToken.None);

        var mail = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(ctx.Get<MailOptions>().PickupDirectory)));
        Assert.Equal("camille@test.csc", mail.To.Mailboxes.Single().Address);
        Assert.True(await ctx.Get<PasswordResetService>().IsLiveAsync(SecretOf(mail.TextBody ?? "")));
    }

    [Fact]
    public async Task Only_the_administrator_sends_a_link_and_not_to_a_deactivated_account()
    {
        var (ctx, userId) = await AccountAsync();
        await using var _ = ctx;
        var resets = ctx.Get<PasswordResetService>();
        ctx.ActAs(new CurrentUser("lead-id", "Lea", new HashSet<string> { Roles.ProjectLead }, new HashSet<int>()));
        await Assert.ThrowsAsync<ScopeViolationException>(() => resets.SendLinkAsync(userId));
        ctx.ActAs(new CurrentUser("admin-id", "Alex Admin", new HashSet<string> { Roles.Admin }, new HashSet<int>()));
        await Assert.ThrowsAsync<NotFoundException>(() => resets.SendLinkAsync("inconnu"));
        Assert.Null(await LastMailAsync(ctx));
    }
}
