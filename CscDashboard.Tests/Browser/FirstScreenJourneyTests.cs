using CscDashboard.Core.Common;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

/// <summary>
/// The plain journey of every role: sign in, land on the home page with its own scope, reach exactly the
/// pages of the role from the menu, and find the account menu, on a desktop and on a phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FirstScreenJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    public static TheoryData<string, int, int> RolesAndSizes()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var role in Roles.All)
        {
            data.Add(role, 1366, 900);
            data.Add(role, 390, 844);
        }
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(RolesAndSizes))]
    public async Task Each_role_lands_on_its_home_with_its_scope_its_menu_and_the_account_menu(string role, int width, int height)
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        var email = $"first-{role.ToLowerInvariant()}-{width}@test.csc";
        await Browser.App.AddUserAsync(email, role, role == Roles.Coordinator ? ["ART"] : []);
        var page = await Browser.NewPageAsync(width, height);

        await BrowserFixture.SignInAsync(page, email);

        Assert.Equal(Browser.BaseUrl + "/", page.Url);
        await Assertions.Expect(page.GetByText($"Bonjour first-{role.ToLowerInvariant()}-{width}")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(role == Roles.Coordinator ? "Périmètre : Artois" : "Périmètre : Toute la fédération")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mon compte", Exact = true })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, $"first-screen-{role}-{width}.png", fullPage: true);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the home page of {role} is {overflow} px wider than the {width} px screen");

        // On a phone the menu is behind the app bar's button.
        if (width < 960)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Ouvrir ou fermer le menu" }).ClickAsync();
        }
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" });
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Tableau de bord" })).ToBeVisibleAsync();
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Journal d'activités" })).ToHaveCountAsync(role == Roles.Committee ? 0 : 1);
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Utilisateurs" })).ToHaveCountAsync(role == Roles.Admin ? 1 : 0);
    }
}
