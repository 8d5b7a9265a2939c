using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ActivityJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [SkippableFact]
    public async Task On_a_phone_a_coordinator_logs_an_activity_and_finds_it_in_todays_list()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.EnsureOperationForTodayAsync();
        await Browser.App.AddCentreAsync("VAL", "Centre social Vauban-Phone");
        await Browser.App.AddUserAsync("coord-log@test.csc", Roles.Coordinator, "VAL");
        var page = await Browser.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(page, "coord-log@test.csc");

        await page.GotoAsync("/activities/new");
        await page.FillAsync("#activity-title", "Atelier tablettes seniors");
        await page.GetByText("1 h 30").ClickAsync();
        await page.FillAsync("#activity-centre", "Vauban-Ph");
        await page.GetByText("Centre social Vauban-Phone (Valenciennes)").ClickAsync();
        await page.FillAsync("#activity-InhabitantCount", "9");
        await BrowserFixture.ScreenshotAsync(page, "activity-new-390.png", fullPage: true);
        await page.ClickAsync("[data-testid=save-activity]");

        await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, @"/activities/\d+$"));
        await Assertions.Expect(page.GetByTestId("activity-title")).ToHaveTextAsync("Atelier tablettes seniors");

        await page.GotoAsync("/activities");
        // As a user would: the list has loaded before the quick filter is clicked.
        await Assertions.Expect(page.GetByText("Atelier tablettes seniors")).ToBeVisibleAsync();
        // The prerendered list shows before the circuit runs it: a click then would be lost.
        await page.Locator("[aria-label='Activités affichées'][data-interactive=true]").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Aujourd'hui" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("from=", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByText("Atelier tablettes seniors")).ToBeVisibleAsync();
        var parisToday = new ParisTimeProvider().GetLocalNow();
        Assert.Contains($"from={parisToday:yyyy-MM-dd}", page.Url);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtres (2)" }).ClickAsync();
        await Assertions.Expect(page.Locator("#filter-from")).ToHaveValueAsync($"{parisToday:yyyy-MM-dd}");
        await BrowserFixture.ScreenshotAsync(page, "activity-list-390.png", fullPage: true);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the list is {overflow} px wider than a 390 px screen");

        await using var db = await Browser.App.CreateDbAsync();
        var stored = await db.Activities.Include(a => a.Centres).SingleAsync(a => a.Title == "Atelier tablettes seniors");
        Assert.Equal(90, stored.DurationMinutes);
        Assert.Equal(9, stored.InhabitantCount);
        Assert.Single(stored.Centres);
    }

    [SkippableFact]
    public async Task On_a_desktop_an_edit_shows_up_in_the_activity_history()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.EnsureOperationForTodayAsync();
        var userId = await Browser.App.AddUserAsync("coord-edit@test.csc", Roles.Coordinator, "DOU");
        int id;
        await using (var db = await Browser.App.CreateDbAsync())
        {
            var activity = new Activity
            {
                AuthorId = userId, Title = "Réunion CTN", Date = DateOnly.FromDateTime(DateTime.UtcNow), DurationMinutes = 60,
                TerritoryId = await db.Territories.Where(t => t.Code == "DOU").Select(t => t.Id).SingleAsync(),
                OperationId = await db.Operations.Where(o => o.Code == "TEST-COURANTE").Select(o => o.Id).SingleAsync(),
                Type = ActivityType.NetworkAnimation, Format = ActivityFormat.Meeting, Place = ActivityPlace.InCentre,
            };
            db.Activities.Add(activity);
            await db.SaveChangesAsync();
            id = activity.Id;
        }
        var page = await Browser.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(page, "coord-edit@test.csc");

        await page.GotoAsync($"/activities/{id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Modifier" }).ClickAsync();
        await page.FillAsync("#activity-title", "Réunion du réseau des CTN du Douaisis");
        await page.ClickAsync("[data-testid=save-activity]");
        await Assertions.Expect(page.GetByTestId("activity-title")).ToHaveTextAsync("Réunion du réseau des CTN du Douaisis");

        await page.GetByText("Historique des modifications").ClickAsync();
        await Assertions.Expect(page.GetByTestId("history")).ToContainTextAsync("Titre : « Réunion CTN » → « Réunion du réseau des CTN du Douaisis »");
        await Assertions.Expect(page.GetByTestId("history")).ToContainTextAsync("coord-edit");
        await BrowserFixture.ScreenshotAsync(page, "activity-history-desktop.png", fullPage: true);
    }

    [SkippableFact]
    public async Task A_bookmarked_list_url_restores_its_filters()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.AddUserAsync("lead-filters@test.csc", Roles.ProjectLead);
        var page = await Browser.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(page, "lead-filters@test.csc");

        await page.GotoAsync("/activities?from=2022-01-01&to=2022-03-31&territory=VAL&type=PublicAction");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtres (4)" }).ClickAsync();

        await Assertions.Expect(page.Locator("#filter-from")).ToHaveValueAsync("2022-01-01");
        await Assertions.Expect(page.Locator("#filter-to")).ToHaveValueAsync("2022-03-31");
        await Assertions.Expect(page.GetByText("Valenciennois")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Action grand public")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "activity-list-filters-desktop.png", fullPage: true);
    }
}
