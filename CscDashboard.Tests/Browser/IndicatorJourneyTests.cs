using System.Text.RegularExpressions;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Indicators;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

/// <summary>
/// Issue 17 in a browser: the project lead adds an indicator to the catalogue and sets a territory's target on /targets, and
/// the territory dashboard shows the actual, the target and the status; a coordinator records the inhabitants' breakdown
/// from a phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class IndicatorJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [SkippableFact]
    public async Task The_project_lead_sets_a_territory_target_and_the_territory_dashboard_shows_actual_target_and_status()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.EnsureOperationForTodayAsync();
        var today = new ParisTimeProvider().Today();
        var coordinator = await Browser.App.AddUserAsync("coord-cibles@test.csc", Roles.Coordinator, "RTL");
        await Browser.App.AddUserAsync("lead-cibles@test.csc", Roles.ProjectLead);
        // Three public actions of Roubaix-Tourcoing & Lys in the last days.
        (DateOnly Start, DateOnly End) dates;
        await using (var db = await Browser.App.CreateDbAsync())
        {
            var territory = await db.Territories.Where(t => t.Code == "RTL").Select(t => t.Id).SingleAsync();
            var (operation, start, end) = await db.Operations.Where(o => o.Code == "TEST-COURANTE").Select(o => ValueTuple.Create(o.Id, o.StartDate, o.EndDate)).SingleAsync();
            dates = (start, end);
            for (var i = 1; i <= 3; i++)
            {
                var activity = new Activity
                {
                    OperationId = operation, Date = today.AddDays(-i), DurationMinutes = 120, TerritoryId = territory, AuthorId = coordinator,
                    Type = ActivityType.PublicAction, Format = ActivityFormat.Workshop, Place = ActivityPlace.InCentre, Title = $"Atelier cibles n° {i}",
                    InhabitantCount = 10,
                };
                activity.RefreshDerivedValues();
                db.Activities.Add(activity);
            }
            await db.SaveChangesAsync();
            await CscDashboard.Core.Dashboards.ActivityStatsUpdater.RebuildAllAsync(db);
        }

        var page = await Browser.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(page, "lead-cibles@test.csc");

        // The catalogue, edited on screen: an indicator counting the public actions.
        await page.GotoAsync("/targets?operation=TEST-COURANTE&tab=catalogue");
        await page.Locator(".network-header[data-interactive=true]").WaitForAsync();
        await page.GetByTestId("new-indicator").ClickAsync();
        await page.FillAsync("#indicator-code", "ATELIERS-J");
        await page.FillAsync("#indicator-name", "Ateliers du parcours");
        await page.FillAsync("#indicator-unit", "ateliers");
        await page.Locator("div.mud-select:has(#indicator-type)").First.ClickAsync();
        await page.GetByRole(AriaRole.Option).Filter(new() { HasText = "Action grand public" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("indicator-method")).ToContainTextAsync("Nombre d'activités « Action grand public » du journal.");
        await page.GetByTestId("save-indicator").ClickAsync();
        await Assertions.Expect(page.GetByTestId("catalogue")).ToContainTextAsync("Ateliers du parcours");

        // The territory's target.
        await page.GotoAsync("/targets?operation=TEST-COURANTE&territory=RTL");
        var row = page.GetByTestId("target-ATELIERS-J");
        await Assertions.Expect(row.GetByTestId("target-value")).ToHaveTextAsync("—");
        await row.GetByTestId("edit-target").ClickAsync();
        await page.FillAsync("#target-value", "20");
        await page.GetByTestId("save-target").ClickAsync();
        await Assertions.Expect(row.GetByTestId("target-value")).ToHaveTextAsync("20");
        await BrowserFixture.ScreenshotAsync(page, "targets-1366.png", fullPage: true);

        // The territory dashboard: 3 actions against 20, and the status the rules give on today's line.
        await page.GotoAsync("/territories/RTL?period=TEST-COURANTE");
        var line = page.GetByTestId("indicator-ATELIERS-J");
        await Assertions.Expect(line.GetByTestId("indicator-actual")).ToHaveTextAsync("3");
        await Assertions.Expect(line.GetByTestId("indicator-target")).ToHaveTextAsync("20");
        await Assertions.Expect(line.GetByTestId("indicator-percent")).ToHaveTextAsync("15 %");
        var expected = TargetTrack.Of(dates.Start, dates.End, 20, []).ExpectedAt(today);
        var status = French.Capitalize(IndicatorLabels.Of(TargetTrack.StatusOf(3, Math.Round(expected, 2), 20)));
        await Assertions.Expect(line.GetByTestId("indicator-status")).ToHaveTextAsync(status);
        await BrowserFixture.ScreenshotAsync(page, "territory-indicators-1366.png", fullPage: true);
    }

    [SkippableFact]
    public async Task A_coordinator_records_the_inhabitants_breakdown_from_a_phone()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.EnsureOperationForTodayAsync();
        await Browser.App.AddUserAsync("coord-repartition@test.csc", Roles.Coordinator, "LIT");
        var page = await Browser.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(page, "coord-repartition@test.csc");

        await page.GotoAsync("/activities/new");
        await page.FillAsync("#activity-title", "Café numérique des aînés");
        await page.FillAsync("#activity-InhabitantCount", "10");
        // Folded: one tap opens the breakdown.
        await Assertions.Expect(page.Locator("#audience-age-60")).Not.ToBeVisibleAsync();
        await page.GetByText("Qui était là ? Répartition des habitants (facultatif)").ClickAsync();
        await page.FillAsync("#audience-age-60", "12");
        await page.ClickAsync("[data-testid=save-activity]");
        await Assertions.Expect(page.GetByTestId("audience-error")).ToContainTextAsync("La répartition par âge compte 12 habitants, plus que les 10 habitants");
        Assert.EndsWith("/activities/new", page.Url);

        await page.FillAsync("#audience-age-60", "7");
        await page.FillAsync("#audience-seniors", "7");
        await page.FillAsync("#audience-rural", "10");
        await Assertions.Expect(page.GetByTestId("audience-summary")).ToContainTextAsync("Âge décrit pour 7 habitants sur 10");
        await BrowserFixture.ScreenshotAsync(page, "activity-breakdown-390.png", fullPage: true);
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0,
            "the entry form with its breakdown is wider than a 390 px screen");
        await page.ClickAsync("[data-testid=save-activity]");

        await page.WaitForURLAsync(url => Regex.IsMatch(url, @"/activities/\d+$"));
        await Assertions.Expect(page.GetByTestId("activity-audience"))
            .ToHaveTextAsync("60 ans et plus : 7 ; Seniors : 7 ; Habitants de communes rurales : 10");
        var id = int.Parse(Regex.Match(page.Url, @"/activities/(\d+)$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await using var db = await Browser.App.CreateDbAsync();
        Assert.Equal(3, await db.ActivityAudiences.CountAsync(a => a.ActivityId == id));
        Assert.Equal(7, await db.Activities.Where(a => a.Id == id).Select(a => a.AgesDescribed).SingleAsync());
    }
}
