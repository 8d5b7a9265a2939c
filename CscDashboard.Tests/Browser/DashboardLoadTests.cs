using System.Diagnostics;
using System.Globalization;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Data;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CscDashboard.Tests.Browser;

/// <summary>
/// Issue 7's load figures, on demand (<c>dotnet test --filter Category=Load</c>, docs/load.md): the
/// demo data, <c>CSC_LOAD_CIRCUITS</c> (default 100) Blazor circuits open on the overview dashboard,
/// and one of them stepping back a month at a time. Reports the server's managed memory per circuit
/// and the time from the click to the updated figures, measured in the page. Not part of the default
/// suite (minutes of work for 2 cores); the assertions are the targets.
/// </summary>
[Trait("Category", "Load")]
public sealed class DashboardLoadTests(ITestOutputHelper output)
{
    private const int Steps = 40;

    [SkippableFact]
    public async Task A_hundred_open_overviews_cost_little_memory_and_a_period_change_answers_fast()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        var circuits = int.Parse(Environment.GetEnvironmentVariable("CSC_LOAD_CIRCUITS") ?? "100", CultureInfo.InvariantCulture);
        await using var app = new CscWebFactory();
        var baseUrl = app.StartKestrel();
        var expected = await SeedAndComputeAsync(app);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--lang=fr-FR", "--renderer-process-limit=8", "--disable-renderer-backgrounding", "--disable-background-timer-throttling"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, Locale = "fr-FR", TimezoneId = "Europe/Paris" });
        context.SetDefaultTimeout(60_000);
        var first = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(first, "lead@demo.csc", CoreTestContext.DemoPassword);

        // The first circuit warms what every later one shares (compiled queries, components' metadata).
        await OpenOverviewAsync(first, expected[0]);
        var (memoryBefore, workingSetBefore) = Memory();
        var pages = new List<IPage> { first };
        for (var i = 1; i < circuits; i++)
        {
            var page = await context.NewPageAsync();
            await OpenOverviewAsync(page, expected[0]);
            pages.Add(page);
        }
        var (memoryAfter, workingSetAfter) = Memory();
        var perCircuitMb = (memoryAfter - memoryBefore) / (double)(circuits - 1) / (1024 * 1024);
        var workingSetPerCircuitMb = (workingSetAfter - workingSetBefore) / (double)(circuits - 1) / (1024 * 1024);

        var times = new List<double>();
        for (var step = 1; step <= Steps; step++)
        {
            times.Add(await first.EvaluateAsync<double>(StepBackScript, new[] { expected[step].Label, expected[step].Activities }));
        }
        times.Sort();
        double P(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];

        var report = string.Join(Environment.NewLine,
            $"| mesure | valeur | cible |",
            $"|---|---:|---:|",
            $"| circuits ouverts sur /dashboard | {circuits} | 100 |",
            $"| mémoire gérée du serveur par circuit (GC après collecte) | {perCircuitMb:0.00} Mo | ≤ 1,5 Mo |",
            $"| mémoire du processus (working set) par circuit | {workingSetPerCircuitMb:0.00} Mo | — |",
            $"| changement de période → chiffres à jour, médiane ({Steps} clics) | {P(0.5):0} ms | — |",
            $"| changement de période → chiffres à jour, 95e centile | {P(0.95):0} ms | ≤ 300 ms |",
            $"| changement de période → chiffres à jour, maximum | {times[^1]:0} ms | — |");
        output.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "load-report.md"), report);

        Assert.True(perCircuitMb <= 1.5, $"{perCircuitMb:0.00} MB per circuit");
        Assert.True(P(0.95) <= 300, $"p95 {P(0.95):0} ms");
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

    private static async Task OpenOverviewAsync(IPage page, (string Code, string Label, string Activities) period)
    {
        await page.GotoAsync($"/dashboard?period={period.Code}");
        await Assertions.Expect(page.GetByTestId("kpi-activities")).ToHaveTextAsync(period.Activities, new() { Timeout = 60_000 });
    }

    /// <summary>
    /// The demo data, and the expected label and activity count of January 2025 and each month before it, down to
    /// September 2021: the "previous" arrow stops at the first operation's first month (ADR 014).
    /// </summary>
    private static async Task<List<(string Code, string Label, string Activities)>> SeedAndComputeAsync(CscWebFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(CoreTestContext.DemoPassword);
        var dashboards = new DashboardService(scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>(),
            new FixedCurrentUserAccessor(CurrentUser.System("load")), TimeProvider.System, scope.ServiceProvider.GetRequiredService<DashboardCache>());
        var periods = new List<(string, string, string)>();
        var month = Period.Month(2025, 1);
        for (var i = 0; i <= Steps; i++, month = month.Previous())
        {
            var overview = await dashboards.GetOverviewAsync(month);
            periods.Add((month.Code, month.Label, overview.Kpis.Activities.Value.ToString("N0", WebCulture.French)));
        }
        return periods;
    }

    private static (long Managed, long WorkingSet) Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }
}
