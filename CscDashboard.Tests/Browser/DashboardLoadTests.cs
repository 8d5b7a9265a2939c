using System.Diagnostics;
using CscDashboard.Tests.Infrastructure;
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
public sealed partial class DashboardLoadTests(ITestOutputHelper output)
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
        LoadPlan.CopySourceDatabase(app, settings);
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
}
