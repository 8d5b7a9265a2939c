using System.IO.Compression;
using CscDashboard.Core.Common;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Finance;
using CscDashboard.Tests.Core.Evidence;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

/// <summary>
/// Report and payment-claim dossier generation end to end. This class runs its own host with the Hangfire server on (the shared
/// browser host has none, like every integration test): the page's request goes through the real
/// queue, worker, job activator and job, and the page follows it through the change notifier.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    private readonly CscWebFactory _app = new() { HangfireServer = true };
    private string _baseUrl = "";

    public override async Task InitializeAsync()
    {
        if (BrowserFixture.ShouldSkip)
        {
            return;
        }
        _baseUrl = _app.StartKestrel();
        // The previous quarter (the panel's default) must belong to an operation.
        await _app.EnsureOperationForTodayAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _app.DisposeAsync();
    }

    [SkippableFact]
    public async Task The_project_lead_generates_a_quarterly_report_and_downloads_it_then_the_committee_finds_it()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await _app.AddUserAsync("lead-bilan@test.csc", Roles.ProjectLead);
        await _app.AddUserAsync("comite-bilan@test.csc", Roles.Committee);
        var quarter = Period.Containing(PeriodKind.Quarter, new ParisTimeProvider().Today()).Previous();

        var lead = await Browser.NewPageAsync(1366, 900, _baseUrl);
        await BrowserFixture.SignInAsync(lead, "lead-bilan@test.csc");
        await lead.GotoAsync("/reports");
        await Assertions.Expect(lead.Locator("[data-testid=reports-header][data-interactive=true]")).ToBeVisibleAsync();
        await Assertions.Expect(lead.GetByTestId("period-label")).ToHaveTextAsync(quarter.Label);
        await lead.GetByTestId("generate-report").ClickAsync();

        var row = lead.GetByTestId("report-library").Locator("tr", new() { HasText = quarter.Label });
        await Assertions.Expect(row).ToContainTextAsync("Bilan trimestriel (comité)");
        var download = row.GetByRole(AriaRole.Link, new() { NameRegex = new("^Télécharger") });
        await Assertions.Expect(download).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(row.GetByTestId("report-status")).ToHaveAttributeAsync("data-status", "Ready");
        await BrowserFixture.ScreenshotAsync(lead, "reports-desktop.png", fullPage: true);

        var file = await lead.RunAndWaitForDownloadAsync(() => download.ClickAsync());
        Assert.Equal($"bilan-trimestriel-{quarter.Code}-federation-v1.pdf", file.SuggestedFilename);
        var saved = BrowserFixture.ScreenshotPath("bilan-journey.pdf");
        await file.SaveAsAsync(saved);
        Assert.StartsWith("%PDF", await File.ReadAllTextAsync(saved), StringComparison.Ordinal);

        var committee = await Browser.NewPageAsync(390, 844, _baseUrl);
        await BrowserFixture.SignInAsync(committee, "comite-bilan@test.csc");
        await committee.GotoAsync("/reports");
        var committeeRow = committee.GetByTestId("report-library").Locator("tr", new() { HasText = quarter.Label });
        await Assertions.Expect(committeeRow).ToContainTextAsync("Prêt");
        await Assertions.Expect(committeeRow).ToContainTextAsync("Équipe fédérale");
        await Assertions.Expect(committeeRow.GetByRole(AriaRole.Link, new() { NameRegex = new("^Aperçu") })).ToHaveAttributeAsync("target", "_blank");
        Assert.Equal(0, await committee.GetByTestId("report-request").CountAsync());
        await BrowserFixture.ScreenshotAsync(committee, "reports-phone-committee.png", fullPage: true);

        var pdf = await committee.APIRequest.GetAsync(await committeeRow.GetByRole(AriaRole.Link, new() { NameRegex = new("^Aperçu") }).GetAttributeAsync("href") ?? "");
        Assert.Equal(200, pdf.Status);
        Assert.StartsWith("inline", pdf.Headers["content-disposition"], StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_project_lead_prepares_the_months_payment_claim_dossier_in_one_action_and_downloads_it()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await _app.AddUserAsync("lead-dossier@test.csc", Roles.ProjectLead);
        var month = Period.Containing(PeriodKind.Month, new ParisTimeProvider().Today());
        var invoice = EvidenceTestData.Pdf("Facture IC-2026-31 de l'Imprimerie du Cambrésis");
        await AddExpenseWithInvoiceAsync(month.From, invoice, "facture-imprimerie.pdf");

        var lead = await Browser.NewPageAsync(1366, 900, _baseUrl);
        await BrowserFixture.SignInAsync(lead, "lead-dossier@test.csc");
        await lead.GotoAsync($"/compliance?operation=TEST-COURANTE&period={month.Code}");
        await Assertions.Expect(lead.Locator(".network-header[data-interactive=true]")).ToBeVisibleAsync();
        await lead.GetByTestId("dossier-request").ClickAsync();

        var link = lead.GetByTestId("dossier-files").GetByRole(AriaRole.Link).First;
        await Assertions.Expect(link).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(lead.GetByTestId("dossier-progress")).ToHaveCountAsync(0);
        await Assertions.Expect(lead.GetByTestId("dossier-request")).ToBeEnabledAsync();
        await BrowserFixture.ScreenshotAsync(lead, "dossier-desktop.png");
        var download = await lead.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var saved = BrowserFixture.ScreenshotPath("dossier-journey.zip");
        await download.SaveAsAsync(saved);

        using var zip = ZipFile.OpenRead(saved);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("synthese.pdf", names);
        Assert.Contains("depenses-et-frais-de-personnel.xlsx", names);
        var piece = Assert.Single(zip.Entries, e => e.FullName.EndsWith("_facture-imprimerie.pdf", StringComparison.Ordinal));
        Assert.StartsWith("03-facture/", piece.FullName, StringComparison.Ordinal);
        using var content = new MemoryStream();
        await using (var stream = piece.Open())
        {
            await stream.CopyToAsync(content);
        }
        Assert.Equal(invoice, content.ToArray());
    }

    /// <summary>An expense of the month in Artois, and its invoice stored in the vault as an upload would.</summary>
    private async Task AddExpenseWithInvoiceAsync(DateOnly date, byte[] pdf, string fileName)
    {
        await using var db = await _app.CreateDbAsync();
        var operation = await db.Operations.SingleAsync(o => o.Code == "TEST-COURANTE");
        var territoryId = await db.Territories.Where(t => t.Code == "ART").Select(t => t.Id).SingleAsync();
        var expense = new Expense
        {
            OperationId = operation.Id, TerritoryId = territoryId, Supplier = "Imprimerie du Cambrésis", InvoiceNumber = "IC-2026-31",
            InvoiceDate = date, Category = CostCategory.Communication, AmountExclVat = 250m, Vat = 50m, EligibleAmount = 300m,
        };
        db.Expenses.Add(expense);
        await db.SaveChangesAsync();

        var store = _app.Services.GetRequiredService<EvidenceStore>();
        await using var staged = await store.StageAsync(new MemoryStream(pdf), long.MaxValue, CancellationToken.None);
        store.Commit(staged);
        db.EvidenceDocuments.Add(new EvidenceDocument
        {
            OperationId = operation.Id, TerritoryId = territoryId, Category = EvidenceCategory.Invoice, Sha256 = staged.Sha256,
            OriginalName = fileName, Size = pdf.Length, ContentType = "application/pdf", ExpenseId = expense.Id,
            PeriodMonth = date, RetentionUntil = operation.RetentionUntil,
        });
        await db.SaveChangesAsync();
    }
}
