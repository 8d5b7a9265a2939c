using System.Text.RegularExpressions;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Evidence;
using CscDashboard.Tests.Core.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

/// <summary>
/// Issue 15 point 4 (ADR 022): the journeys without a mouse — no click anywhere in this class, only keys — with the focus
/// visible and put back where it was when a dialog closes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class KeyboardJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    private const string Skipped = "Chromium est absent et CI n'est pas défini.";

    [SkippableFact]
    public async Task A_coordinator_logs_an_activity_with_the_keyboard_only()
    {
        Skip.If(BrowserFixture.ShouldSkip, Skipped);
        await Browser.App.EnsureOperationForTodayAsync();
        await Browser.App.AddCentreAsync("VAL", "Centre social Vauban-Clavier");
        await Browser.App.AddUserAsync("coord-clavier@test.csc", Roles.Coordinator, "VAL");
        var page = await Browser.NewPageAsync(1366, 900);
        var keys = new KeyboardUser(page);
        await keys.SignInAsync("coord-clavier@test.csc");

        await page.GotoAsync("/activities/new");
        await Assertions.Expect(page.Locator("#activity-title")).ToBeFocusedAsync();
        await keys.TypeAsync("Atelier au clavier");

        // The type: the list opens with the down arrow, End goes to its last entry, Enter chooses it.
        await keys.TabToAsync("[role=combobox][aria-label=Type]", max: 8);
        await keys.AssertFocusVisibleAsync();
        await keys.PressAsync("ArrowDown");
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { Name = "Action grand public" })).ToBeVisibleAsync();
        await keys.PressAsync("End");
        await keys.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[role=combobox][aria-label=Type]")).ToHaveTextAsync("Action grand public");

        // A duration preset is a button: Space chooses it, and says so.
        var preset = page.GetByTestId("duration-presets").GetByRole(AriaRole.Button, new() { Name = "1 h 30" });
        await keys.TabToAsync(preset, max: 8);
        await keys.AssertFocusVisibleAsync();
        await keys.PressAsync("Space");
        await Assertions.Expect(preset).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.Locator("#activity-duration")).ToHaveValueAsync("90");

        // The centre: typed, picked with the arrows, added as a chip whose remove button comes next; the box empties.
        await keys.TabToAsync("#activity-centre", max: 4);
        await keys.TypeAsync("Vauban-Cla");
        var vauban = page.GetByRole(AriaRole.Option, new() { Name = "Centre social Vauban-Clavier (Valenciennes)" });
        // The list opened on focus holds the territory's centres; choose once the typed search has answered, with Vauban alone.
        await Assertions.Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(1);
        await Assertions.Expect(vauban).ToBeVisibleAsync();
        await keys.PressAsync("ArrowDown");
        // The list's highlight round-trips through the server: Enter chooses what is highlighted once it is.
        await Assertions.Expect(vauban).ToHaveAttributeAsync("aria-selected", "true");
        await keys.PressAsync("Enter");
        var remove = "button[aria-label='Retirer le centre Centre social Vauban-Clavier (Valenciennes)']";
        await Assertions.Expect(page.Locator(remove)).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#activity-centre")).ToHaveValueAsync("");
        await keys.TabToAsync(remove, max: 1);
        await keys.AssertFocusVisibleAsync();
        await keys.TabToAsync("#activity-centre", max: 1, backwards: true);

        // A workstream chip toggles with Space.
        await keys.TabToAsync("[role=group][aria-label='Chantiers thématiques'] button", max: 4);
        await keys.PressAsync("Space");
        await Assertions.Expect(page.Locator("[role=group][aria-label='Chantiers thématiques'] button").First).ToHaveAttributeAsync("aria-pressed", "true");

        await keys.TabToAsync("#activity-InhabitantCount", max: 5);
        await keys.PressAsync("Control+A");
        await keys.TypeAsync("12");

        // The folded details (after the folded breakdown of the inhabitants) open with Enter; the notes are typed there.
        await keys.TabToAsync(page.Locator(".mud-expand-panel-header", new() { HasText = "Plus de détails" }), max: 6);
        await keys.AssertFocusVisibleAsync();
        await keys.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#activity-notes")).ToBeVisibleAsync();
        await keys.TabToAsync("#activity-notes", max: 10);
        await keys.TypeAsync("Saisi sans souris.");

        await keys.TabToAsync("[data-testid=save-activity]", max: 6);
        await keys.AssertFocusVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "keyboard-new-activity.png", fullPage: true);
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(url => Regex.IsMatch(url, @"/activities/\d+$"));
        await Assertions.Expect(page.GetByTestId("activity-title")).ToHaveTextAsync("Atelier au clavier");
        await using var db = await Browser.App.CreateDbAsync();
        var stored = await db.Activities.Include(a => a.Centres).ThenInclude(c => c.Centre).Include(a => a.Workstreams).SingleAsync(a => a.Title == "Atelier au clavier");
        Assert.Equal(ActivityType.PublicAction, stored.Type);
        Assert.Equal(90, stored.DurationMinutes);
        Assert.Equal(12, stored.InhabitantCount);
        Assert.Equal("Centre social Vauban-Clavier", Assert.Single(stored.Centres).Centre!.Name);
        Assert.Single(stored.Workstreams);
        Assert.Equal("Saisi sans souris.", stored.Notes);
    }

    [SkippableFact]
    public async Task On_the_dashboard_the_period_and_the_sort_work_with_the_keyboard()
    {
        Skip.If(BrowserFixture.ShouldSkip, Skipped);
        var author = await Browser.App.AddUserAsync("lead-clavier@test.csc", Roles.ProjectLead);
        await Browser.App.AddActivityAsync(author, "SAM", "Visite clavier 1");
        await Browser.App.AddActivityAsync(author, "SAM", "Visite clavier 2");
        var page = await Browser.NewPageAsync(1366, 900);
        var keys = new KeyboardUser(page);
        await keys.SignInAsync("lead-clavier@test.csc");

        await page.GotoAsync("/dashboard?period=2023");
        await Assertions.Expect(page.GetByTestId("period-label")).ToHaveTextAsync("Année 2023");
        await page.Locator("[data-testid=period-picker][data-interactive=true]").WaitForAsync();
        // The arrow buttons step from year to year.
        await keys.TabToAsync("[data-testid=period-next]", max: 40);
        await keys.AssertFocusVisibleAsync();
        await keys.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("period-label")).ToHaveTextAsync("Année 2024");
        await keys.TabToAsync("[data-testid=period-previous]", max: 3, backwards: true);
        await keys.PressAsync("Space");
        await Assertions.Expect(page.GetByTestId("period-label")).ToHaveTextAsync("Année 2023");
        Assert.EndsWith("period=2023", page.Url);

        // The list: the down arrow opens it, End goes to « Personnalisée… », the arrow up to the last operation, Enter chooses it.
        await keys.TabToAsync("[role=combobox][aria-label=Période]", max: 2);
        await keys.AssertFocusVisibleAsync();
        await keys.PressAsync("ArrowDown");
        var operation = page.GetByRole(AriaRole.Option, new() { Name = "Opération CSC-2021-2023" });
        await Assertions.Expect(operation).ToBeVisibleAsync();
        await keys.PressAsync("End");
        await keys.PressAsync("ArrowUp");
        await keys.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("period=", StringComparison.Ordinal) && !url.EndsWith("period=2023", StringComparison.Ordinal));
        Assert.DoesNotContain("period=2023", page.Url);
        await page.GotoAsync("/dashboard?period=2023");
        await Assertions.Expect(page.GetByTestId("period-label")).ToHaveTextAsync("Année 2023");

        // The territories table: Enter on a header sorts by it (largest first) and says so; the focus stays on the header.
        var table = page.GetByTestId("territories");
        await keys.TabToAsync("[data-testid=territories] th:nth-child(2) button", max: 40);
        await keys.AssertFocusVisibleAsync();
        await keys.PressAsync("Enter");
        await Assertions.Expect(table.Locator("th").Nth(1)).ToHaveAttributeAsync("aria-sort", "descending");
        var activities = (await table.Locator("tbody tr td:nth-child(2)").AllInnerTextsAsync()).Select(t => int.Parse(Regex.Replace(t, @"\D", ""), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(activities.OrderByDescending(n => n), activities);
        Assert.True(activities[0] >= 2, "Sambre-Avesnois' two activities put a territory with some at the top");
        await keys.AssertFocusedAsync("[data-testid=territories] th:nth-child(2) button");
        await keys.TabToAsync("[data-testid=territories] th:nth-child(1) button", max: 1, backwards: true);
        await keys.PressAsync("Space");
        await Assertions.Expect(table.Locator("th").First).ToHaveAttributeAsync("aria-sort", "ascending");
        await Assertions.Expect(table.Locator("tbody tr").First).ToContainTextAsync("Flandre intérieure & Audomarois");
    }

    [SkippableFact]
    public async Task Evidence_is_uploaded_with_the_keyboard_and_the_focus_returns_to_the_button_when_the_dialog_closes()
    {
        Skip.If(BrowserFixture.ShouldSkip, Skipped);
        var author = await Browser.App.AddUserAsync("coord-piece-clavier@test.csc", Roles.Coordinator, "LLH");
        await Browser.App.AddActivityAsync(author, "LLH", "Atelier justificatif clavier");
        var page = await Browser.NewPageAsync(1366, 900);
        var keys = new KeyboardUser(page);
        await keys.SignInAsync("coord-piece-clavier@test.csc");
        await page.GotoAsync("/evidence");
        await page.Locator(".network-header[data-interactive=true]").WaitForAsync();
        const string opener = "[data-testid=upload-evidence]";
        const string category = "[role=dialog] [role=combobox][aria-label=Catégorie]";

        // Escape closes the dialog; the focus is back on the button that opened it.
        await keys.TabToAsync(opener, max: 40);
        await keys.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await keys.WaitForFocusAsync(category);
        await keys.PressAsync("Escape");
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await keys.WaitForFocusAsync(opener);

        // Again, to the end: category, what it justifies, the activity, then the file picker opened with Enter.
        await keys.PressAsync("Enter");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await keys.WaitForFocusAsync(category);
        await keys.AssertFocusVisibleAsync();
        await keys.PressAsync("ArrowDown");
        await keys.PressAsync("Home");
        await keys.PressAsync("Enter");
        await Assertions.Expect(page.Locator(category)).ToHaveTextAsync(EvidenceLabels.Of(EvidenceCategory.Timesheet));
        await keys.TabToAsync("#upload-link-kind", max: 4);
        await keys.PressAsync("ArrowDown");
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { Name = "Une activité" })).ToBeVisibleAsync();
        await keys.PressAsync("Home");
        await keys.PressAsync("Enter");
        await Assertions.Expect(dialog.GetByLabel("Activité (date, titre)")).ToBeVisibleAsync();
        await keys.TabToAsync("#upload-link", max: 3);
        await keys.TypeAsync("justificatif clavier");
        var workshop = page.GetByRole(AriaRole.Option, new() { NameRegex = new("Atelier justificatif clavier") });
        await Assertions.Expect(workshop).ToBeVisibleAsync();
        await keys.PressAsync("ArrowDown");
        await Assertions.Expect(workshop).ToHaveAttributeAsync("aria-selected", "true");
        await keys.PressAsync("Enter");
        // The file button is enabled once the piece says what it justifies.
        var choose = dialog.GetByRole(AriaRole.Button, new() { Name = "Choisir des fichiers" });
        await Assertions.Expect(choose).ToBeEnabledAsync();
        await keys.TabToAsync(choose, max: 4);
        await keys.AssertFocusVisibleAsync();
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Keyboard.PressAsync("Enter"));
        await BrowserFixture.WaitForFileInputAsync(page);
        await chooser.SetFilesAsync(new FilePayload { Name = "feuille-clavier.pdf", MimeType = "application/pdf", Buffer = EvidenceTestData.Pdf("Clavier") });
        await Assertions.Expect(page.GetByTestId("upload-results")).ToContainTextAsync("Enregistré.");

        await keys.TabToAsync("[data-testid=upload-close]", max: 6);
        await keys.PressAsync("Enter");
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await keys.WaitForFocusAsync(opener);
        await Assertions.Expect(page.GetByText("feuille-clavier.pdf")).ToBeVisibleAsync();
    }
}
