using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

// The browsers and frames that hold the circuits, and the scripts that time clicks and updates in the page.
public sealed partial class DashboardLoadTests
{
    private static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = BrowserFixture.ChromiumPath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--lang=fr-FR", "--renderer-process-limit=4", "--disable-renderer-backgrounding", "--disable-background-timer-throttling",
            "--disable-backgrounding-occluded-windows", "--disable-site-isolation-trials"],
    });

    private static BrowserNewContextOptions ContextOptions(string baseUrl, string? state) =>
        new() { BaseURL = baseUrl, Locale = "fr-FR", TimezoneId = "Europe/Paris", StorageState = state };

    private static async Task OpenAsync(IPage page, string period, string activities)
    {
        await page.GotoAsync($"/dashboard?period={period}", new PageGotoOptions { Timeout = 120_000 });
        await page.Locator(Interactive).WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        await Assertions.Expect(page.GetByTestId("kpi-activities")).ToHaveTextAsync(activities, new() { Timeout = 120_000 });
    }

    /// <summary>
    /// Opens <paramref name="count"/> live overviews in <paramref name="context"/>, as iframes of host pages (<see cref="FramesPerPage"/>
    /// each): every frame is a whole document with its own Blazor circuit and WebSocket, but the frames of a page share one
    /// renderer process, where a tab each needed about 20 MB and 1,000 tabs did not fit in the machine's 24 GB. The host page
    /// is a static page of the app, so that the frames are same-site and get the sign-in cookie.
    /// </summary>
    private static async Task<List<IFrame>> OpenManyAsync(IBrowserContext context, int count, string period, string activities)
    {
        var frames = new List<IFrame>();
        // The app forbids framing (X-Frame-Options, CSP frame-ancestors): the test lifts it on the dashboard documents only.
        await context.RouteAsync("**/dashboard?*", async route =>
        {
            var response = await route.FetchAsync();
            var headers = response.Headers.Where(h => h.Key is not ("x-frame-options" or "content-security-policy")).ToDictionary();
            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Headers = headers });
        });
        for (var opened = 0; opened < count; opened += FramesPerPage)
        {
            var host = await context.NewPageAsync();
            await host.GotoAsync("/offline.html");
            var batch = Math.Min(FramesPerPage, count - opened);
            for (var i = 0; i < batch; i++)
            {
                // One frame after the other: each waits for its circuit, as a user opening tabs would.
                var name = $"circuit-{i}";
                await host.EvaluateAsync("([name, src]) => { const f = document.createElement('iframe'); f.name = name; f.src = src; f.width = 360; f.height = 240; document.body.append(f); }",
                    new[] { name, $"/dashboard?period={period}" });
                var frame = host.FrameLocator($"iframe[name={name}]");
                await frame.Locator(Interactive).WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
                await Assertions.Expect(frame.GetByTestId("kpi-activities")).ToHaveTextAsync(activities, new() { Timeout = 120_000 });
                frames.Add(host.Frames.Single(f => f.Name == name));
            }
        }
        return frames;
    }

    /// <summary>
    /// What the test's own Playwright objects weigh per page (they live in the server's process): measured on blank pages,
    /// which open no circuit, and taken off the per-circuit figure.
    /// </summary>
    private static async Task<double> PlaywrightBytesPerPageAsync(IBrowserContext context)
    {
        const int Blank = 50;
        var (before, _) = Memory();
        var blanks = new List<IPage>();
        for (var i = 0; i < Blank; i++)
        {
            blanks.Add(await context.NewPageAsync());
        }
        var (after, _) = Memory();
        foreach (var page in blanks)
        {
            await page.CloseAsync();
        }
        return Math.Max(0, (after - before) / (double)Blank);
    }

    /// <summary>Clicks "previous period" along the plan's path and returns each time until the label and activity tile show the expected values.</summary>
    private static async Task<List<double>> StepBackAsync(IPage page, LoadPlan plan)
    {
        var times = new List<double>();
        foreach (var step in plan.Path.Skip(1))
        {
            times.Add(await page.EvaluateAsync<double>(StepBackScript, new[] { step.Label, step.Activities }));
            await Task.Delay(200);
        }
        return times;
    }

    /// <summary>Clicks "previous period" and resolves with the milliseconds until the label and the activity tile show the expected values.</summary>
    private const string StepBackScript = """
        ([label, activities]) => new Promise(resolve => {
            const start = performance.now();
            const text = id => document.querySelector(`[data-testid=${id}]`)?.innerText.trim();
            const observer = new MutationObserver(() => {
                if (text('period-label') === label && text('kpi-activities') === activities) {
                    observer.disconnect();
                    resolve(performance.now() - start);
                }
            });
            observer.observe(document.body, { subtree: true, childList: true, characterData: true });
            document.querySelector('[aria-label="Période précédente"]').click();
        })
        """;

    /// <summary>Records, with the wall clock (Unix ms), every value the activity tile takes from now on.</summary>
    private const string ObserveScript = """
        () => {
            window.__kpiChanges = [];
            let last = null;
            new MutationObserver(() => {
                const text = document.querySelector('[data-testid=kpi-activities]')?.innerText.replace(/\D/g, '');
                if (text && text !== last) {
                    last = text;
                    window.__kpiChanges.push([Date.now(), Number(text)]);
                }
            }).observe(document.body, { subtree: true, childList: true, characterData: true });
        }
        """;
}
