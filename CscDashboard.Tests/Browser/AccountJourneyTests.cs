using CscDashboard.Core.Common;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class AccountJourneyTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task The_administrator_creates_a_coordinator_account_and_the_coordinator_signs_in_with_the_password_shown_once()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await browser.App.AddUserAsync("admin-accounts@test.csc", Roles.Admin);
        var admin = await browser.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(admin, "admin-accounts@test.csc");

        await admin.GotoAsync("/admin/users");
        await admin.Locator("[data-interactive=true]").WaitForAsync();
        await admin.ClickAsync("#account-new");
        await admin.FillAsync("#account-email", "pas-une-adresse");
        await admin.FillAsync("#account-name", "Inès Nouvelle");
        await admin.ClickAsync("#account-save");
        await Assertions.Expect(admin.GetByText("Saisissez une adresse e-mail valide")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByText("Un coordinateur territorial a au moins un territoire.")).ToBeVisibleAsync();

        await admin.FillAsync("#account-email", "ines.nouvelle@test.csc");
        await admin.Locator("div.mud-select:has(#account-territories)").First.ClickAsync();
        await admin.GetByRole(AriaRole.Option).Filter(new() { HasText = "Douaisis" }).ClickAsync();
        // A multiple choice stays open: a click elsewhere in the dialog (on the title) closes it.
        var title = (await admin.Locator(".mud-dialog-title").BoundingBoxAsync())!;
        await admin.Mouse.ClickAsync(title.X + 10, title.Y + 10);
        await Assertions.Expect(admin.GetByRole(AriaRole.Option)).ToHaveCountAsync(0);
        await admin.ClickAsync("#account-save");
        var issued = admin.GetByTestId("issued-password");
        await Assertions.Expect(issued).ToContainTextAsync("ines.nouvelle@test.csc");
        await Assertions.Expect(admin.Locator("tr", new() { HasText = "ines.nouvelle@test.csc" })).ToContainTextAsync("Douaisis");
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("admin-account-created.png"), FullPage = true });
        var password = (await issued.Locator("strong.password").InnerTextAsync()).Trim();

        var coordinator = await browser.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(coordinator, "ines.nouvelle@test.csc", password);
        await coordinator.GotoAsync("/");
        await Assertions.Expect(coordinator.GetByText("Douaisis").First).ToBeVisibleAsync();
    }
}
