using CscDashboard.Core.Common;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

/// <summary>
/// A partner's journey through the read API (ADR 026): from the account menu to « Jetons d'accès à l'API », a token created
/// and its secret copied, the figures read with it; the reference page of the API shows its endpoints under the app's CSP.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiTokenJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [SkippableFact]
    public async Task A_committee_member_creates_a_token_from_the_account_menu_and_reads_the_figures_with_it()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.AddUserAsync("comite-jeton@test.csc", Roles.Committee);
        var page = await Browser.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(page, "comite-jeton@test.csc");

        await page.GetByRole(AriaRole.Button, new() { Name = "Mon compte" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Jetons d'accès à l'API" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Jetons d'accès à l'API");
        await page.GetByLabel("Nom du jeton").FillAsync("Tableur du Département");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le jeton" }).ClickAsync();
        await Assertions.Expect(page.GetByText("il ne sera plus jamais affiché")).ToBeVisibleAsync();
        var secret = await page.GetByLabel("Secret du jeton").InputValueAsync();
        await BrowserFixture.ScreenshotAsync(page, "jeton-cree-telephone.png", fullPage: true);

        var answer = await page.APIRequest.GetAsync("/api/v1/figures?period=2023-Q1&format=csv",
            new() { Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {secret}" } });
        Assert.Equal(200, answer.Status);
        Assert.StartsWith("Code territoire;Territoire;Activités", (await answer.TextAsync()).TrimStart('\uFEFF'), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#my-tokens")).ToContainTextAsync("Tableur du Département");
    }

    [SkippableFact]
    public async Task The_reference_page_lists_the_endpoints_for_a_signed_in_user()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.AddUserAsync("lead-docs@test.csc", Roles.ProjectLead);
        var page = await Browser.NewPageAsync(1366, 900);
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                refused.Add(message.Text);
            }
        };
        await BrowserFixture.SignInAsync(page, "lead-docs@test.csc");

        await page.GotoAsync("/api/docs");
        await Assertions.Expect(page.GetByText("Chiffres d'une période, regroupés").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByText("Journal d'activités").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "reference-api.png");
        Assert.True(refused.Count == 0, string.Join("\n", refused));
    }
}
