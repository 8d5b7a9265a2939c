using CscDashboard.Core.Common;
using CscDashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class AccountJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [SkippableFact]
    public async Task The_administrator_creates_a_coordinator_account_and_the_coordinator_signs_in_with_the_password_shown_once()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.AddUserAsync("admin-accounts@test.csc", Roles.Admin);
        var admin = await Browser.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(admin, "admin-accounts@test.csc");

        await admin.GotoAsync("/admin/users");
        await admin.Locator("[data-testid=users-header][data-interactive=true]").WaitForAsync();
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
        await BrowserFixture.ScreenshotAsync(admin, "admin-account-created.png", fullPage: true);
        var password = (await issued.Locator("strong.password").InnerTextAsync()).Trim();

        var coordinator = await Browser.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(coordinator, "ines.nouvelle@test.csc", password);
        await coordinator.GotoAsync("/");
        await Assertions.Expect(coordinator.GetByText("Douaisis").First).ToBeVisibleAsync();
    }

    [SkippableFact]
    public async Task The_administrator_edits_then_deactivates_a_coordinator_whose_open_page_goes_to_sign_in_and_reactivates_them()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.AddUserAsync("admin-edit@test.csc", Roles.Admin);
        await Browser.App.AddUserAsync("leo.coord@test.csc", Roles.Coordinator, "ART");
        var coordinator = await Browser.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(coordinator, "leo.coord@test.csc");
        await coordinator.GotoAsync("/network/centres");
        await coordinator.Locator(".network-header[data-interactive=true]").WaitForAsync();

        var admin = await Browser.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(admin, "admin-edit@test.csc");
        await admin.GotoAsync("/admin/users");
        await admin.Locator("[data-testid=users-header][data-interactive=true]").WaitForAsync();
        var row = admin.Locator("tr", new() { HasText = "leo.coord@test.csc" });
        await Assertions.Expect(row).ToContainTextAsync("Actif");
        await BrowserFixture.ScreenshotAsync(admin, "admin-users-1366.png", fullPage: true);

        // A new name and a second territory: the coordinator's open page is signed out, to come back with the new rights.
        await row.GetByRole(AriaRole.Button, new() { Name = "Modifier" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#account-email")).ToHaveValueAsync("leo.coord@test.csc");
        await admin.FillAsync("#account-name", "Léo Martin");
        await admin.Locator("div.mud-select:has(#account-territories)").First.ClickAsync();
        await admin.GetByRole(AriaRole.Option).Filter(new() { HasText = "Douaisis" }).ClickAsync();
        var title = (await admin.Locator(".mud-dialog-title").BoundingBoxAsync())!;
        await admin.Mouse.ClickAsync(title.X + 10, title.Y + 10);
        await Assertions.Expect(admin.GetByRole(AriaRole.Option)).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(admin, "admin-account-edit-1366.png");
        await admin.ClickAsync("#account-save");
        await Assertions.Expect(admin.GetByTestId("account-message")).ToContainTextAsync("Le compte leo.coord@test.csc est modifié.");
        await Assertions.Expect(row).ToContainTextAsync("Léo Martin");
        await Assertions.Expect(row).ToContainTextAsync("Artois, Douaisis");
        await coordinator.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));

        await BrowserFixture.SignInAsync(coordinator, "leo.coord@test.csc");
        await coordinator.GotoAsync("/network/centres");
        await coordinator.Locator(".network-header[data-interactive=true]").WaitForAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = "Désactiver" }).ClickAsync();
        await admin.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Désactiver" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("account-message")).ToContainTextAsync("Le compte leo.coord@test.csc est désactivé.");
        await Assertions.Expect(row).ToContainTextAsync("Désactivé");
        await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "Réactiver" })).ToBeVisibleAsync();

        // The coordinator's open page goes to the sign-in page, where the password no longer opens the account.
        await coordinator.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        await coordinator.FillAsync("#email", "leo.coord@test.csc");
        await coordinator.FillAsync("#password", CscWebFactory.Password);
        await coordinator.ClickAsync("button[type=submit]");
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Ce compte est désactivé : adressez-vous à l'administrateur.");

        // The list filters on the status, in the address.
        await admin.GetByRole(AriaRole.Combobox, new() { Name = "État" }).ClickAsync();
        await admin.GetByRole(AriaRole.Option).Filter(new() { HasText = "Désactivés" }).ClickAsync();
        await admin.WaitForURLAsync(url => url.Contains("etat=desactives", StringComparison.Ordinal));
        await Assertions.Expect(admin.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(admin, "admin-users-deactivated-1366.png", fullPage: true);

        await row.GetByRole(AriaRole.Button, new() { Name = "Réactiver" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("account-message")).ToContainTextAsync("est réactivé");
        await Assertions.Expect(admin.GetByText("Aucun compte ne correspond.")).ToBeVisibleAsync();

        await BrowserFixture.SignInAsync(coordinator, "leo.coord@test.csc");
        await coordinator.GotoAsync("/network/centres");
        await coordinator.Locator(".network-header[data-interactive=true]").WaitForAsync();

        // The same page and dialog on a phone.
        var phone = await Browser.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(phone, "admin-edit@test.csc");
        await phone.GotoAsync("/admin/users");
        await phone.Locator("[data-testid=users-header][data-interactive=true]").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(phone, "admin-users-390.png", fullPage: true);
        await phone.Locator("tr", new() { HasText = "leo.coord@test.csc" }).GetByRole(AriaRole.Button, new() { Name = "Modifier" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#account-name")).ToHaveValueAsync("Léo Martin");
        await BrowserFixture.ScreenshotAsync(phone, "admin-account-edit-390.png");
    }
}
