using CscDashboard.Core.Common;
using CscDashboard.Core.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;

namespace CscDashboard.Tests.Browser;

/// <summary>
/// A forgotten password, from the sign-in page to the home page (issue 19 point 4): the link is read from the .eml the
/// outbox writes into the pickup folder (no SMTP host in the tests), as a person would open it from their mailbox.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PasswordResetJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [SkippableFact]
    public async Task A_user_resets_a_forgotten_password_with_the_link_of_the_mail_and_signs_in_with_it()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        var email = $"oubli-{Guid.NewGuid():N}@test.csc";
        await Browser.App.AddUserAsync(email, Roles.Coordinator, "VAL");
        var page = await Browser.NewPageAsync(390, 844);

        await page.GotoAsync("/account/login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Mot de passe oublié ?" }).ClickAsync();
        // The sign-in page has an « Adresse e-mail » field too: fill the one of the new page once it is there.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mot de passe oublié", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Recevoir un lien" }).ClickAsync();
        await Assertions.Expect(page.Locator(".account-note[role=status]")).ToContainTextAsync("Si un compte actif utilise cette adresse");

        // The outbox's Hangfire job, as it runs every minute (the tests start no Hangfire server).
        using (var scope = Browser.App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxSender>().RunAsync(CancellationToken.None);
        }
        var folder = Browser.App.Services.GetRequiredService<MailOptions>().PickupDirectory;
        MimeMessage? mail = null;
        foreach (var file in Directory.GetFiles(folder, "*.eml"))
        {
            var candidate = await MimeMessage.LoadAsync(file);
            if (candidate.To.Mailboxes.Any(m => m.Address == email))
            {
                mail = candidate;
            }
        }
        Assert.NotNull(mail);
        Assert.Equal("Choisir un nouveau mot de passe", mail.Subject);
        var link = (mail.TextBody ?? "").Split('\n').Select(l => l.Trim()).First(l => l.Contains("/account/reset-password?jeton=", StringComparison.Ordinal));
        // The mail links to Mail:PublicUrl; the test server listens elsewhere.
        await page.GotoAsync(new Uri(link).PathAndQuery);

        await page.GetByLabel("Nouveau mot de passe", new() { Exact = true }).FillAsync("Nouveau-Passe-2026");
        await page.GetByLabel("Confirmer le mot de passe").FillAsync("Nouveau-Passe-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le mot de passe" }).ClickAsync();

        await Assertions.Expect(page.Locator(".account-note[role=status]")).ToContainTextAsync("Votre mot de passe est changé");
        await BrowserFixture.ScreenshotAsync(page, "password-reset-done-390.png");
        await BrowserFixture.SignInAsync(page, email, "Nouveau-Passe-2026");
        Assert.DoesNotContain("/account/", page.Url, StringComparison.Ordinal);
    }
}
