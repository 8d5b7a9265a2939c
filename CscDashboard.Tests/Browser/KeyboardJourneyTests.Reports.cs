using CscDashboard.Core.Common;
using CscDashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

public sealed partial class KeyboardJourneyTests
{
    /// <summary>Its own host with the Hangfire server, as <see cref="ReportJourneyTests"/>: the report is really generated.</summary>
    [SkippableFact]
    public async Task The_project_lead_requests_a_report_and_downloads_it_with_the_keyboard()
    {
        Skip.If(BrowserFixture.ShouldSkip, Skipped);
        await using var app = new CscWebFactory { HangfireServer = true };
        var baseUrl = app.StartKestrel();
        await app.EnsureOperationForTodayAsync();
        await app.AddUserAsync("lead-bilan-clavier@test.csc", Roles.ProjectLead);
        var quarter = Period.Containing(PeriodKind.Quarter, DateOnly.FromDateTime(new ParisTimeProvider().GetLocalNow().DateTime)).Previous();
        var page = await Browser.NewPageAsync(1366, 900, baseUrl);
        var keys = new KeyboardUser(page);
        await keys.SignInAsync("lead-bilan-clavier@test.csc");

        await page.GotoAsync("/reports");
        await Assertions.Expect(page.GetByTestId("period-label")).ToHaveTextAsync(quarter.Label);
        // The « new version » box toggles with Space (and is left unticked: this is the first version).
        var newVersion = page.GetByTestId("report-request").Locator("input[type=checkbox]");
        await keys.TabToAsync(newVersion, max: 40);
        await keys.AssertFocusVisibleAsync();
        await keys.PressAsync("Space");
        await Assertions.Expect(newVersion).ToBeCheckedAsync();
        await keys.PressAsync("Space");
        await Assertions.Expect(newVersion).Not.ToBeCheckedAsync();
        await keys.TabToAsync("[data-testid=generate-report]", max: 2);
        await keys.AssertFocusVisibleAsync();
        await keys.PressAsync("Enter");

        var row = page.GetByTestId("report-library").Locator("tr", new() { HasText = quarter.Label });
        var download = row.GetByRole(AriaRole.Link, new() { NameRegex = new("^Télécharger") });
        await Assertions.Expect(download).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await keys.TabToAsync(download, max: 10);
        await keys.AssertFocusVisibleAsync();
        var file = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("Enter"));
        Assert.Equal($"bilan-trimestriel-{quarter.Code}-federation-v1.pdf", file.SuggestedFilename);
    }

    [SkippableFact]
    public async Task The_account_dialog_opens_on_its_first_field_and_escape_gives_the_focus_back_to_its_button()
    {
        Skip.If(BrowserFixture.ShouldSkip, Skipped);
        await Browser.App.AddUserAsync("admin-clavier@test.csc", Roles.Admin);
        var page = await Browser.NewPageAsync(1366, 900);
        var keys = new KeyboardUser(page);
        await keys.SignInAsync("admin-clavier@test.csc");
        await page.GotoAsync("/admin/users");
        await page.Locator("[data-testid=users-header][data-interactive=true]").WaitForAsync();

        await keys.TabToAsync("#account-new", max: 40);
        await keys.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#account-email")).ToBeFocusedAsync();
        await keys.TypeAsync("pas-encore@test.csc");
        await keys.PressAsync("Escape");

        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync();
        await keys.WaitForFocusAsync("#account-new");
        await keys.AssertFocusVisibleAsync();
    }
}
