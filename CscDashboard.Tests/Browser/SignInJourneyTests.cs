using CscDashboard.Core.Common;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SignInJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [SkippableFact]
    public async Task A_coordinator_signs_in_and_sees_the_french_home_page_on_a_phone_without_horizontal_scrolling()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.AddUserAsync("coord-phone@test.csc", Roles.Coordinator, "VAL");
        var page = await Browser.NewPageAsync(390, 844);

        await BrowserFixture.SignInAsync(page, "coord-phone@test.csc");

        await Assertions.Expect(page.GetByText("Bonjour coord-phone")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Périmètre : Valenciennois")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Centres engagés")).ToBeVisibleAsync();
        Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));
        // Wait for the circuit (interactive render) before measuring the final layout.
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await BrowserFixture.ScreenshotAsync(page, "home-coordinator-390.png", fullPage: true);

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than a 390 px screen");
    }

    [SkippableFact]
    public async Task The_project_lead_sees_every_territory_on_a_desktop()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.AddUserAsync("lead-desktop@test.csc", Roles.ProjectLead);
        var page = await Browser.NewPageAsync(1366, 900);
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                blocked.Add(message.Text);
            }
        };

        await BrowserFixture.SignInAsync(page, "lead-desktop@test.csc");

        await Assertions.Expect(page.GetByText("Périmètre : Toute la fédération")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(10);
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Cambrésis", Exact = true })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "home-lead-desktop.png", fullPage: true);
        // The dashboard's charts, theme and menus work under the Content-Security-Policy: nothing is blocked.
        await page.GotoAsync("/dashboard");
        await Assertions.Expect(page.GetByText("Tendance sur 12 mois")).ToBeVisibleAsync();
        Assert.Empty(blocked);
    }

    [SkippableFact]
    public async Task A_wrong_password_shows_a_french_message_in_the_browser()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.AddUserAsync("coord-wrong@test.csc", Roles.Coordinator, "VAL");
        var page = await Browser.NewPageAsync(390, 844);

        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", "coord-wrong@test.csc");
        await page.FillAsync("#password", "pas-le-bon-mot-de-passe");
        await page.ClickAsync("button[type=submit]");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Adresse e-mail ou mot de passe incorrect.");
        Assert.Equal("", await page.InputValueAsync("#password"));
    }
}
