using CscDashboard.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

/// <summary>
/// Issue 14 point 8 (ADR 020): 30,000 characters of notes (the browser's maxlength bypassed) used to drop
/// the connection and the activity was saved without its notes. Now the text reaches the server, the
/// message shows under the field, nothing is saved, and the page keeps working.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LongTextJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [SkippableFact]
    public async Task Thirty_thousand_characters_of_notes_get_a_french_message_and_nothing_is_saved()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.EnsureOperationForTodayAsync();
        await Browser.App.AddUserAsync("coord-long@test.csc", Roles.Coordinator, "SAM");
        var page = await Browser.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(page, "coord-long@test.csc");
        await page.GotoAsync("/activities/new");
        await page.FillAsync("#activity-title", "Atelier aux notes trop longues");
        await page.GetByText("Plus de détails").ClickAsync();
        var notes = page.Locator("#activity-notes");
        await Assertions.Expect(notes).ToBeVisibleAsync();

        // As a script would: past the maxlength attribute, then the change event the field binds on.
        await notes.EvaluateAsync("(e) => { e.value = 'n'.repeat(30000); e.dispatchEvent(new Event('input', { bubbles: true })); e.dispatchEvent(new Event('change', { bubbles: true })); }");
        await page.ClickAsync("[data-testid=save-activity]");

        await Assertions.Expect(page.GetByText("« Notes » ne doit pas dépasser 4\u202F000 caractères (30\u202F000 saisis).").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        Assert.Contains("/activities/new", page.Url);
        await using (var db = await Browser.App.CreateDbAsync())
        {
            Assert.False(await db.Activities.AnyAsync(a => a.Title == "Atelier aux notes trop longues"));
        }

        // Shortened, the same page saves the whole activity, notes included.
        await notes.FillAsync("Compte rendu court.");
        await page.ClickAsync("[data-testid=save-activity]");
        await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, @"/activities/\d+$"));
        await using var check = await Browser.App.CreateDbAsync();
        Assert.Equal("Compte rendu court.", await check.Activities.Where(a => a.Title == "Atelier aux notes trop longues").Select(a => a.Notes).SingleAsync());
    }
}
