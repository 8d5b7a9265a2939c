using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Workstreams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class WorkstreamJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    private const string CoAnimator = "coord-ws@test.csc";
    private const string SessionTitle = "Permanence accès aux droits (chantier)";

    private static async Task OpenSpaceAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator(".ws-page[data-interactive=true]").WaitForAsync();
    }

    [SkippableFact]
    public async Task A_coordinator_adds_a_watch_item_and_finds_it_by_searching()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        var userId = await Browser.App.AddUserAsync("coord-veille@test.csc", Roles.Coordinator, "DOU");
        var page = await Browser.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(page, "coord-veille@test.csc");
        await OpenSpaceAsync(page, "/workstreams/1");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Inclusion numérique et accès aux droits" })).ToBeVisibleAsync();

        await page.ClickAsync("#watch-add");
        await Assertions.Expect(page.GetByText("Nouvel élément de veille")).ToBeVisibleAsync();
        await page.FillAsync("#watch-title", "Guide de la médiation numérique en Hauts-de-France");
        await page.FillAsync("#watch-url", "https://www.hautsdefrance.fr/");
        await page.FillAsync("#watch-summary", "Panorama régional des lieux de médiation, utile pour orienter les habitants.");
        await page.FillAsync("#watch-tags", "médiation, orientation");
        await BrowserFixture.ScreenshotAsync(page, "workstream-watch-dialog-desktop.png");
        await page.ClickAsync("#watch-save");
        await Assertions.Expect(page.GetByText("Élément de veille ajouté.")).ToBeVisibleAsync();

        await page.FillAsync("#watch-search", "HAUTS-DE-FRANCE");
        await page.WaitForURLAsync(url => url.Contains("q=HAUTS-DE-FRANCE", StringComparison.Ordinal));
        var items = page.GetByTestId("watch-items").Locator("li");
        await Assertions.Expect(items).ToHaveCountAsync(1);
        await Assertions.Expect(items.First).ToContainTextAsync("Guide de la médiation numérique en Hauts-de-France");
        await Assertions.Expect(items.First).ToContainTextAsync("#orientation");
        await BrowserFixture.ScreenshotAsync(page, "workstream-watch-search-desktop.png", fullPage: true);

        // The search lives in the URL: reopening it shows the same result; a search that matches nothing says so.
        await OpenSpaceAsync(page, "/workstreams/1?q=orientation");
        await Assertions.Expect(page.GetByTestId("watch-items").Locator("li")).ToHaveCountAsync(1);
        await OpenSpaceAsync(page, "/workstreams/1?q=introuvable");
        await Assertions.Expect(page.GetByTestId("watch-empty")).ToContainTextAsync("Aucun élément de veille ne correspond à cette recherche.");

        await using var db = await Browser.App.CreateDbAsync();
        var stored = await db.WatchItems.SingleAsync(w => w.Title == "Guide de la médiation numérique en Hauts-de-France");
        Assert.Equal((userId, "médiation,orientation", new ParisTimeProvider().Today()), (stored.AuthorId, stored.Tags, stored.Date));
    }

    [SkippableTheory]
    [InlineData(390, 844, "phone")]
    [InlineData(1366, 900, "desktop")]
    public async Task The_space_fits_the_screen_and_a_territory_opens_its_sessions_in_the_activity_log(int width, int height, string label)
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        var workstreamId = await SeedAsync();
        var page = await Browser.NewPageAsync(width, height);
        await BrowserFixture.SignInAsync(page, CoAnimator);
        await OpenSpaceAsync(page, "/workstreams/1");

        await Assertions.Expect(page.GetByTestId("co-animators")).ToContainTextAsync("coord-ws");
        await Assertions.Expect(page.GetByTestId("total-activities")).ToHaveTextAsync("3");
        await Assertions.Expect(page.GetByTestId("sessions")).ToContainTextAsync(SessionTitle);
        await Assertions.Expect(page.GetByTestId("deliverables")).ToContainTextAsync("En retard");
        await Assertions.Expect(page.Locator("#deliverable-add")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("watch-items")).ToContainTextAsync("Aidants Connect : habiliter les accueillants");
        await page.Locator("#ws-figures svg").First.WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, $"workstream-space-{label}.png", fullPage: true);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the workstream space is {overflow} px wider than a {width} px screen");

        await page.GetByRole(AriaRole.Link, new() { Name = "Activités du chantier en Littoral & ruralité du Pas-de-Calais" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/activities?", StringComparison.Ordinal));
        Assert.Contains($"workstream={workstreamId}", page.Url);
        Assert.Contains("territory=LIT", page.Url);
        Assert.Contains("from=", page.Url);
        Assert.Contains("to=", page.Url);
        await Assertions.Expect(page.GetByTestId("activity-count")).ToHaveTextAsync("2 activités");
        await Assertions.Expect(page.GetByText(SessionTitle)).ToBeVisibleAsync();
    }

    /// <summary>
    /// A co-animator of workstream 1 (LIT), three sessions of the current operation (two in LIT, one in SAM) and
    /// a deleted one, three deliverables (one late) and two watch items. Run once for the shared app.
    /// </summary>
    private async Task<int> SeedAsync()
    {
        await Browser.App.EnsureOperationForTodayAsync();
        await using var db = await Browser.App.CreateDbAsync();
        var workstreamId = await db.Workstreams.Where(w => w.Number == 1).Select(w => w.Id).SingleAsync();
        if (await db.Users.AnyAsync(u => u.Email == CoAnimator))
        {
            return workstreamId;
        }
        var userId = await Browser.App.AddUserAsync(CoAnimator, Roles.Coordinator, "LIT");
        db.WorkstreamCoordinators.Add(new WorkstreamCoordinator { WorkstreamId = workstreamId, UserId = userId });
        var operationId = await db.Operations.Where(o => o.Code == "TEST-COURANTE").Select(o => o.Id).SingleAsync();
        var territories = await db.Territories.ToDictionaryAsync(t => t.Code, t => t.Id);
        var today = new ParisTimeProvider().Today();

        Activity Session(string territory, int daysAgo, int minutes, int inhabitants, string title) => new()
        {
            AuthorId = userId, Title = title, Date = today.AddDays(-daysAgo), DurationMinutes = minutes, InhabitantCount = inhabitants,
            TerritoryId = territories[territory], OperationId = operationId, Type = ActivityType.Workstream, Format = ActivityFormat.Workshop,
            Place = ActivityPlace.InCentre, Workstreams = [new ActivityWorkstream { WorkstreamId = workstreamId }],
        };
        var deleted = Session("SAM", 6, 60, 40, "Saisie en double (supprimée)");
        deleted.DeletedAt = DateTime.UtcNow;
        db.Activities.AddRange(
            Session("LIT", 2, 120, 14, SessionTitle),
            Session("LIT", 9, 90, 8, "Atelier démarches en ligne à Berck"),
            Session("SAM", 5, 60, 6, "Réunion des médiateurs de Maubeuge"),
            deleted);
        db.Deliverables.AddRange(
            new Deliverable { WorkstreamId = workstreamId, Title = "Cartographie des lieux de médiation numérique", DueDate = today.AddDays(-30), Status = DeliverableStatus.InProgress },
            new Deliverable { WorkstreamId = workstreamId, Title = "Guide des démarches en ligne pour les accueillants", DueDate = today.AddDays(-90), Status = DeliverableStatus.Delivered },
            new Deliverable { WorkstreamId = workstreamId, Title = "Référentiel d'accompagnement aux droits en ligne", DueDate = today.AddMonths(6), Status = DeliverableStatus.Planned });
        db.WatchItems.AddRange(
            new WatchItem
            {
                WorkstreamId = workstreamId, AuthorId = userId, Title = "Aidants Connect : habiliter les accueillants", Url = "https://aidantsconnect.beta.gouv.fr/",
                Summary = "Cadre sécurisé pour réaliser une démarche pour le compte d'un habitant.", Tags = "aidants,démarches", Date = today.AddDays(-4),
            },
            new WatchItem
            {
                WorkstreamId = workstreamId, AuthorId = userId, Title = "Baromètre du numérique : équipements et usages", Url = "https://www.arcep.fr/",
                Summary = "Chiffres annuels sur l'équipement et les usages, pour situer les publics des centres.", Tags = "usages,statistiques", Date = today.AddDays(-20),
            });
        await db.SaveChangesAsync();
        // Rows added straight to the database: bring the monthly aggregates up to date as a bulk load does.
        await ActivityStatsUpdater.RebuildAllAsync(db);
        return workstreamId;
    }
}
