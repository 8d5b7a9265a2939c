using System.Diagnostics;
using System.Globalization;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Data;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CscDashboard.Tests.Browser;

/// <summary>
/// Issues 7 and 21's load figures, on demand (<c>dotnet test --filter Category=Load</c>, docs/load.md): <see cref="LoadSettings"/>
/// circuits (1,000, or 100 with <c>CSC_LOAD_QUICK=1</c>) open on the overview dashboard, spread over several Chromium processes
/// (one holds about 255 WebSockets), on the demo data or a copy of the database of <c>CSC_LOAD_DATA_DIR</c> (the national one).
/// Then, with a coordinator saving an activity every second: save → figures updated on the open overviews, the CPU a save
/// costs the server, and click → updated figures on one page, measured in the page; once more while a quarterly report
/// generates on the heavy Hangfire queue. Reports the server's memory per circuit. Not part of the default suite.
/// </summary>
[Trait("Category", "Load")]
public sealed class DashboardLoadTests(ITestOutputHelper output)
{
    private const int PagesPerBrowser = 200;
    private const int FramesPerPage = 50;
    private const string Interactive = "[data-testid=period-picker][data-interactive=true]";

    [SkippableFact]
    public async Task Open_overviews_stay_light_and_fast_while_coordinators_save()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        var settings = LoadSettings.FromEnvironment();
        await using var app = new CscWebFactory { HangfireServer = settings.WithReport };
        if (settings.SourceDirectory is { } source)
        {
            Directory.CreateDirectory(app.DataDirectory);
            File.Copy(Path.Combine(source, "csc.db"), Path.Combine(app.DataDirectory, "csc.db"));
        }
        var baseUrl = app.StartKestrel();
        var plan = await LoadPlan.PrepareAsync(app, settings);
        var rows = new List<(string Measure, string Value, string Target)>
        {
            ("données", $"{plan.DataName} : {plan.Territories} territoires, {French(plan.Activities)} activités", "—"),
        };
        var oneOverviewCpu = await OneOverviewCpuMsAsync(app, plan.Watched);

        using var playwright = await Playwright.CreateAsync();
        var browserCount = (settings.Circuits + PagesPerBrowser - 1) / PagesPerBrowser;
        var contexts = new List<IBrowserContext>();
        var browsers = new List<IBrowser>();
        try
        {
            for (var i = 0; i < browserCount; i++)
            {
                browsers.Add(await LaunchAsync(playwright));
            }
            var first = await browsers[0].NewContextAsync(ContextOptions(baseUrl, null));
            var signIn = await first.NewPageAsync();
            await BrowserFixture.SignInAsync(signIn, LoadPlan.LeadEmail);
            var state = await first.StorageStateAsync();
            await signIn.CloseAsync();
            var playwrightPerPage = await PlaywrightBytesPerPageAsync(first);
            contexts.Add(first);
            for (var i = 1; i < browserCount; i++)
            {
                contexts.Add(await browsers[i].NewContextAsync(ContextOptions(baseUrl, state)));
            }

            // The clicking page opens first, on the path's first month: it warms what every circuit shares.
            var clicker = await contexts[0].NewPageAsync();
            await OpenAsync(clicker, plan.Path[0].Code, plan.Path[0].Activities);
            var watchedText = LoadPlan.Count(plan.WatchedActivities);
            var warm = await contexts[0].NewPageAsync();
            await OpenAsync(warm, plan.Watched.Code, watchedText);
            var (managedBefore, workingSetBefore) = Memory();
            await HeapSnapshotAsync("before");
            var opening = Stopwatch.StartNew();
            var pages = await Task.WhenAll(contexts.Select((context, b) => OpenManyAsync(context,
                Math.Min(PagesPerBrowser, settings.Circuits - 2 - (b * PagesPerBrowser)), plan.Watched.Code, watchedText)));
            opening.Stop();
            await Task.Delay(2000);
            var (managedAfter, workingSetAfter) = Memory();
            await HeapSnapshotAsync("after");
            var opened = pages.Sum(p => p.Count);
            var circuits = opened + 2;
            var managedPerCircuit = ((managedAfter - managedBefore) / (double)opened) - playwrightPerPage;
            var workingSetPerCircuit = (workingSetAfter - workingSetBefore) / (double)opened;
            rows.Add(("processus Chromium", $"{browserCount}", "—"));
            rows.Add(("circuits ouverts sur /dashboard", $"{circuits}", "1 000"));
            rows.Add(($"ouverture de {opened} circuits", $"{opening.Elapsed.TotalSeconds:0} s", "—"));
            rows.Add(("mémoire gérée du serveur par circuit (GC après collecte)", $"{managedPerCircuit / 1024:0} Ko", "≤ 600 Ko"));
            rows.Add(("dont retirée : objets Playwright du test par page", $"{playwrightPerPage / 1024:0} Ko", "—"));
            rows.Add(("mémoire du processus (working set) par circuit", $"{workingSetPerCircuit / 1024:0} Ko", "—"));

            var restCpuPerSecond = await RestCpuMsPerSecondAsync();
            rows.Add(($"CPU du serveur au repos, {circuits} circuits", $"{restCpuPerSecond:0} ms/s", "—"));

            // One observer per browser records every change of the activity tile on a page of the watched quarter.
            var observers = pages.Where(p => p.Count > 0).Select(p => p[^1]).ToList();
            foreach (var observer in observers)
            {
                await observer.EvaluateAsync(ObserveScript);
            }
            await using var writer = new LoadWriter(app, baseUrl, plan);
            await writer.SignInAsync();

            var cpu = CpuMs();
            var wall = Stopwatch.StartNew();
            writer.Start();
            while (writer.Saves.Count < settings.Saves)
            {
                await Task.Delay(50);
            }
            await writer.StopAsync();
            await Task.Delay(1500);
            var savedAlone = writer.Saves.Count; // the one under way when the count was reached was let finish
            var cpuPerSave = (CpuMs() - cpu - (restCpuPerSecond * wall.Elapsed.TotalSeconds)) / savedAlone;
            rows.Add(($"CPU du serveur par enregistrement ({savedAlone} à 1/s, repos déduit)", $"{cpuPerSave:0} ms", "—"));
            rows.Add(("calcul d'une vue d'ensemble seul, CPU (médiane de 10)", $"{oneOverviewCpu:0} ms", "—"));

            writer.Start();
            var clicks = await StepBackAsync(clicker, plan);
            rows.Add(Latency($"clic → chiffres à jour, enregistrement à 1/s, médiane ({clicks.Count} clics)", clicks, 0.5, "—"));
            rows.Add(Latency("clic → chiffres à jour, enregistrement à 1/s, 95e centile", clicks, 0.95, "≤ 300 ms"));
            rows.Add(Latency("clic → chiffres à jour, enregistrement à 1/s, maximum", clicks, 1, "—"));

            if (settings.WithReport)
            {
                await using var reports = new ReportLoop(app, plan.Watched.Code);
                await reports.WaitForFirstRunningAsync();
                await OpenAsync(clicker, plan.Path[0].Code, plan.Path[0].Activities);
                var during = await StepBackAsync(clicker, plan);
                var built = await reports.StopAsync();
                Assert.True(built.Count > 0, "No report was built during the clicks.");
                rows.Add(Latency("clic → chiffres à jour, pendant un bilan trimestriel, médiane", during, 0.5, "—"));
                rows.Add(Latency("clic → chiffres à jour, pendant un bilan trimestriel, 95e centile", during, 0.95, "≤ 300 ms"));
                rows.Add(Latency("clic → chiffres à jour, pendant un bilan trimestriel, maximum", during, 1, "—"));
                rows.Add(($"bilans {plan.Watched.Code} construits pendant ces clics (file heavy, 1 worker)", $"{built.Count}, {built.Average():0} ms chacun en moyenne", "—"));
            }
            await writer.StopAsync();
            await Task.Delay(2000);

            var saves = writer.Saves;
            var updates = new List<double>();
            var missing = 0;
            foreach (var observer in observers)
            {
                var changes = await observer.EvaluateAsync<double[][]>("() => window.__kpiChanges");
                foreach (var (index, started) in saves)
                {
                    var shown = changes.FirstOrDefault(c => c[1] >= plan.WatchedActivities + index);
                    if (shown is null)
                    {
                        missing++;
                    }
                    else
                    {
                        updates.Add(shown[0] - started);
                    }
                }
            }
            rows.Add(Latency($"enregistrement → vue d'ensemble à jour, médiane ({saves.Count} enregistrements × {observers.Count} cadres)", updates, 0.5, "—"));
            rows.Add(Latency("enregistrement → vue d'ensemble à jour, 95e centile", updates, 0.95, "≤ 1 s"));
            rows.Add(Latency("enregistrement → vue d'ensemble à jour, maximum", updates, 1, "—"));
            rows.Add(("mises à jour jamais affichées", $"{missing}", "0"));

            var report = string.Join(Environment.NewLine, ["| mesure | valeur | cible |", "|---|---:|---:|", .. rows.Select(r => $"| {r.Measure} | {r.Value} | {r.Target} |")]);
            output.WriteLine(report);
            await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "load-report.md"), report + Environment.NewLine);

            Assert.Equal(settings.Circuits, circuits);
            Assert.Equal(0, missing);
        }
        finally
        {
            foreach (var browser in browsers)
            {
                await browser.CloseAsync();
            }
        }
    }

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

    /// <summary>The CPU one overview computation costs on its own, without the shared cache (median of 10 after 3).</summary>
    private static async Task<double> OneOverviewCpuMsAsync(CscWebFactory app, Period period)
    {
        var notifier = app.Services.GetRequiredService<ChangeNotifier>();
        using var uncached = new DashboardCache(new DashboardCacheOptions { CacheCapacity = 0 }, notifier, TimeProvider.System);
        var dashboards = new DashboardService(app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>(),
            new FixedCurrentUserAccessor(CurrentUser.System("load")), TimeProvider.System, uncached);
        var times = new List<double>();
        for (var i = 0; i < 13; i++)
        {
            var before = CpuMs();
            await dashboards.GetOverviewWithIndicatorsAsync(period);
            times.Add(CpuMs() - before);
        }
        return Median(times.Skip(3).ToList());
    }

    private static async Task<double> RestCpuMsPerSecondAsync()
    {
        var before = CpuMs();
        await Task.Delay(5000);
        return (CpuMs() - before) / 5;
    }

    private static double CpuMs()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalMilliseconds;
    }

    private static (long Managed, long WorkingSet) Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    /// <summary>
    /// With <c>CSC_LOAD_GCDUMP=DIR</c>, a heap snapshot of this process (the server) in DIR, by <c>dotnet-gcdump</c> (on the
    /// PATH): compare <c>before</c> and <c>after</c> with <c>dotnet-gcdump report</c> to see what the circuits hold.
    /// </summary>
    private static async Task HeapSnapshotAsync(string name)
    {
        if (Environment.GetEnvironmentVariable("CSC_LOAD_GCDUMP") is not { Length: > 0 } directory)
        {
            return;
        }
        Directory.CreateDirectory(directory);
        using var tool = Process.Start(new ProcessStartInfo("dotnet-gcdump",
            ["collect", "-p", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "-o", Path.Combine(directory, name + ".gcdump")])
        { RedirectStandardOutput = true })!;
        await tool.StandardOutput.ReadToEndAsync();
        await tool.WaitForExitAsync();
        Assert.Equal(0, tool.ExitCode);
    }

    private static double Median(List<double> values) => Quantile(values, 0.5);

    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static (string, string, string) Latency(string measure, List<double> values, double q, string target) =>
        (measure, values.Count == 0 ? "—" : $"{Quantile(values, q):0} ms", target);

    private static string French(int value) => value.ToString("N0", CultureInfo.GetCultureInfo("fr-FR"));
}
