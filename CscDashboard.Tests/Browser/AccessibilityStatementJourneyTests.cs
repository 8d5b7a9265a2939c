using CscDashboard.Core.Common;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

/// <summary>The accessibility statement (issue 15 point 7): reached from a page's footer, readable on a desktop and on a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityStatementJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [SkippableFact]
    public async Task A_signed_in_user_reaches_the_statement_from_the_footer_with_the_keyboard_and_comes_back()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.AddUserAsync("comite-declaration@test.csc", Roles.Committee);
        var page = await Browser.NewPageAsync(1366, 900);
        var keys = new KeyboardUser(page);
        await keys.SignInAsync("comite-declaration@test.csc");
        await page.GotoAsync("/dashboard?period=2023");
        await Assertions.Expect(page.GetByTestId("period-label")).ToHaveTextAsync("Année 2023");

        // The footer's link is the page's last stop. The page opens with the focus on its h1 (inside main): Shift+Tab goes
        // back through the menu (three links here), the app bar's three buttons and the skip link, then wraps to the footer.
        var footer = page.Locator("footer a.app-footer-link");
        await Assertions.Expect(footer).ToHaveTextAsync("Accessibilité : non conforme");
        await keys.TabToAsync(footer, max: 10, backwards: true);
        await keys.AssertFocusVisibleAsync();
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(url => url.EndsWith("/accessibilite", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Déclaration d'accessibilité");
        Assert.Equal("Déclaration d'accessibilité — Centres Sociaux Connectés", await page.TitleAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "Retour à l'application" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/accessibilite", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("footer a.app-footer-link")).ToBeVisibleAsync();
    }

    [SkippableTheory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task Without_signing_in_the_statement_reads_on_a_desktop_and_on_a_phone(int width, int height)
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        var page = await Browser.NewPageAsync(width, height);

        await page.GotoAsync("/account/login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Accessibilité : non conforme" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(url => url.EndsWith("/accessibilite", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Voies de recours" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("Navigation");
        await BrowserFixture.ScreenshotAsync(page, $"accessibilite-{width}.png", fullPage: true);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the statement is {overflow} px wider than a {width} px screen");
    }
}
