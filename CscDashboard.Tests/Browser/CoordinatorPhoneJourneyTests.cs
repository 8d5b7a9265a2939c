using System.Text.RegularExpressions;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

/// <summary>
/// A coordinator on a phone (issue 13): home as an action hub, the log opening on "Mes activités" with compact
/// cards, "+" on a day of "Ma semaine"; then the same home and log once on a desktop.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CoordinatorPhoneJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    private const string Email = "coord-hub@test.csc";
    private const string ColleagueTitle = "Comité de pilotage du collègue";

    [SkippableFact]
    public async Task A_coordinator_on_a_phone_logs_from_home_reads_their_own_log_and_adds_on_a_day_of_the_week()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        var today = new ParisTimeProvider().Today();
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        await SeedAsync(today, monday);
        var page = await Browser.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(page, Email);

        // Home: the log button first, then my week, my evidence to-do and my last entries; the figures below.
        var logButton = page.GetByTestId("home-log");
        await Assertions.Expect(logButton).ToHaveTextAsync("Saisir une activité");
        var buttonBox = (await logButton.BoundingBoxAsync())!;
        Assert.True(buttonBox.Y + buttonBox.Height < 300, $"the log button ends {buttonBox.Y + buttonBox.Height} px down the phone screen");
        // Seeded this week: 8 activities of 45 min from Monday on (those after today too, 7 days ahead at most) = 6 h.
        await Assertions.Expect(page.GetByTestId("home-week-hours")).ToHaveTextAsync("6 h");
        await Assertions.Expect(page.GetByTestId("home-week-entries")).ToContainTextAsync("8 activités du");
        await Assertions.Expect(page.GetByTestId("home-recent-entry")).ToHaveCountAsync(5);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Saisir à nouveau : Visite de suivi n° 8" })).ToBeVisibleAsync();
        var evidence = page.GetByTestId("home-evidence-link");
        await Assertions.Expect(evidence).ToHaveTextAsync(new Regex(@"^\d+ pièces? à fournir$"));
        Assert.Equal("/compliance?operation=TEST-COURANTE", await evidence.GetAttributeAsync("href"));
        await Assertions.Expect(page.GetByText("Centres engagés")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await BrowserFixture.ScreenshotAsync(page, "coordinator-home-390.png", fullPage: true);
        Assert.True(await OverflowAsync(page) <= 0, "the home page is wider than a 390 px screen");
        Assert.Equal(0, await page.EvaluateAsync<int>("""
            () => [...document.querySelectorAll('[data-testid=home-recent-entry] .mud-button-root')]
                .filter(b => b.scrollWidth > b.clientWidth).length
            """)); // no « Saisir à nouveau » label cut by a long title beside it

        // "Saisir à nouveau" opens the entry form on a copy.
        await page.GetByRole(AriaRole.Link, new() { Name = "Saisir à nouveau : Visite de suivi n° 8" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/activities/new\?copy=\d+$"));
        await Assertions.Expect(page.Locator("#activity-title")).ToHaveValueAsync("Visite de suivi n° 8");

        // The log opens on my activities, with the toggle; at least 4 whole cards fit on the screen.
        await page.GotoAsync("/activities");
        await Assertions.Expect(page.GetByTestId("activity-count")).ToHaveTextAsync("8 activités");
        await Assertions.Expect(page.GetByTestId("scope-mine")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.GetByTestId("scope-all")).ToHaveAttributeAsync("aria-pressed", "false");
        await Assertions.Expect(page.GetByText(ColleagueTitle)).ToHaveCountAsync(0);
        var fullyVisible = await page.EvaluateAsync<int>(
            "() => [...document.querySelectorAll('.activity-grid tbody tr.mud-table-row')]" +
            ".map(r => r.getBoundingClientRect()).filter(b => b.height > 0 && b.top >= 0 && b.bottom <= window.innerHeight).length");
        await BrowserFixture.ScreenshotAsync(page, "coordinator-log-390.png");
        Assert.True(fullyVisible >= 4, $"only {fullyVisible} activity cards are fully visible on a 390x844 screen");
        Assert.True(await OverflowAsync(page) <= 0, "the activity log is wider than a 390 px screen");

        await page.Locator("[role=group][data-interactive=true]").WaitForAsync(); // a chip clicked before the circuit is up does nothing
        await page.GetByTestId("scope-all").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("scope=all", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByText(ColleagueTitle)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("scope-all")).ToHaveAttributeAsync("aria-pressed", "true");
        // The address reproduces the view: reloading keeps "Tout le réseau".
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByText(ColleagueTitle)).ToBeVisibleAsync();

        // Ma semaine: "+" on Monday opens the entry form on Monday.
        await page.GotoAsync("/activities/week");
        await Assertions.Expect(page.GetByTestId("add-on-day")).ToHaveCountAsync(7);
        await BrowserFixture.ScreenshotAsync(page, "coordinator-week-390.png");
        await page.GetByTestId("add-on-day").First.ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"/activities/new?date={monday:yyyy-MM-dd}", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#activity-date")).ToHaveValueAsync($"{monday:yyyy-MM-dd}");
        await BrowserFixture.ScreenshotAsync(page, "coordinator-new-on-day-390.png");

        // A bad date in the address falls back to today, and says so.
        await page.GotoAsync("/activities/new?date=2026-02-30");
        await Assertions.Expect(page.GetByTestId("date-notice")).ToContainTextAsync("« 2026-02-30 » n'existe pas");
        await Assertions.Expect(page.Locator("#activity-date")).ToHaveValueAsync($"{today:yyyy-MM-dd}");

        // On a desktop: the same home, and the log as a table on "Mes activités".
        var desktop = await Browser.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(desktop, Email);
        await Assertions.Expect(desktop.GetByTestId("home-log")).ToBeVisibleAsync();
        await Assertions.Expect(desktop.GetByTestId("home-week-hours")).ToHaveTextAsync("6 h");
        await BrowserFixture.ScreenshotAsync(desktop, "coordinator-home-1366.png", fullPage: true);
        await desktop.GotoAsync("/activities");
        await Assertions.Expect(desktop.GetByTestId("activity-count")).ToHaveTextAsync("8 activités");
        await Assertions.Expect(desktop.GetByRole(AriaRole.Columnheader, new() { Name = "Auteur" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(desktop, "coordinator-log-1366.png", fullPage: true);
    }

    private static Task<int> OverflowAsync(IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");

    /// <summary>
    /// The coordinator of Cambrésis with 8 visits this week (one a day from Monday, the eighth on Monday again, none more
    /// than 7 days ahead) and an engaged centre without its publicity proof; a colleague's activity in the same territory.
    /// </summary>
    private async Task SeedAsync(DateOnly today, DateOnly monday)
    {
        await Browser.App.EnsureOperationForTodayAsync();
        var userId = await Browser.App.AddUserAsync(Email, Roles.Coordinator, "CAM");
        var colleagueId = await Browser.App.AddUserAsync("coord-hub-collegue@test.csc", Roles.Coordinator, "CAM");
        await Browser.App.AddCentreAsync("CAM", "Centre social du Cateau");
        await using var db = await Browser.App.CreateDbAsync();
        var territoryId = await db.Territories.Where(t => t.Code == "CAM").Select(t => t.Id).SingleAsync();
        var operationId = await db.Operations.Where(o => o.Code == "TEST-COURANTE").Select(o => o.Id).SingleAsync();
        Activity Visit(string authorId, DateOnly date, string title)
        {
            var activity = new Activity
            {
                OperationId = operationId, Date = date, DurationMinutes = 45, TerritoryId = territoryId, AuthorId = authorId,
                Type = ActivityType.CentreSupport, Format = ActivityFormat.Visit, Place = ActivityPlace.InCentre, Title = title,
            };
            activity.RefreshDerivedValues();
            return activity;
        }
        // Added in order, so that n° 8 is the latest entry (same creation time, higher id).
        for (var i = 1; i <= 8; i++)
        {
            // A long title like the demo's: its « Saisir à nouveau » button must keep its whole label on a phone.
            var title = i == 7 ? "Visite de suivi n° 7 : portes ouvertes de l'espace numérique du centre social du Cateau" : $"Visite de suivi n° {i}";
            db.Activities.Add(Visit(userId, i <= 7 ? monday.AddDays(i - 1) : monday, title));
        }
        db.Activities.Add(Visit(colleagueId, today, ColleagueTitle));
        await db.SaveChangesAsync();
    }
}
