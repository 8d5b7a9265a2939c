using System.Globalization;
using CscDashboard.Core.Common;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class DashboardJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [SkippableFact]
    public async Task The_project_lead_picks_a_quarter_then_opens_a_territory()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.AddUserAsync("lead-dash@test.csc", Roles.ProjectLead);
        var page = await Browser.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(page, "lead-dash@test.csc");

        await page.GotoAsync("/dashboard?period=2023");
        await Assertions.Expect(page.GetByTestId("period-label")).ToHaveTextAsync("Année 2023");
        await page.Locator("[data-testid=period-picker][data-interactive=true]").WaitForAsync(); // a click before the circuit is up is lost
        await page.Locator("div.mud-select:has(#period-select)").First.ClickAsync();
        await page.GetByRole(AriaRole.Option).Filter(new() { HasText = "Trimestre dernier" }).ClickAsync();
        await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, @"period=\d{4}-Q[1-4]"));
        await Assertions.Expect(page.GetByTestId("period-label")).ToContainTextAsync("trimestre");
        await BrowserFixture.ScreenshotAsync(page, "dashboard-desktop.png", fullPage: true);

        await page.GetByTestId("territories").GetByRole(AriaRole.Link, new() { Name = "Douaisis" }).ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/territories/DOU?period=", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("territory-name")).ToHaveTextAsync("Douaisis");
        await Assertions.Expect(page.GetByTestId("coverage")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "territory-desktop.png", fullPage: true);
    }

    [SkippableFact]
    public async Task An_activity_logged_elsewhere_updates_an_open_dashboard_without_reload()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.EnsureOperationForTodayAsync();
        await Browser.App.AddUserAsync("lead-live@test.csc", Roles.ProjectLead);
        await Browser.App.AddUserAsync("coord-live@test.csc", Roles.Coordinator, "CAM");
        var lead = await Browser.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(lead, "lead-live@test.csc");
        var parisToday = new ParisTimeProvider().GetLocalNow();
        await lead.GotoAsync($"/dashboard?period={parisToday:yyyy-MM}");
        var tile = lead.GetByTestId("kpi-activities");
        await Assertions.Expect(tile).ToBeVisibleAsync();
        var before = int.Parse((await tile.InnerTextAsync()).Replace("\u202f", "").Replace("\u00a0", "").Trim(), CultureInfo.InvariantCulture);

        var coordinator = await Browser.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(coordinator, "coord-live@test.csc");
        await coordinator.GotoAsync("/activities/new");
        await coordinator.FillAsync("#activity-title", "Permanence numérique du mercredi");
        await coordinator.ClickAsync("[data-testid=save-activity]");
        await coordinator.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, @"/activities/\d+$"));

        await Assertions.Expect(tile).ToHaveTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            new() { Timeout = 5_000 });
        Assert.Contains("/dashboard", lead.Url);
    }
}
