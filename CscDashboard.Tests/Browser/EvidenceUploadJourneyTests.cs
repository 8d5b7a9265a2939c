using CscDashboard.Core.Common;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Network;
using CscDashboard.Tests.Core.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class EvidenceUploadJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [SkippableTheory]
    [InlineData(1366, 900, "desktop")]
    [InlineData(390, 844, "390")]
    public async Task From_evidence_a_coordinator_chooses_the_category_and_the_centre_before_the_file_and_is_told_what_to_do_with_a_federation_piece(
        int width, int height, string size)
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.EnsureOperationForTodayAsync();
        var email = $"coord-upload-{size}@test.csc";
        await Browser.App.AddUserAsync(email, Roles.Coordinator, "CAM");
        var centreName = $"Centre social Envol {size}";
        int centreId;
        await using (var db = await Browser.App.CreateDbAsync())
        {
            var centre = new SocialCentre
            {
                Name = centreName, Commune = "Cambrai", Postcode = "59400", Status = CentreStatus.Engaged,
                TerritoryId = await db.Territories.Where(t => t.Code == "CAM").Select(t => t.Id).SingleAsync(),
            };
            db.Centres.Add(centre);
            await db.SaveChangesAsync();
            centreId = centre.Id;
        }
        var page = await Browser.NewPageAsync(width, height);
        await BrowserFixture.SignInAsync(page, email);
        await page.GotoAsync("/evidence");
        await page.GetByTestId("upload-evidence").ClickAsync();
        var dialog = page.Locator(".mud-dialog");

        // No file before the piece says what it justifies.
        await Assertions.Expect(dialog).ToContainTextAsync("Choisissez d'abord la catégorie et ce à quoi la pièce se rattache.");
        await Assertions.Expect(dialog.Locator("input[type=file]")).ToBeDisabledAsync();

        await dialog.Locator("div.mud-select:has(#upload-category)").First.ClickAsync();
        await page.GetByRole(AriaRole.Option).Filter(new() { HasText = "Facture" }).First.ClickAsync();
        await dialog.Locator("div.mud-select:has(#upload-link-kind)").First.ClickAsync();
        await page.GetByRole(AriaRole.Option).Filter(new() { HasText = "Toute la fédération" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("upload-federation-refused")).ToContainTextAsync(
            "Rattachez-la plutôt à une activité, un centre, un membre du réseau ou une dépense de votre territoire");
        await Assertions.Expect(dialog.Locator("input[type=file]")).ToBeDisabledAsync();
        await BrowserFixture.ScreenshotAsync(page, $"evidence-upload-federation-{size}.png");

        await dialog.Locator("div.mud-select:has(#upload-link-kind)").First.ClickAsync();
        await page.GetByRole(AriaRole.Option).Filter(new() { HasText = "Un centre" }).ClickAsync();
        await page.FillAsync("#upload-link", "Envol " + size);
        await page.GetByRole(AriaRole.Option).Filter(new() { HasText = centreName }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("upload-federation-refused")).ToHaveCountAsync(0);
        await Assertions.Expect(dialog.Locator("input[type=file]")).ToBeEnabledAsync();

        var invoice = Path.Combine(Path.GetTempPath(), $"facture-envol-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(invoice, EvidenceTestData.Pdf("Facture de l'imprimerie"));
        await BrowserFixture.WaitForFileInputAsync(page);
        await dialog.Locator("input[type=file]").SetInputFilesAsync(invoice);
        await Assertions.Expect(page.GetByTestId("upload-results")).ToContainTextAsync("Enregistré.");
        await BrowserFixture.ScreenshotAsync(page, $"evidence-upload-linked-{size}.png");

        await using var check = await Browser.App.CreateDbAsync();
        var stored = await check.EvidenceDocuments.SingleAsync(e => e.CentreId == centreId);
        Assert.Equal(EvidenceCategory.Invoice, stored.Category);
        Assert.Equal(Path.GetFileName(invoice), stored.OriginalName);
        File.Delete(invoice);
    }
}
