using CscDashboard.Core.Common;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

/// <summary>
/// Signing out from the account menu in the app bar, on a desktop (mouse) and on a phone (tap, and the
/// keyboard's Enter): one click opens the menu, a second signs out, and every page then asks for the password.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SignOutJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [SkippableTheory]
    [InlineData(1366, 900, "click")]
    [InlineData(390, 844, "tap")]
    [InlineData(390, 844, "enter")]
    public async Task A_user_signs_out_from_the_account_menu_and_any_page_then_asks_for_the_password(int width, int height, string how)
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        var email = $"signout-{width}-{how}@test.csc";
        await Browser.App.AddUserAsync(email, Roles.Coordinator, "VAL");
        var page = await Browser.NewPageAsync(width, height, hasTouch: how == "tap");
        await BrowserFixture.SignInAsync(page, email);
        await page.GotoAsync("/activities");
        var account = page.GetByRole(AriaRole.Button, new() { Name = "Mon compte", Exact = true });
        await Assertions.Expect(account).ToBeVisibleAsync();
        switch (how)
        {
            case "tap":
                await account.TapAsync();
                break;
            case "enter":
                await account.FocusAsync();
                await page.Keyboard.PressAsync("Enter");
                break;
            default:
                await account.ClickAsync();
                break;
        }
        var signOut = page.GetByRole(AriaRole.Menuitem, new() { Name = "Se déconnecter" }); // a menu item of the account menu (ADR 021)
        await Assertions.Expect(signOut).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, $"account-menu-{width}-{how}.png");
        await signOut.ClickAsync();

        // Back on the sign-in page, which brings the user back to where they were once signed in again.
        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        Assert.Contains("returnUrl=%2Factivities", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#password")).ToBeVisibleAsync();
        foreach (var path in new[] { "/", "/activities", "/dashboard" })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.Locator("#password")).ToBeVisibleAsync();
            Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        }
    }
}
