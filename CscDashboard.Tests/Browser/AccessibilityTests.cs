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
/// <see cref="AxeWalk"/>, on every page of the URL map for every role that opens it, at 1366 px and 390 px, on
/// the demo data, with the dialogs open (new expense, evidence upload, new account), forms in their error
/// state, the account menu and the phone menu open, and the project lead's pages once more in dark mode.
/// Zero findings of any impact. One browser context per account and size; the injected axe script needs
/// the context to bypass the app's CSP (the app's own policy is unchanged). Run alone with
/// <c>--filter FullyQualifiedName~AccessibilityTests</c>; writes accessibility-report.md beside the tests.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly (int Width, int Height)[] Sizes = [(1366, 900), (390, 844)];

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
    public async Task Every_page_for_every_role_at_1366_and_390_px_and_in_dark_mode_has_no_wcag_21_aa_violation()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        var clock = Stopwatch.StartNew();
        var demo = await browser.DemoAppAsync();
        var seeding = clock.Elapsed;
        var (activity, centre) = await AccessibilityMap.IdsAsync(demo);
        var pages = AccessibilityMap.Pages(activity, centre);
        var findings = new List<AxeFinding>();
        var scans = 0;

        var timings = new List<string>();
        var only = Environment.GetEnvironmentVariable("CSC_A11Y_ONLY");
        foreach (var account in AccessibilityMap.Accounts.Where(a => only is null || a.Caller == only))
        {
            foreach (var (width, height) in Sizes)
            {
                var page = await browser.NewPageAsync(width, height, browser.DemoBaseUrl, configure: o => o.BypassCSP = true);
                var walk = new AxeWalk(page, account.Caller, $"{width} px") { Screenshots = account.Caller == Lead ? Photographed : new HashSet<string>() };
                // Without a sign-in only the static pages show: the interactive ones (/error, /not-found) need a circuit, which
                // the app's fallback policy keeps for signed-in users.
                var opened = pages.Where(p => AccessibilityMap.Opens(account.Caller, p.Pattern) && (account.Email is not null || p.IsStatic)).ToList();
                await WalkAsync(walk, account, opened);
                if (account.Caller == Lead && width == Sizes[0].Width)
                {
                    await DarkWalkAsync(walk, opened);
                }
                findings.AddRange(walk.Findings);
                scans += walk.Scans;
                timings.AddRange(walk.Timings.Select(t => $"{account.Caller} {width}: {t.Label} open {t.OpenMs} ms, axe {t.AxeMs} ms"));
                await page.Context.CloseAsync();
            }
        }

        var report = AxeReport.Write(findings, scans, clock.Elapsed, seeding);
        output.WriteLine(report);
        output.WriteLine(string.Join("\n", timings));
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "accessibility-report.md"),
            report + Environment.NewLine + Environment.NewLine + AxeReport.Details(findings) + Environment.NewLine);
        Assert.True(findings.Count == 0, $"{findings.Count} violations :\n" + string.Join("\n", findings.Take(300)));
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

        if (caller == Admin)
        {
            await walk.OpenAsync("/admin/users", reload: true);
            await page.ClickAsync("#account-new");
            await page.FillAsync("#account-email", "pas-une-adresse");
            await page.ClickAsync("#account-save");
            await Assertions.Expect(page.GetByText("Saisissez une adresse e-mail valide")).ToBeVisibleAsync();
            await walk.ScanAsync("/admin/users (nouveau compte, erreurs)");
        }
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
