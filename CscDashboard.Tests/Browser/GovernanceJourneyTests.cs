using CscDashboard.Core.Common;
using CscDashboard.Core.Governance;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

/// <summary>Issue 20's journey: the lead records a partner committee with two decisions; the coordinator who owns one marks it done from their home; the next report lists it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GovernanceJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [SkippableFact]
    public async Task The_lead_records_a_committee_the_coordinator_closes_their_decision_and_the_report_follows_it()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.EnsureOperationForTodayAsync();
        await Browser.App.AddUserAsync("lead-gouvernance@test.csc", Roles.ProjectLead);
        await Browser.App.AddUserAsync("coord-gouvernance@test.csc", Roles.Coordinator, "SAM");

        var lead = await Browser.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(lead, "lead-gouvernance@test.csc");
        await lead.GotoAsync("/meetings");
        await lead.Locator(".network-header[data-interactive=true]").WaitForAsync();
        await lead.ClickAsync("#meeting-new");
        await lead.FillAsync("#meeting-title", "Comité partenarial de décembre");
        await lead.Locator("#meeting-minutes").FillAsync("Le bilan du trimestre est présenté aux partenaires.");
        await lead.ClickAsync("#meeting-save");
        await Assertions.Expect(lead.GetByRole(AriaRole.Heading, new() { Name = "Comité partenarial de décembre" })).ToBeVisibleAsync();
        await lead.Locator(".network-header[data-interactive=true]").WaitForAsync();
        await Assertions.Expect(lead.Locator(".minutes-view")).ToContainTextAsync("Le bilan du trimestre est présenté aux partenaires.");

        await AddDecisionAsync(lead, "Relancer la CAF pour le cofinancement", "coord-gouvernance");
        await AddDecisionAsync(lead, "Envoyer le compte rendu aux partenaires", "lead-gouvernance");
        await BrowserFixture.ScreenshotAsync(lead, "meeting-desktop.png", fullPage: true);

        var coordinator = await Browser.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(coordinator, "coord-gouvernance@test.csc");
        var mine = coordinator.Locator("div.mud-paper", new() { HasText = "Mes décisions à suivre" });
        await Assertions.Expect(mine).ToContainTextAsync("Relancer la CAF pour le cofinancement");
        await Assertions.Expect(mine).Not.ToContainTextAsync("Envoyer le compte rendu");
        await BrowserFixture.ScreenshotAsync(coordinator, "home-decisions-phone.png", fullPage: true);
        await mine.GetByRole(AriaRole.Button, new() { Name = "Suivi de la décision « Relancer la CAF pour le cofinancement »" }).ClickAsync();
        await coordinator.Locator("div.mud-select:has(#decision-status)").First.ClickAsync();
        await coordinator.GetByRole(AriaRole.Option).Filter(new() { HasText = "Fait" }).ClickAsync();
        await coordinator.FillAsync("#decision-follow-up", "Convention signée le jour même.");
        await coordinator.ClickAsync("#decision-save");
        await Assertions.Expect(coordinator.GetByText("Suivi de la décision enregistré.")).ToBeVisibleAsync();
        await Assertions.Expect(coordinator.GetByText("Mes décisions à suivre")).ToHaveCountAsync(0);

        // The next report's « Suivi des décisions »: done, its owner by function, never named.
        await using var db = await Browser.App.CreateDbAsync();
        var today = new ParisTimeProvider().Today();
        var lines = await DecisionReport.ReadAsync(db, Period.Month(today.Year, today.Month), null, today, CancellationToken.None);
        var line = Assert.Single(lines, l => l.Text == "Relancer la CAF pour le cofinancement");
        Assert.Equal(("Coordination SAM", "Fait", "Comité partenarial"), (line.Owner, line.Status, line.Body));
        Assert.Contains(lines, l => l.Text == "Envoyer le compte rendu aux partenaires" && l.Status == "À faire" && l.Owner == "Équipe fédérale");
        Assert.Equal("Convention signée le jour même.", await db.Decisions.Where(d => d.Text == line.Text).Select(d => d.FollowUp).SingleAsync());
    }

    private static async Task AddDecisionAsync(IPage page, string text, string owner)
    {
        await page.ClickAsync("#decision-new");
        await page.FillAsync("#decision-text", text);
        await page.Locator("div.mud-select:has(#decision-owner)").First.ClickAsync();
        await page.GetByRole(AriaRole.Option).Filter(new() { HasText = owner }).ClickAsync();
        await page.ClickAsync("#decision-save");
        await Assertions.Expect(page.GetByText("Décision ajoutée.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".decision-list")).ToContainTextAsync(text);
    }
}
