using System.Diagnostics;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Tests.Web;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static CscDashboard.Tests.Web.AuthorizationMatrixTests;

namespace CscDashboard.Tests.Browser;

/// <summary>
/// Issue 15 points 1 to 3 (ADR 021): axe-core with the WCAG 2.1 A and AA rules, and the structure checks of
/// <see cref="AxeWalk"/>, on every page of the URL map for every role that opens it (the administrator's view of the lead's
/// pages is the lead's: <see cref="AccessibilityMap.Scanned"/>), at 1366 or 390 px (<see cref="SizesFor"/>), on
/// the demo data, with the dialogs open (new expense, evidence upload, new account), forms in their error
/// state, the account menu and the phone menu open, and the project lead's pages once more in dark mode.
/// Zero findings of any impact. One browser context per account and size; the injected axe script needs
/// the context to bypass the app's CSP (the app's own policy is unchanged). Run alone with
/// <c>--filter FullyQualifiedName~AccessibilityTests</c>; writes accessibility-report.md beside the tests.
/// </summary>
[Collection(AccessibilityCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser)
{
    private static readonly (int Width, int Height)[] Sizes = [(1366, 900), (390, 844)];

    /// <summary>
    /// Each role at the size it works at: the coordinator on a phone (with its phone menu), the lead, the committee and the
    /// administrator on a laptop, the visitor before signing in at both. A page two roles open is the same components in
    /// both walks, so every component is scanned at both sizes; axe's rules hold on the markup, not on the width (ADR 021).
    /// </summary>
    private static (int Width, int Height)[] SizesFor(string caller) => caller switch
    {
        Anonymous => Sizes,
        Coordinator => [Sizes[1]],
        _ => [Sizes[0]],
    };

    /// <summary>Pages photographed for the lead at both sizes (and in dark mode), to look at after a palette change.</summary>
    private static readonly HashSet<string> Photographed = ["/", "/dashboard", "/activities"];

    [Fact]
    public void Every_page_route_of_the_url_map_is_scanned()
    {
        var routes = BadUrls.Pages(1).Concat(BadUrls.StaticPages).Select(c => c.Pattern).ToHashSet();
        var scanned = AccessibilityMap.Pages(1, 1).Select(p => p.Pattern).ToHashSet();

        Assert.Empty(routes.Except(scanned));
        Assert.Empty(scanned.Except(routes));
    }

    [SkippableFact]
    public async Task Every_page_for_every_role_on_a_laptop_on_a_phone_and_in_dark_mode_has_no_wcag_21_aa_violation()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        var clock = Stopwatch.StartNew();
        var demo = await Browser.DemoAppAsync();
        var seeding = clock.Elapsed;
        var (activity, centre, meeting) = await AccessibilityMap.IdsAsync(demo);
        var pages = AccessibilityMap.Pages(activity, centre, meeting);
        // One context per account and size, two at a time: while one waits for the server the other scans.
        var throttle = new SemaphoreSlim(2);
        var walks = await Task.WhenAll(AccessibilityMap.Accounts.SelectMany(account => SizesFor(account.Caller).Select(async size =>
        {
            await throttle.WaitAsync();
            try
            {
                return await WalkAsync(account, size.Width, size.Height, pages.Where(p => AccessibilityMap.Scanned(account.Caller, p)).ToList());
            }
            finally
            {
                throttle.Release();
            }
        })));
        var findings = walks.SelectMany(w => w.Findings).ToList();
        var scans = walks.Sum(w => w.Scans);

        var report = AxeReport.Write(findings, scans, clock.Elapsed, seeding);
        output.WriteLine(report);
        output.WriteLine(string.Join("\n", walks.SelectMany(w => w.Timings.Select(t => $"{w.Account} {w.Size}: {t.Label} open {t.OpenMs} ms, axe {t.AxeMs} ms"))));
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "accessibility-report.md"),
            report + Environment.NewLine + Environment.NewLine + AxeReport.Details(findings) + Environment.NewLine);
        Assert.True(findings.Count == 0, $"{findings.Count} violations :\n" + string.Join("\n", findings.Take(300)));
    }

    /// <summary>
    /// Issue 15 points 3 and 5, what axe does not check: charts are images named after the table holding their figures, sort
    /// headers say how the table is sorted, progress bars have a name and a value, and ▲/▼ changes say "hausse"/"baisse".
    /// </summary>
    [SkippableFact]
    public async Task Charts_sort_headers_progress_bars_and_changes_speak_to_a_screen_reader()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        await Browser.DemoAppAsync();
        var page = await Browser.NewPageAsync(1366, 900, Browser.DemoBaseUrl);
        await BrowserFixture.SignInAsync(page, $"lead@{DemoDataSeeder.Domain}", CoreTestContext.DemoPassword);

        await page.GotoAsync("/dashboard?period=2025-Q1");
        await AxeWalk.WaitUntilReadyAsync(page);
        // MudChart nests a second .mud-chart inside the one that carries our attributes.
        var charts = page.Locator(".mud-main-content .mud-chart:not(.mud-chart .mud-chart)");
        Assert.Equal(3, await charts.CountAsync());
        foreach (var chart in await charts.AllAsync())
        {
            await Assertions.Expect(chart).ToHaveAttributeAsync("role", "img");
            await Assertions.Expect(chart).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("^Graphique en barres : .+ Les chiffres sont dans le tableau"));
        }
        var change = page.Locator(".kpi-up, .kpi-down").First;
        var hidden = (await change.Locator(".visually-hidden").InnerTextAsync()).Trim();
        Assert.StartsWith(await change.EvaluateAsync<bool>("e => e.classList.contains('kpi-up')") ? "hausse de " : "baisse de ", hidden);

        var headers = page.GetByTestId("territories").Locator("th");
        await Assertions.Expect(headers.Nth(0)).ToHaveAttributeAsync("aria-sort", "ascending");
        await headers.Nth(1).GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(headers.Nth(1)).ToHaveAttributeAsync("aria-sort", "descending");
        await Assertions.Expect(headers.Nth(0)).ToHaveAttributeAsync("aria-sort", "none");

        await page.GotoAsync("/network/centres");
        await AxeWalk.WaitUntilReadyAsync(page);
        var name = page.Locator("th", new() { Has = page.Locator(".sortable-column-header", new() { HasText = "Nom" }) });
        await name.Locator(".sortable-column-header").ClickAsync();
        await Assertions.Expect(name).ToHaveAttributeAsync("aria-sort", "ascending");

        await page.GotoAsync("/compliance");
        await AxeWalk.WaitUntilReadyAsync(page);
        var bars = await page.Locator(".mud-main-content [role=progressbar]").AllAsync();
        Assert.NotEmpty(bars);
        foreach (var bar in bars)
        {
            await Assertions.Expect(bar).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("^Complétude de "));
            await Assertions.Expect(bar).ToHaveAttributeAsync("aria-valuenow", new System.Text.RegularExpressions.Regex(@"^\d"));
        }
        await page.Context.CloseAsync();
    }

    /// <summary>A new context for the account at this size, its walk (and the lead's dark-mode walk), then the context closed.</summary>
    private async Task<AxeWalk> WalkAsync(AccessibilityMap.Account account, int width, int height, IReadOnlyList<AccessibilityMap.Page> pages)
    {
        var page = await Browser.NewPageAsync(width, height, Browser.DemoBaseUrl, configure: o => o.BypassCSP = true);
        var walk = new AxeWalk(page, account.Caller, $"{width} px") { Screenshots = account.Caller == Lead ? Photographed : new HashSet<string>() };
        await WalkAsync(walk, account, pages);
        if (account.Caller == Lead && width == Sizes[0].Width)
        {
            await DarkWalkAsync(walk, pages);
        }
        await page.Context.CloseAsync();
        return walk;
    }

    /// <summary>Signs in (or not), scans every page the account opens, then its dialogs and forms in their error state.</summary>
    private static async Task WalkAsync(AxeWalk walk, AccessibilityMap.Account account, IReadOnlyList<AccessibilityMap.Page> pages)
    {
        var page = walk.Page;
        if (account.Email is null)
        {
            await page.GotoAsync("/account/login");
            await page.FillAsync("#email", "inconnu@demo.csc");
            await page.FillAsync("#password", "pas-le-bon");
            await page.ClickAsync("button[type=submit]");
            await page.Locator(".account-error, [role=alert]").First.WaitForAsync();
            await walk.ScanAsync("/account/login (erreur)");
        }
        else
        {
            await BrowserFixture.SignInAsync(page, account.Email, CoreTestContext.DemoPassword);
        }
        foreach (var target in pages)
        {
            await walk.OpenAndScanAsync(target.Url, reload: target.IsStatic);
        }
        if (account.Email is null)
        {
            return;
        }

        await walk.OpenAndScanAsync("/", reload: true);
        await page.GetByRole(AriaRole.Button, new() { Name = "Mon compte", Exact = true }).ClickAsync();
        await page.Locator(".mud-popover-open").First.WaitForAsync();
        await walk.ScanAsync("/ (menu du compte ouvert)");
        if (page.ViewportSize!.Width < 960)
        {
            await page.Keyboard.PressAsync("Escape");
            await page.GetByRole(AriaRole.Button, new() { Name = "Ouvrir ou fermer le menu" }).ClickAsync();
            await page.Locator(".mud-drawer--open").WaitForAsync();
            await walk.ScanAsync("/ (menu de navigation ouvert)");
        }
        await DialogsAsync(walk, account.Caller);
    }

    private static async Task DialogsAsync(AxeWalk walk, string caller)
    {
        var page = walk.Page;
        if (caller == Committee)
        {
            return;
        }
        if (caller != Admin) // the administrator's forms are the lead's (AccessibilityMap.Scanned), except the new account
        {
            await SharedDialogsAsync(walk);
        }
        else
        {
            await walk.OpenAsync("/admin/users", reload: true);
            await page.ClickAsync("#account-new");
            await page.FillAsync("#account-email", "pas-une-adresse");
            await page.ClickAsync("#account-save");
            await Assertions.Expect(page.GetByText("Saisissez une adresse e-mail valide")).ToBeVisibleAsync();
            await walk.ScanAsync("/admin/users (nouveau compte, erreurs)");
        }
    }

    /// <summary>The activity form in its error state, the new expense and the evidence upload dialogs.</summary>
    private static async Task SharedDialogsAsync(AxeWalk walk)
    {
        var page = walk.Page;
        await walk.OpenAsync("/activities/new", reload: true);
        await page.GetByTestId("save-activity").ClickAsync();
        await page.GetByTestId("form-errors").WaitForAsync();
        await walk.ScanAsync("/activities/new (erreurs)");

        await walk.OpenAsync("/finance?tab=expenses", reload: true);
        await page.ClickAsync("#expense-new");
        await page.Locator(".mud-dialog").WaitForAsync();
        await walk.ScanAsync("/finance (nouvelle dépense)");

        await walk.OpenAsync("/evidence", reload: true);
        await page.GetByTestId("upload-evidence").ClickAsync();
        await page.Locator(".mud-dialog").WaitForAsync();
        await walk.ScanAsync("/evidence (dépôt de pièces)");
    }

    /// <summary>The project lead's pages again in dark mode (the app bar's switch), inside the same circuit.</summary>
    private static async Task DarkWalkAsync(AxeWalk walk, IReadOnlyList<AccessibilityMap.Page> pages)
    {
        await walk.OpenAsync("/", reload: true);
        await walk.Page.GetByRole(AriaRole.Button, new() { Name = "Passer au thème sombre" }).ClickAsync();
        await walk.Page.GetByRole(AriaRole.Button, new() { Name = "Passer au thème clair" }).WaitForAsync();
        walk.Size += " (sombre)";
        await walk.ScanAsync("/");
        foreach (var target in pages.Where(p => !p.IsStatic && p.Pattern != "/").DistinctBy(p => p.Pattern))
        {
            await walk.OpenAndScanAsync(target.Url);
        }
    }
}
