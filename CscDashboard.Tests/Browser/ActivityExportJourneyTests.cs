using CscDashboard.Core.Common;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ActivityExportJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [SkippableTheory]
    [InlineData(1366, 900, "desktop")]
    [InlineData(390, 844, "390")]
    public async Task The_export_buttons_of_the_activity_list_carry_its_filters_and_download_a_csv(int width, int height, string size)
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        var email = $"coord-export-{size}@test.csc";
        await Browser.App.AddUserAsync(email, Roles.Coordinator, "SAM");
        var page = await Browser.NewPageAsync(width, height);
        await BrowserFixture.SignInAsync(page, email);

        await page.GotoAsync("/activities?territory=SAM&type=PublicAction");

        // A filtered address shows the whole network so filtered; the export says so (scope=all), since a coordinator's bare export is « Mes activités ».
        await Assertions.Expect(page.GetByTestId("export-csv")).ToHaveAttributeAsync("href", "/activities/export.csv?territory=SAM&type=PublicAction&scope=all");
        await Assertions.Expect(page.GetByTestId("export-xlsx")).ToHaveAttributeAsync("href", "/activities/export.xlsx?territory=SAM&type=PublicAction&scope=all");
        await BrowserFixture.ScreenshotAsync(page, $"activities-export-{size}.png");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        Assert.Matches(@"^journal-activites_\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        var text = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("Date;Heure de début;Durée (minutes);Territoire;", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
    }
}
