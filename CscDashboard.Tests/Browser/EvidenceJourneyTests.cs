using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Evidence;
using CscDashboard.Tests.Core.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class EvidenceJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [SkippableFact]
    public async Task A_coordinator_prints_the_attendance_sheet_uploads_the_signed_scan_and_sees_it_on_the_activity()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.EnsureOperationForTodayAsync();
        var userId = await Browser.App.AddUserAsync("coord-evidence@test.csc", Roles.Coordinator, "LLH");
        int id;
        // Written straight to the table (no monthly aggregates), in a territory no other browser test counts.
        await using (var db = await Browser.App.CreateDbAsync())
        {
            var activity = new Activity
            {
                AuthorId = userId, Title = "Atelier photo numérique", Date = DateOnly.FromDateTime(DateTime.UtcNow), DurationMinutes = 120,
                TerritoryId = await db.Territories.Where(t => t.Code == "LLH").Select(t => t.Id).SingleAsync(),
                OperationId = await db.Operations.Where(o => o.Code == "TEST-COURANTE").Select(o => o.Id).SingleAsync(),
                Type = ActivityType.Workstream, Format = ActivityFormat.Workshop, Place = ActivityPlace.Elsewhere,
            };
            activity.RefreshDerivedValues();
            db.Activities.Add(activity);
            await db.SaveChangesAsync();
            id = activity.Id;
        }
        var page = await Browser.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(page, "coord-evidence@test.csc");
        await page.GotoAsync($"/activities/{id}");
        await Assertions.Expect(page.Locator("[data-testid=evidence-section][data-interactive=true]")).ToContainTextAsync("Aucune pièce pour cette activité");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("print-attendance-sheet").ClickAsync());
        Assert.StartsWith("feuille-emargement_", download.SuggestedFilename, StringComparison.Ordinal);
        using (var sheet = UglyToad.PdfPig.PdfDocument.Open(await File.ReadAllBytesAsync((await download.PathAsync())!)))
        {
            var words = string.Join(" ", sheet.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            Assert.Contains("Atelier photo numérique", words);
        }

        await page.GetByTestId("upload-evidence").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Activité : Atelier photo numérique");
        var scan = Path.Combine(Path.GetTempPath(), $"emargement-signe-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(scan, EvidenceTestData.Pdf("Feuille d'émargement signée"));
        await BrowserFixture.WaitForFileInputAsync(page);
        await page.Locator(".mud-dialog input[type=file]").SetInputFilesAsync(scan);
        await Assertions.Expect(page.GetByTestId("upload-results")).ToContainTextAsync("Enregistré.");
        await BrowserFixture.ScreenshotAsync(page, "evidence-upload-desktop.png");
        await page.GetByTestId("upload-close").ClickAsync();

        await Assertions.Expect(page.GetByTestId("evidence-list")).ToContainTextAsync(Path.GetFileName(scan));
        await Assertions.Expect(page.GetByTestId("evidence-list")).ToContainTextAsync("Feuille d'émargement");
        await BrowserFixture.ScreenshotAsync(page, "evidence-activity-desktop.png", fullPage: true);
        await using var check = await Browser.App.CreateDbAsync();
        var stored = await check.EvidenceDocuments.SingleAsync(e => e.ActivityId == id);
        Assert.Equal(EvidenceCategory.AttendanceSheet, stored.Category);
        Assert.Equal("application/pdf", stored.ContentType);
        File.Delete(scan);
    }
}
