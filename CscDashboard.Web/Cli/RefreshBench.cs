using System.Diagnostics;
using System.Globalization;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Data;
using CscDashboard.Core.Operations;
using CscDashboard.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Web.Cli;

/// <summary>
/// <c>bench --data-dir DIR --refresh [--overviews 100] [--saves 10] [--quarter 2023-Q1] [--warmup 40] [--runs 20]</c>: the CPU
/// a save costs the server when <c>--overviews</c> overviews are open (ADR 035, issue 21 point 1), in this process, on the
/// database of the directory. Each open overview is simulated as the page does it: it subscribes through
/// <see cref="LiveRefresh"/> with its <see cref="DashboardWindow"/> and, on a change in it, asks
/// <see cref="DashboardService"/> for its figures again. A save is its notification (the activity itself is not written: the
/// bench measures the refresh, not the write); the CPU of the process is read before it and after the last overview has its
/// figures. Measured with the shared cache on (the server's setting) and off (every overview computes, as before ADR 035),
/// against one overview computation. Rendering and sending the page's changes to the browsers are not counted here (the
/// load test measures them).
/// </summary>
public static class RefreshBench
{
    private const int WarmUpSaves = 5;

    private sealed record Result(List<double> CpuMs, List<double> LatencyMs, double ComputationsPerSave, int OutsideReloads);

    public static async Task RunAsync(VerbArguments args, IServiceProvider services)
    {
        var overviews = PositiveOption(args, "overviews", 100);
        var saves = PositiveOption(args, "saves", 10);
        var runs = PositiveOption(args, "runs", 20);
        var warmUp = args.Options.TryGetValue("warmup", out var warmUpText)
            ? int.Parse(warmUpText, NumberStyles.None, CultureInfo.InvariantCulture)
            : BenchVerb.DefaultWarmUpRuns;
        var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var users = services.GetRequiredService<ICurrentUserAccessor>();
        var clock = services.GetRequiredService<TimeProvider>();
        var today = clock.Today();
        IReadOnlyList<OperationPeriod> operations;
        List<int> territories;
        await using (var db = await factory.CreateDbContextAsync())
        {
            operations = await db.OperationPeriodsAsync();
            territories = await db.Territories.AsNoTracking().OrderBy(t => t.Number).Select(t => t.Id).ToListAsync();
        }
        var quarterCode = args.Options.GetValueOrDefault("quarter", "2023-Q1");
        if (!Period.TryParse(quarterCode, operations, out var quarter, out var error) || quarter.Kind != PeriodKind.Quarter)
        {
            throw new ArgumentException($"--quarter : {(string.IsNullOrEmpty(error) ? $"un trimestre (2023-Q1) est attendu, pas « {quarterCode} »" : error)}.");
        }
        var window = DashboardWindow.Of(null, quarter, today, operations);
        // The delay each open overview waits (ADR 037: longer beyond 100 open pages).
        var delay = LiveRefresh.DelayFor(LiveRefresh.CoalesceDelay, overviews);

        // One overview computation: the cache off, one after the other.
        using var off = new DashboardCache(new DashboardCacheOptions { CacheCapacity = 0 }, new ChangeNotifier(), clock);
        var single = new DashboardService(factory, users, clock, off);
        var cpu = new List<double>();
        var wall = new List<double>();
        for (var i = 0; i < warmUp + runs; i++)
        {
            var (cpuMs, wallMs) = await MeasureAsync(() => single.GetOverviewWithIndicatorsAsync(quarter));
            if (i >= warmUp)
            {
                cpu.Add(cpuMs);
                wall.Add(wallMs);
            }
        }
        var one = BenchVerb.Median(cpu);
        // The process at rest over a save's wall time: what the runtime's own background work adds to each measure.
        var quiet = new Rest();
        var rest = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            await quiet.WaitAsync();
            rest.Add((await MeasureAsync(() => Task.Delay(delay + TimeSpan.FromMilliseconds(50)))).CpuMs);
        }

        var shared = await MeasureSavesAsync(cacheOn: true, overviews, saves, quarter, window, territories, factory, users, clock, quiet);
        var alone = await MeasureSavesAsync(cacheOn: false, overviews, saves, quarter, window, territories, factory, users, clock, quiet);

        Console.WriteLine();
        Console.WriteLine($"Rafraîchissement en direct : {overviews} vues d'ensemble {quarter.Code} ouvertes (simulées dans ce processus), "
            + $"médiane de {saves} enregistrements après {WarmUpSaves} de chauffe, chacun sur un processus au repos ; {Environment.ProcessorCount} cœurs.");
        Console.WriteLine();
        Console.WriteLine("| measure | cache on | cache off | target |");
        Console.WriteLine("|---|---:|---:|---|");
        Row($"one overview computation, CPU ms (median of {runs})", Ms(one), Ms(one), "—");
        Row("one overview computation, wall ms (median)", Ms(BenchVerb.Median(wall)), Ms(BenchVerb.Median(wall)), "—");
        Row($"CPU per save, {overviews} open overviews, ms (median)", Ms(BenchVerb.Median(shared.CpuMs)), Ms(BenchVerb.Median(alone.CpuMs)), "≤ 2 × one overview computation");
        Row("CPU per save ÷ one overview computation", Ratio(BenchVerb.Median(shared.CpuMs) / one), Ratio(BenchVerb.Median(alone.CpuMs) / one), "≤ 2");
        Row("overview computations per save", Ratio(shared.ComputationsPerSave), Ratio(alone.ComputationsPerSave), "—");
        Row($"save → {overviews} overviews refreshed, wall ms (median, coalescing delay {delay.TotalMilliseconds:0} ms included)",
            Ms(BenchVerb.Median(shared.LatencyMs)), Ms(BenchVerb.Median(alone.LatencyMs)), "—");
        Row($"process at rest over {delay.TotalMilliseconds + 50:0} ms, CPU ms (median)", Ms(BenchVerb.Median(rest)), Ms(BenchVerb.Median(rest)), "—");
        Row("reloads for a save outside the overviews' window", shared.OutsideReloads.ToString(CultureInfo.InvariantCulture),
            alone.OutsideReloads.ToString(CultureInfo.InvariantCulture), "0");
        if (quiet.Never)
        {
            Console.WriteLine("Attention : le processus n'a jamais été au repos (plus de 2 % d'un cœur) : les mesures de CPU comptent aussi ce travail.");
        }
        Console.WriteLine();
        var met = BenchVerb.Median(shared.CpuMs) <= 2 * one;
        Console.WriteLine($"{(met ? "Cible tenue" : "CIBLE MANQUÉE")} : CPU par enregistrement avec {overviews} vues d'ensemble ouvertes ≤ 2 × une vue d'ensemble "
            + $"({Ms(BenchVerb.Median(shared.CpuMs))} ms pour {Ms(one)} ms, cache partagé)"
            + (await ReportBench.IsNationalAsync(services) ? "" : " — cible fixée pour la base nationale"));
    }

    /// <summary>
    /// Opens <paramref name="count"/> overviews (each loads once, as a page opening), then saves in a territory of the period
    /// (<see cref="WarmUpSaves"/> warm-up saves, then <paramref name="saves"/>), waiting each time for every overview to have its new figures; last,
    /// one save after the period, which no overview should reload for.
    /// </summary>
    private static async Task<Result> MeasureSavesAsync(bool cacheOn, int count, int saves, Period quarter, DashboardWindow window, List<int> territories,
        IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock, Rest quiet)
    {
        var notifier = new ChangeNotifier();
        using var cache = new DashboardCache(cacheOn ? DashboardCacheOptions.Default : new DashboardCacheOptions { CacheCapacity = 0 }, notifier, clock);
        var service = new DashboardService(factory, users, clock, cache);
        var reloads = 0;
        var target = 0;
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriptions = new List<IDisposable>();
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => service.GetOverviewWithIndicatorsAsync(quarter)));
        for (var i = 0; i < count; i++)
        {
            // A circuit's dispatcher runs one thing at a time, off the notifier's thread: a task per reload here.
            subscriptions.Add(notifier.WhenActivityChanged(work => Task.Run(work), window.Contains, async () =>
            {
                await service.GetOverviewWithIndicatorsAsync(quarter);
                if (Interlocked.Increment(ref reloads) == Volatile.Read(ref target))
                {
                    allDone.TrySetResult();
                }
            }));
        }
        try
        {
            var cpu = new List<double>();
            var latency = new List<double>();
            double computations = 0;
            for (var s = 0; s < saves + WarmUpSaves; s++)
            {
                await quiet.WaitAsync();
                allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref target, (s + 1) * count);
                var territory = territories[s * 7 % territories.Count];
                var day = quarter.From.AddDays(s * 5 % (quarter.To.DayNumber - quarter.From.DayNumber + 1));
                var computedBefore = cache.Computations;
                var (cpuMs, wallMs) = await MeasureAsync(async () =>
                {
                    notifier.NotifyActivityChanged(new ActivityChange(0, territory, day));
                    await allDone.Task.WaitAsync(TimeSpan.FromMinutes(5));
                });
                if (s >= WarmUpSaves)
                {
                    cpu.Add(cpuMs);
                    latency.Add(wallMs);
                    computations += cache.Computations - computedBefore;
                }
            }
            var before = Volatile.Read(ref reloads);
            notifier.NotifyActivityChanged(new ActivityChange(0, territories[0], quarter.To.AddDays(1)));
            await Task.Delay(LiveRefresh.DelayFor(LiveRefresh.CoalesceDelay, count) * 4);
            return new Result(cpu, latency, computations / saves, Volatile.Read(ref reloads) - before);
        }
        finally
        {
            subscriptions.ForEach(s => s.Dispose());
        }
    }

    /// <summary>
    /// Waits until the process is at rest (under 2 % of a core over 200 ms, 10 s at most): after a hot loop, .NET keeps
    /// re-compiling methods in the background for a while (tiered compilation), which a measure would otherwise count.
    /// A process never at rest (other work in it) is said once, and not waited for again.
    /// </summary>
    private sealed class Rest
    {
        public bool Never { get; private set; }

        public async Task WaitAsync()
        {
            var window = TimeSpan.FromMilliseconds(200);
            for (var i = 0; i < 50 && !Never; i++)
            {
                var (cpuMs, _) = await MeasureAsync(() => Task.Delay(window));
                if (cpuMs < window.TotalMilliseconds * 0.02)
                {
                    return;
                }
            }
            Never = true;
        }
    }

    /// <summary>The process's CPU time (every thread) and the wall time <paramref name="work"/> takes.</summary>
    private static async Task<(double CpuMs, double WallMs)> MeasureAsync(Func<Task> work)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await work();
        var wallMs = watch.Elapsed.TotalMilliseconds;
        process.Refresh();
        return ((process.TotalProcessorTime - cpuBefore).TotalMilliseconds, wallMs);
    }

    private static int PositiveOption(VerbArguments args, string name, int fallback)
    {
        if (!args.Options.TryGetValue(name, out var text))
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : throw new ArgumentException($"--{name} attend un nombre entier positif, pas « {text} ».");
    }

    private static void Row(string measure, string on, string off, string target) => Console.WriteLine($"| {measure} | {on} | {off} | {target} |");

    private static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
