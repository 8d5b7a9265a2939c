using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

/// <summary>
/// Issue 18: a coordinator submits February, the lead approves it while the coordinator is editing a February activity,
/// whose save is then refused with the French message; the lead reopens with a reason and the edit works.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MonthCloseJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [SkippableFact]
    public async Task Submitted_approved_refused_reopened_then_the_edit_works()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        var coordinatorId = await Browser.App.AddUserAsync("coord-close@test.csc", Roles.Coordinator, "CAM");
        await Browser.App.AddUserAsync("lead-close@test.csc", Roles.ProjectLead);
        int id;
        await using (var db = await Browser.App.CreateDbAsync())
        {
            var activity = new Activity
            {
                AuthorId = coordinatorId, Title = "Visite du centre de Caudry", Date = new DateOnly(2023, 2, 10), DurationMinutes = 60,
                TerritoryId = await db.Territories.Where(t => t.Code == "CAM").Select(t => t.Id).SingleAsync(),
                OperationId = await db.Operations.Where(o => o.Code == ReferenceData.FirstOperationCode).Select(o => o.Id).SingleAsync(),
                Type = ActivityType.CentreSupport, Format = ActivityFormat.Visit, Place = ActivityPlace.Elsewhere,
            };
            activity.RefreshDerivedValues();
            db.Activities.Add(activity);
            await db.SaveChangesAsync();
            id = activity.Id;
        }
        var coordinator = await Browser.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(coordinator, "coord-close@test.csc");
        var lead = await Browser.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(lead, "lead-close@test.csc");

        // The coordinator submits February.
        await coordinator.GotoAsync("/closing/CAM/2023-02");
        await coordinator.GetByTestId("closing-submit").ClickAsync();
        await coordinator.GetByTestId("closing-confirm").ClickAsync();
        await Assertions.Expect(coordinator.GetByTestId("closing-status")).ToHaveTextAsync("Soumis");

        // They start editing a February activity...
        await coordinator.GotoAsync($"/activities/{id}");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Modifier" }).ClickAsync();
        await coordinator.FillAsync("#activity-title", "Visite du centre de Caudry (compte rendu)");

        // ...while the lead approves the month.
        await lead.GotoAsync("/closing/CAM/2023-02");
        await lead.GetByTestId("closing-approve").ClickAsync();
        await lead.GetByTestId("closing-confirm").ClickAsync();
        await Assertions.Expect(lead.GetByTestId("closing-status")).ToHaveTextAsync("Approuvé");

        await coordinator.ClickAsync("[data-testid=save-activity]");
        await Assertions.Expect(coordinator.GetByTestId("refused"))
            .ToContainTextAsync("Février 2023 est clôturé pour Cambrésis : approuvé par lead-close le");
        await BrowserFixture.ScreenshotAsync(coordinator, "month-close-refused.png", fullPage: true);
        await using (var db = await Browser.App.CreateDbAsync())
        {
            Assert.Equal("Visite du centre de Caudry", await db.Activities.Where(a => a.Id == id).Select(a => a.Title).SingleAsync());
        }

        // The lead reopens with a reason; the edit then goes through.
        await lead.GetByTestId("closing-reopen").ClickAsync();
        await lead.Locator("textarea[data-testid=closing-comment], [data-testid=closing-comment] textarea").First.FillAsync("Compte rendu de la visite à compléter.");
        await lead.GetByTestId("closing-confirm").ClickAsync();
        await Assertions.Expect(lead.GetByTestId("closing-status")).ToHaveTextAsync("Rouvert");
        await Assertions.Expect(lead.GetByTestId("closing-history")).ToContainTextAsync("Compte rendu de la visite à compléter.");

        await coordinator.GotoAsync($"/activities/{id}");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Modifier" }).ClickAsync();
        await coordinator.FillAsync("#activity-title", "Visite du centre de Caudry (compte rendu)");
        await coordinator.ClickAsync("[data-testid=save-activity]");
        await Assertions.Expect(coordinator.GetByTestId("activity-title")).ToHaveTextAsync("Visite du centre de Caudry (compte rendu)");
    }
}
