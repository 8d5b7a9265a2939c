using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Finance;
using CscDashboard.Tests.Core.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ComplianceJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [SkippableFact]
    public async Task A_coordinator_prints_the_attendance_sheet_uploads_the_signed_scan_and_the_activity_leaves_the_to_do_list()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.EnsureOperationForTodayAsync();
        var userId = await Browser.App.AddUserAsync("coord-compliance@test.csc", Roles.Coordinator, "SAM");
        const string title = "Atelier CV en ligne";
        int id;
        // Written straight to the table, in a territory no other browser test uses.
        await using (var db = await Browser.App.CreateDbAsync())
        {
            var activity = new Activity
            {
                AuthorId = userId, Title = title, Date = DateOnly.FromDateTime(DateTime.UtcNow), DurationMinutes = 120,
                TerritoryId = await db.Territories.Where(t => t.Code == "SAM").Select(t => t.Id).SingleAsync(),
                OperationId = await db.Operations.Where(o => o.Code == "TEST-COURANTE").Select(o => o.Id).SingleAsync(),
                Type = ActivityType.NetworkAnimation, Format = ActivityFormat.Workshop, Place = ActivityPlace.Elsewhere, InhabitantCount = 9,
            };
            activity.RefreshDerivedValues();
            db.Activities.Add(activity);
            await db.SaveChangesAsync();
            id = activity.Id;
        }
        var page = await Browser.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(page, "coord-compliance@test.csc");
        await page.GotoAsync("/compliance?operation=TEST-COURANTE");
        await Assertions.Expect(page.Locator(".network-header[data-interactive=true]")).ToBeVisibleAsync();
        var row = page.GetByTestId("todo").Locator("tr", new LocatorLocatorOptions { HasText = title });
        await Assertions.Expect(row).ToContainTextAsync("Action collective sans feuille d'émargement");
        await BrowserFixture.ScreenshotAsync(page, "compliance-todo-desktop.png", fullPage: true);

        await row.GetByTestId("todo-upload").ClickAsync();
        await page.WaitForURLAsync($"**/activities/{id}**");
        await Assertions.Expect(page.Locator("[data-testid=evidence-section][data-interactive=true]")).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("print-attendance-sheet").ClickAsync());
        Assert.StartsWith("feuille-emargement_", download.SuggestedFilename, StringComparison.Ordinal);

        await page.GetByTestId("upload-evidence").ClickAsync();
        var scan = Path.Combine(Path.GetTempPath(), $"emargement-signe-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(scan, EvidenceTestData.Pdf("Feuille d'émargement signée — atelier CV"));
        await BrowserFixture.WaitForFileInputAsync(page);
        await page.Locator(".mud-dialog input[type=file]").SetInputFilesAsync(scan);
        await Assertions.Expect(page.GetByTestId("upload-results")).ToContainTextAsync("Enregistré.");
        await page.GetByTestId("upload-close").ClickAsync();
        await Assertions.Expect(page.GetByTestId("evidence-list")).ToContainTextAsync(Path.GetFileName(scan));

        await page.GotoAsync("/compliance?operation=TEST-COURANTE");
        await Assertions.Expect(page.GetByTestId("completeness")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("todo-object").Filter(new LocatorFilterOptions { HasText = title })).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "compliance-done-desktop.png", fullPage: true);
        File.Delete(scan);
    }

    [SkippableFact]
    public async Task An_expense_without_its_invoice_in_the_to_do_list_opens_that_expense_on_the_finance_page()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.EnsureOperationForTodayAsync();
        await Browser.App.AddUserAsync("coord-expense-todo@test.csc", Roles.Coordinator, "FIA");
        int id;
        await using (var db = await Browser.App.CreateDbAsync())
        {
            var territoryId = await db.Territories.Where(t => t.Code == "FIA").Select(t => t.Id).SingleAsync();
            var operationId = await db.Operations.Where(o => o.Code == "TEST-COURANTE").Select(o => o.Id).SingleAsync();
            Expense Expense(string supplier, string number) => new()
            {
                OperationId = operationId, TerritoryId = territoryId, Supplier = supplier, InvoiceNumber = number,
                InvoiceDate = DateOnly.FromDateTime(DateTime.UtcNow), Category = CostCategory.Travel, AmountExclVat = 50m, Vat = 10m, EligibleAmount = 60m,
            };
            var wanted = Expense("Taxis des Flandres", "TF-2026-88");
            db.Expenses.AddRange(wanted, Expense("Hôtel du Mont des Cats", "HMC-2026-12"));
            await db.SaveChangesAsync();
            id = wanted.Id;
        }
        var page = await Browser.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(page, "coord-expense-todo@test.csc");
        await page.GotoAsync("/compliance?operation=TEST-COURANTE");
        // A link followed before the circuit's router takes links over is lost: wait for the page's marker first.
        await page.Locator(".network-header[data-interactive=true]").WaitForAsync();

        await page.GetByTestId("todo-object").Filter(new LocatorFilterOptions { HasText = "TF-2026-88" }).ClickAsync();
        await page.WaitForURLAsync($"**/finance?tab=expenses&expense={id}");
        await Assertions.Expect(page.GetByTestId("expense-focus")).ToContainTextAsync("Facture n° TF-2026-88 — Taxis des Flandres");
        var rows = page.Locator(".mud-table-body tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToContainTextAsync("Taxis des Flandres");
        await BrowserFixture.ScreenshotAsync(page, "finance-one-expense-desktop.png");

        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher toutes les dépenses" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        Assert.Contains("tab=expenses", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("expense=", page.Url, StringComparison.Ordinal);
    }
}
