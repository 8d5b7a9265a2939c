using System.Globalization;
using CscDashboard.Core.Common;
using CscDashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

/// <summary>
/// The offline entry on a phone (issue 22, ADR 032), in Chromium at 390x844 with the network cut by Playwright: entries saved
/// without a network survive the page being closed and are each created once when it comes back; a replayed sync creates
/// nothing; an entry the server refuses stays on the phone with its reason, across an expired session; and the next user of
/// the device sees nothing of the previous one's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OfflineEntryJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static ILocator Entries(IPage page, string? state = null) =>
        page.Locator(state is null ? "[data-testid=queue-entry]" : $"[data-testid=queue-entry][data-state={state}]");

    /// <summary>
    /// Opens the offline entry, ready (its script ran) once the service worker is active, which means it has kept the page and
    /// its files (its install stores them first). This first page may not be controlled by it yet; the next ones are.
    /// </summary>
    private static async Task OpenQuickEntryAsync(IPage page)
    {
        await page.GotoAsync("/activities/quick");
        await page.Locator("body[data-ready=true]").WaitForAsync();
        await page.WaitForFunctionAsync("async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated'");
    }

    /// <summary>After signing in, the home page has made the device ready: service worker active, the user's context kept.</summary>
    private static async Task WaitUntilReadyOfflineAsync(IPage page)
    {
        await page.WaitForFunctionAsync("async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated'");
        await page.WaitForFunctionAsync("""
            async () => {
                const db = await new Promise(r => { const o = indexedDB.open("csc-offline"); o.onsuccess = () => r(o.result); });
                return await new Promise(r => { const q = db.transaction("contexts").objectStore("contexts").count(); q.onsuccess = () => r(q.result > 0); });
            }
            """);
    }

    private static async Task SaveAsync(IPage page, string title, string? preset = null, string? minutes = null)
    {
        await page.FillAsync("#quick-title", title);
        if (preset is not null)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = preset, Exact = true }).ClickAsync();
        }
        if (minutes is not null)
        {
            await page.FillAsync("#quick-duration", minutes);
        }
        await page.GetByTestId("quick-save").ClickAsync();
    }

    private async Task<int> CountAsync(string title)
    {
        await using var db = await Browser.App.CreateDbAsync();
        return await db.Activities.CountAsync(a => a.Title == title);
    }

    [SkippableFact]
    public async Task Three_entries_saved_offline_survive_a_restart_and_are_each_created_once_when_the_network_returns()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.EnsureOperationForTodayAsync();
        await Browser.App.AddUserAsync("coord-offline@test.csc", Roles.Coordinator, "ART");
        var centre = await Browser.App.AddCentreAsync("ART", "Centre social hors réseau");
        var page = await Browser.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(page, "coord-offline@test.csc");
        await WaitUntilReadyOfflineAsync(page);

        // Typing in the app's entry form when the network goes: the banner offers to go on offline, with what was typed.
        await page.GetByTestId("home-log").ClickAsync();
        await page.Locator("#activity-title").FillAsync("Hors réseau : visite du matin");
        await Assertions.Expect(page.Locator("[data-testid=activity-draft-values]")).ToHaveAttributeAsync("data-type", "CentreSupport");
        await page.Context.SetOfflineAsync(true);
        await page.EvaluateAsync("() => Blazor._internal.forceCloseConnection()"); // the circuit drops now, not after its 30 s timeout
        await Assertions.Expect(page.GetByTestId("reconnect-banner")).ToContainTextAsync("Connexion au serveur perdue : reconnexion automatique…");
        await BrowserFixture.ScreenshotAsync(page, "offline-reconnect-banner-390.png");
        await page.GetByTestId("reconnect-continue-offline").ClickAsync();
        await page.Locator("body[data-ready=true]").WaitForAsync();
        await Assertions.Expect(page.GetByTestId("quick-network")).ToContainTextAsync("Hors connexion");
        await Assertions.Expect(page.Locator("#quick-title")).ToHaveValueAsync("Hors réseau : visite du matin");
        await page.GetByRole(AriaRole.Button, new() { Name = "45 min", Exact = true }).ClickAsync();
        await page.GetByTestId("quick-save").ClickAsync();
        await Assertions.Expect(Entries(page, "pending")).ToHaveCountAsync(1);

        // A public action needs a centre and a participant: the phone says so in the server's words, and keeps nothing.
        await page.SelectOptionAsync("#quick-type", "PublicAction");
        await SaveAsync(page, "Hors réseau : atelier numérique", preset: "1 h 30");
        await Assertions.Expect(page.GetByTestId("quick-errors")).ToHaveTextAsync("Corrigez les champs signalés : rien n'a été enregistré.");
        await Assertions.Expect(page.Locator("#quick-centres-error")).ToHaveTextAsync("Une action grand public doit être rattachée à au moins un centre.");
        await Assertions.Expect(page.Locator("#quick-inhabitants-error")).ToHaveTextAsync("Une action grand public doit compter au moins un participant.");
        await Assertions.Expect(Entries(page)).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, "offline-entry-error-390.png", fullPage: true);
        // The page is outside the accessibility walk (a static document): scanned here, its form in error and its queue shown.
        var axe = new AxeWalk(page, "coordinateur", "390 px");
        await axe.ScanAsync("/activities/quick (erreurs)");
        Assert.True(axe.Findings.Count == 0, AxeReport.Details(axe.Findings));
        await page.SelectOptionAsync("#quick-centre", centre.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync("#quick-inhabitants", "8");
        await page.GetByTestId("quick-save").ClickAsync();
        await Assertions.Expect(Entries(page, "pending")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("quick-errors")).ToBeHiddenAsync();

        await page.SelectOptionAsync("#quick-type", "Coordination");
        await SaveAsync(page, "Hors réseau : point avec la mairie", minutes: "20");
        await Assertions.Expect(Entries(page, "pending")).ToHaveCountAsync(3);

        // Closed and opened again, still without a network: the page comes from the service worker, the queue from the phone.
        await page.CloseAsync();
        page = await page.Context.NewPageAsync();
        await page.GotoAsync("/activities/quick");
        await page.Locator("body[data-ready=true]").WaitForAsync();
        await Assertions.Expect(page.GetByTestId("quick-network")).ToContainTextAsync("Hors connexion");
        await Assertions.Expect(Entries(page, "pending")).ToHaveCountAsync(3);
        await Assertions.Expect(Entries(page).Filter(new() { HasText = "Hors réseau : atelier numérique" })).ToContainTextAsync("1 h 30");
        await BrowserFixture.ScreenshotAsync(page, "offline-entry-queue-390.png", fullPage: true);
        Assert.Equal(0, await CountAsync("Hors réseau : visite du matin"));

        // The network comes back: the queue leaves by itself, and each activity is in the log once.
        await page.Context.SetOfflineAsync(false);
        await Assertions.Expect(Entries(page, "sent")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("quick-sync-status")).ToHaveTextAsync("Envoi terminé : 3 saisies envoyées.");
        var titles = new[] { "Hors réseau : visite du matin", "Hors réseau : atelier numérique", "Hors réseau : point avec la mairie" };
        foreach (var title in titles)
        {
            Assert.Equal(1, await CountAsync(title));
        }
        await page.GotoAsync("/activities");
        foreach (var title in titles)
        {
            await Assertions.Expect(page.GetByText(title, new() { Exact = true })).ToHaveCountAsync(1);
        }

        // The same sync again (an answer lost on the way): everything is already there, nothing is created.
        await page.GotoAsync("/activities/quick");
        await page.Locator("body[data-ready=true]").WaitForAsync();
        var replay = await page.EvaluateAsync<string[]>("""
            async () => {
                const db = await new Promise(r => { const o = indexedDB.open("csc-offline"); o.onsuccess = () => r(o.result); });
                const entries = await new Promise(r => { const q = db.transaction("entries").objectStore("entries").getAll(); q.onsuccess = () => r(q.result); });
                const context = await (await fetch("/activities/quick/context")).json();
                const response = await fetch("/activities/quick/sync", { method: "POST", headers: { "Content-Type": "application/json", RequestVerificationToken: context.token },
                    body: JSON.stringify({ entries: entries.map(e => ({ key: e.key, ...e.data })) }) });
                return (await response.json()).results.map(r => r.status);
            }
            """);
        Assert.Equal(["duplicate", "duplicate", "duplicate"], replay);
        foreach (var title in titles)
        {
            Assert.Equal(1, await CountAsync(title));
        }
    }

    [SkippableFact]
    public async Task An_entry_for_a_territory_no_longer_the_coordinators_is_refused_after_signing_in_again_and_stays_with_its_reason()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.EnsureOperationForTodayAsync();
        var userId = await Browser.App.AddUserAsync("coord-offline-scope@test.csc", Roles.Coordinator, "ART", "LIL");
        var page = await Browser.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(page, "coord-offline-scope@test.csc");
        await OpenQuickEntryAsync(page);
        await page.Context.SetOfflineAsync(true);
        await page.SelectOptionAsync("#quick-territory", new SelectOptionValue { Label = "Lille & Weppes" });
        await SaveAsync(page, "Hors réseau : réunion à Lille", preset: "1 h");
        await Assertions.Expect(Entries(page, "pending")).ToHaveCountAsync(1);

        // Meanwhile Lille is taken from the coordinator, which closes their sessions.
        await using (var db = await Browser.App.CreateDbAsync())
        {
            var lille = await db.Territories.Where(t => t.Code == "LIL").Select(t => t.Id).SingleAsync();
            db.CoordinatorTerritories.Remove(await db.CoordinatorTerritories.SingleAsync(c => c.UserId == userId && c.TerritoryId == lille));
            await db.SaveChangesAsync();
        }
        await using (var scope = Browser.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserSessionService>().EndAllAsync(userId);
        }

        // Back online: the session has expired, the page says so and keeps the entry until the coordinator signs in.
        await page.Context.SetOfflineAsync(false);
        await Assertions.Expect(page.GetByTestId("quick-session")).ToContainTextAsync("Votre session a expiré");
        await Assertions.Expect(Entries(page, "pending")).ToHaveCountAsync(1);
        await page.GetByTestId("quick-session").GetByRole(AriaRole.Link, new() { Name = "Se connecter" }).ClickAsync();
        await page.FillAsync("#email", "coord-offline-scope@test.csc");
        await page.FillAsync("#password", Infrastructure.CscWebFactory.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/activities/quick", StringComparison.Ordinal));

        // Sent after signing in, refused: it stays on the phone with the server's reason, editable, and is not created.
        var refused = Entries(page, "refused");
        await Assertions.Expect(refused).ToHaveCountAsync(1);
        await Assertions.Expect(refused.GetByTestId("entry-state"))
            .ToHaveTextAsync("Refusée : Vous ne pouvez pas modifier les données d'un territoire qui ne vous est pas attribué.");
        await BrowserFixture.ScreenshotAsync(page, "offline-entry-refused-390.png", fullPage: true);
        await page.ReloadAsync();
        await Assertions.Expect(Entries(page, "refused")).ToHaveCountAsync(1);
        await Assertions.Expect(Entries(page, "refused").GetByRole(AriaRole.Button, new() { Name = "Modifier : Hors réseau : réunion à Lille" })).ToBeVisibleAsync();
        Assert.Equal(0, await CountAsync("Hors réseau : réunion à Lille"));
    }

    [SkippableFact]
    public async Task After_signing_out_the_next_user_of_the_phone_sees_nothing_of_the_previous_ones_even_offline()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.App.EnsureOperationForTodayAsync();
        var first = await Browser.App.AddUserAsync("coord-offline-first@test.csc", Roles.Coordinator, "RTL");
        await Browser.App.AddUserAsync("coord-offline-next@test.csc", Roles.Coordinator, "SAM");
        await Browser.App.AddCentreAsync("RTL", "Centre social du premier utilisateur");
        await Browser.App.AddActivityAsync(first, "RTL", "Activité du premier utilisateur");
        var page = await Browser.NewPageAsync(390, 844);

        // The first coordinator reads their log, logs an entry from the offline page (sent at once), and signs out.
        await BrowserFixture.SignInAsync(page, "coord-offline-first@test.csc");
        await page.GotoAsync("/activities");
        await Assertions.Expect(page.GetByText("Activité du premier utilisateur")).ToBeVisibleAsync();
        await OpenQuickEntryAsync(page);
        await SaveAsync(page, "Saisie du premier utilisateur", preset: "30 min");
        await Assertions.Expect(Entries(page, "sent")).ToHaveCountAsync(1);
        await page.GotoAsync("/activities");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mon compte", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Se déconnecter" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));

        // The next coordinator signs in on the same phone, opens the offline entry, then loses the network.
        await BrowserFixture.SignInAsync(page, "coord-offline-next@test.csc");
        await OpenQuickEntryAsync(page);
        await page.Context.SetOfflineAsync(true);
        foreach (var path in new[] { "/activities", "/", "/activities/quick" })
        {
            await page.GotoAsync(path);
            await page.Locator("body").WaitForAsync();
            var text = await page.Locator("body").InnerTextAsync();
            var options = string.Join("\n", await page.Locator("option").AllTextContentsAsync());
            foreach (var trace in new[] { "premier utilisateur", "coord-offline-first" })
            {
                Assert.DoesNotContain(trace, text + options, StringComparison.Ordinal);
            }
        }
        await Assertions.Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(Entries(page)).ToHaveCountAsync(0);
        // Nor anywhere on the device: the service worker's cache holds the page shell only, IndexedDB only the next user's data.
        var kept = await page.EvaluateAsync<string[]>("""
            async () => {
                const urls = [];
                for (const name of await caches.keys()) {
                    for (const request of await (await caches.open(name)).keys()) { urls.push(new URL(request.url).pathname); }
                }
                const db = await new Promise(r => { const o = indexedDB.open("csc-offline"); o.onsuccess = () => r(o.result); });
                const all = store => new Promise(r => { const q = db.transaction(store).objectStore(store).getAll(); q.onsuccess = () => r(q.result); });
                return [...urls, ...(await all("entries")).map(e => "entry:" + e.user), ...(await all("contexts")).map(c => "context:" + c.user.name)];
            }
            """);
        Assert.DoesNotContain(kept, k => k.Contains(first, StringComparison.Ordinal) || k.Contains("coord-offline-first", StringComparison.Ordinal));
        Assert.Contains("context:coord-offline-next", kept);
        Assert.All(kept.Where(k => k.StartsWith('/')), url => Assert.Contains(url, OfflineFiles));
    }

    /// <summary>What the service worker may keep: the quick-entry page, its offline fallback and their assets.</summary>
    private static readonly string[] OfflineFiles =
    [
        "/activities/quick", "/offline.html", "/offline/quick-entry.js", "/offline/offline-store.js", "/offline/install.js",
        "/offline/quick-entry.css", "/app.css", "/favicon.svg", "/manifest.webmanifest", "/icons/icon-192.png", "/icons/icon-512.png",
        "/icons/apple-touch-icon.png",
    ];
}
