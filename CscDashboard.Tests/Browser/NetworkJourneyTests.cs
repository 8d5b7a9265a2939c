using System.Text;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class NetworkJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    private const string CentresCsv =
        "Nom;Commune;Code postal;Adresse;Territoire;Statut;Date d'engagement;Centre d'accueil\r\n" +
        "Centre social Les Oyats;Dunkerque;59140;12 rue du Large;FIA;Engagé;01/10/2021;Non\r\n" +
        "Centre social Marcel Pagnol;Roubaix;59100;;RTL;Candidat;;Non\r\n" +
        "Maison de quartier Vauban;Valenciennes;59300;3 place Vauban;VAL;Engagé;15/01/2022;Oui\r\n";

    private static async Task OpenListAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator(".network-header[data-interactive=true]").WaitForAsync();
    }

    [SkippableFact]
    public async Task The_project_lead_imports_a_centres_csv_through_the_ui_and_sees_the_rows_in_the_list()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.AddUserAsync("lead-import@test.csc", Roles.ProjectLead);
        var page = await Browser.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(page, "lead-import@test.csc");
        await OpenListAsync(page, "/network/centres");

        await page.GetByRole(AriaRole.Button, new() { Name = "Importer" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Importer des centres")).ToBeVisibleAsync();
        await BrowserFixture.WaitForFileInputAsync(page);
        await page.Locator(".mud-dialog input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "centres.csv",
            MimeType = "text/csv",
            Buffer = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(CentresCsv)],
        });

        await Assertions.Expect(page.Locator("#import-valid-count")).ToContainTextAsync("3 lignes valides");
        await Assertions.Expect(page.Locator("#import-error-count")).ToContainTextAsync("0 erreur");
        await BrowserFixture.ScreenshotAsync(page, "network-import-preview-desktop.png");
        await page.Locator("#import-confirm").ClickAsync();

        await Assertions.Expect(page.GetByText("3 centres importés.")).ToBeVisibleAsync();
        var grid = page.Locator(".mud-table-body");
        await Assertions.Expect(grid.GetByText("Centre social Les Oyats")).ToBeVisibleAsync();
        await Assertions.Expect(grid.GetByText("Centre social Marcel Pagnol")).ToBeVisibleAsync();
        await Assertions.Expect(grid.GetByText("Maison de quartier Vauban")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "network-centres-desktop.png", fullPage: true);

        // The territory filter lives in the URL: the view can be bookmarked.
        await OpenListAsync(page, "/network/centres?territory=VAL");
        await Assertions.Expect(grid.GetByText("Maison de quartier Vauban")).ToBeVisibleAsync();
        await Assertions.Expect(grid.GetByText("Centre social Les Oyats")).ToHaveCountAsync(0);
    }

    [SkippableFact]
    public async Task A_bad_file_shows_every_error_and_the_import_button_stays_disabled()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.AddUserAsync("lead-bad-import@test.csc", Roles.ProjectLead);
        var page = await Browser.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(page, "lead-bad-import@test.csc");
        await OpenListAsync(page, "/network/partners");

        await page.GetByRole(AriaRole.Button, new() { Name = "Importer" }).ClickAsync();
        await BrowserFixture.WaitForFileInputAsync(page);
        await page.Locator(".mud-dialog input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "partenaires.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("Nom,Type,Territoire,E-mail du contact\nMairie,Commune,XYZ,\nCAF,CAF,,caf@@nord\n"),
        });

        await Assertions.Expect(page.Locator("#import-errors")).ToContainTextAsync("Ligne 2 : « Territoire » : territoire inconnu « XYZ »");
        await Assertions.Expect(page.Locator("#import-errors")).ToContainTextAsync("Ligne 3 : « E-mail du contact »");
        await Assertions.Expect(page.Locator("#import-confirm")).ToBeDisabledAsync();
        await BrowserFixture.ScreenshotAsync(page, "network-import-errors-desktop.png");
    }

    [SkippableTheory]
    [InlineData(390, 844, "phone")]
    [InlineData(1366, 900, "desktop")]
    public async Task The_lists_fit_the_screen(int width, int height, string label)
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        var email = $"coord-lists-{label}@test.csc";
        await Browser.App.AddUserAsync(email, Roles.Coordinator, "RTL");
        await SeedAsync(label);
        var page = await Browser.NewPageAsync(width, height);
        await BrowserFixture.SignInAsync(page, email);

        var lists = new[]
        {
            ("/network/centres", "Centres sociaux", $"Centre social et culturel de l'Épeule ({label})"),
            ("/network/members", "Membres du réseau", $"Benali-{label}"),
            ("/network/partners", "Partenaires", $"Métropole Européenne de Lille ({label})"),
        };
        foreach (var (path, title, row) in lists)
        {
            await OpenListAsync(page, path);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".mud-table-body").GetByText(row)).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(page, $"network{path.Replace("/network", "").Replace('/', '-')}-{label}.png", fullPage: true);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{path} is {overflow} px wider than a {width} px screen");
        }
    }

    /// <summary>Blazor's InputFile handles files only once its script has initialised the element.</summary>
    /// <summary>A centre with a long name, a member and a partner, so that the screenshots show real rows.</summary>
    private async Task SeedAsync(string label)
    {
        await using var scope = Browser.App.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var rtl = await db.Territories.SingleAsync(t => t.Code == "RTL");
        var centre = new SocialCentre
        {
            Name = $"Centre social et culturel de l'Épeule ({label})", Commune = "Roubaix", Postcode = "59100", TerritoryId = rtl.Id,
            Status = CentreStatus.Engaged, EngagedOn = new DateOnly(2021, 11, 8), IsHostCentre = true,
        };
        db.Centres.Add(centre);
        db.Members.Add(new NetworkMember
        {
            FirstName = "Samira", LastName = $"Benali-{label}", Email = $"samira.benali.{label}@epeule.fr", Phone = "06 12 34 56 78",
            Role = MemberRole.Ctn, TerritoryId = rtl.Id, Centre = centre, Assignment = Assignment.FixedPercent, AssignmentPercent = 50,
            ActiveFrom = new DateOnly(2021, 11, 8),
        });
        db.Partners.Add(new Partner
        {
            Name = $"Métropole Européenne de Lille ({label})", Kind = PartnerKind.Epci, TerritoryId = rtl.Id,
            ContactName = "Jean Dupont", ContactEmail = "jean.dupont@lillemetropole.fr", IsCommitteeMember = true,
        });
        await db.SaveChangesAsync();
    }
}
