using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Components.Shared;
using Xunit.Abstractions;

namespace CscDashboard.Tests.Browser;

/// <summary>
/// <see cref="CircuitClient"/> against the real app on Kestrel, on the demo data or a copy of <c>CSC_LOAD_DATA_DIR</c>'s
/// database, with the load test's settings (<see cref="LoadSettings"/>: 1,000 circuits, 100 with <c>CSC_LOAD_QUICK=1</c>):
/// every live overview opens without a browser and shows the watched quarter's activity count; a coordinator saves once
/// a second and every overview must show each new count; then each navigates to one of the months before, the saves going
/// on, and shows that month's figures. Prints the memory per circuit, CPU per save and the latencies. Load category: run on
/// demand only (<c>--filter FullyQualifiedName~CircuitClientTests</c>).
/// </summary>
[Trait("Category", "Load")]
public sealed class CircuitClientTests(ITestOutputHelper output)
{
    /// <summary>Circuits opening at once: about what several browsers opening tabs one after the other give.</summary>
    private const int Concurrency = 8;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Live_overviews_open_without_a_browser_show_every_save_and_navigate()
    {
        var settings = LoadSettings.FromEnvironment();
        var circuits = settings.Circuits;
        await using var app = new CscWebFactory { HangfireServer = false };
        LoadPlan.CopySourceDatabase(app, settings);
        var baseUrl = app.StartKestrel();
        var plan = await LoadPlan.PrepareAsync(app, settings);
        var cookies = await SignInAsync(baseUrl);
        var oneOverviewCpu = await DashboardLoadTests.OneOverviewCpuMsAsync(app, plan.Watched);
        var watched = $"/dashboard?period={plan.Watched.Code}";
        var watchedText = LoadPlan.Count(plan.WatchedActivities);
        output.WriteLine($"{plan.DataName} ({plan.Territories} territories, {plan.Activities} activities): {watched} shows {watchedText} activities; {plan.Path.Count} months to navigate to, from {plan.Path[0].Label}");

        // One circuit first, alone: it warms what every circuit shares, and tells which JS calls a circuit makes.
        var interop = new ConcurrentDictionary<string, int>();
        await using (var first = new CircuitClient(baseUrl, watched, cookies, interop))
        {
            await OpenAsync(first, watchedText);
            await Task.Delay(3000); // closed while its charts still measure their labels, the circuit would fail their calls
            output.WriteLine($"first circuit: {first.RenderBatches} render batches, JS calls: {string.Join(", ", interop.Select(c => $"{c.Key} ×{c.Value}"))}");
        }

        var (managedBefore, workingSetBefore) = DashboardLoadTests.Memory();
        await DashboardLoadTests.HeapSnapshotAsync("circuit-client-before");
        var clients = new CircuitClient[circuits];
        var openTimes = new ConcurrentBag<double>();
        var opening = Stopwatch.StartNew();
        await ForEachAsync(Enumerable.Range(0, circuits), async i =>
        {
            clients[i] = new CircuitClient(baseUrl, watched, cookies, interop);
            var started = Stopwatch.GetTimestamp();
            await OpenAsync(clients[i], watchedText);
            openTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        });
        opening.Stop();
        await Task.Delay(2000);
        var (managedAfter, workingSetAfter) = DashboardLoadTests.Memory();
        await DashboardLoadTests.HeapSnapshotAsync("circuit-client-after");

        // A coordinator saves once a second in the watched quarter: every open overview must show each new count.
        var shown = clients.Select(c => FollowCounts(c, plan.WatchedActivities, settings.Saves)).ToList();
        await using var writer = new LoadWriter(app, baseUrl, plan);
        await writer.SignInAsync();
        await Task.Delay(5000); // the charts of the last pages opened finish measuring their labels
        var restCpuPerSecond = await DashboardLoadTests.RestCpuMsPerSecondAsync();
        var cpuBefore = DashboardLoadTests.CpuMs();
        var wall = Stopwatch.StartNew();
        writer.Start();
        while (writer.Saves.Count < settings.Saves)
        {
            await Task.Delay(100);
        }
        await writer.StopAsync();
        var rawCpuPerSave = (DashboardLoadTests.CpuMs() - cpuBefore) / writer.Saves.Count;
        var cpuPerSave = rawCpuPerSave - (restCpuPerSecond * wall.Elapsed.TotalSeconds / writer.Saves.Count);
        await Task.Delay(LiveRefreshCap + TimeSpan.FromSeconds(5)); // the last save's refresh, at the longest delay
        var saves = writer.Saves;
        var updates = new List<double>();
        var missed = 0;
        foreach (var times in shown)
        {
            foreach (var (index, startedMs) in saves)
            {
                if (times[index] is { } at)
                {
                    updates.Add(at - startedMs);
                }
                else
                {
                    missed++;
                }
            }
        }

        // Then each circuit goes to one of the months before (the plan's path, circuit i to month i modulo its length), as
        // the period picker does, while the coordinator keeps saving: the first circuit on a month computes its figures,
        // the others find them in the shared cache (ADR 035).
        writer.Start();
        var navigations = new ConcurrentBag<double>();
        await ForEachAsync(Enumerable.Range(0, circuits), async i =>
        {
            var (client, month) = (clients[i], plan.Path[i % plan.Path.Count]);
            var figures = client.WaitForTextAsync(month.Activities, month.Label);
            var started = Stopwatch.GetTimestamp();
            Assert.True(await client.NavigateAsync($"/dashboard?period={month.Code}"), "The navigation was cancelled.");
            await figures.WaitAsync(Patience);
            navigations.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        });
        await writer.StopAsync();
        var errors = clients.Where(c => c.Error is not null).Select(c => c.Error).ToList();
        // The charts keep measuring their labels after the figures show: a tab closed in the middle of that fails their
        // interop calls on the server (MudBlazor's charts do not expect it), so the circuits close once the pages are quiet.
        await Task.Delay(3000);

        // What the clients alone hold: their circuits are closed (the server drops them at once), the clients are kept.
        await Task.WhenAll(clients.Select(c => c.CloseCircuitAsync()));
        await Task.Delay(2000);
        var (managedClosed, _) = DashboardLoadTests.Memory();
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
        await Task.Delay(2000);
        var (managedDisposed, _) = DashboardLoadTests.Memory();

        var clientPerCircuit = (managedClosed - managedDisposed) / (double)circuits;
        var totalPerCircuit = (managedAfter - managedBefore) / (double)circuits;
        output.WriteLine($"circuits opened: {circuits} in {opening.Elapsed.TotalSeconds:0.0} s ({Concurrency} at a time); open → figures median {Quantile(openTimes, 0.5):0} ms, p95 {Quantile(openTimes, 0.95):0} ms");
        output.WriteLine($"managed memory of the process per circuit (server + client): {totalPerCircuit / 1024:0} KB; working set per circuit {(workingSetAfter - workingSetBefore) / (double)circuits / 1024:0} KB");
        output.WriteLine($"client objects per circuit (held after their circuits closed, freed on dispose): {clientPerCircuit / 1024:0} KB");
        output.WriteLine($"server managed memory per circuit (the difference): {(totalPerCircuit - clientPerCircuit) / 1024:0} KB");
        output.WriteLine($"saves: {saves.Count} at 1 per second; CPU per save (server and clients) {rawCpuPerSave:0} ms, {cpuPerSave:0} ms once the rest ({restCpuPerSecond:0} ms/s) is deducted; one overview computation alone: {oneOverviewCpu:0} ms");
        output.WriteLine($"save → overview updated ({updates.Count} updates on {circuits} circuits): median {Quantile(updates, 0.5):0} ms, p95 {Quantile(updates, 0.95):0} ms, max {Quantile(updates, 1):0} ms; never shown: {missed}");
        output.WriteLine($"navigation → new figures ({navigations.Count}, {Concurrency} at a time, {plan.Path.Count} months, writer saving): median {Quantile(navigations, 0.5):0} ms, p95 {Quantile(navigations, 0.95):0} ms, max {Quantile(navigations, 1):0} ms");
        output.WriteLine($"JS calls: {string.Join(", ", interop.Select(c => $"{c.Key} ×{c.Value}"))}");
        var serverErrors = ServerLogErrors(app);
        output.WriteLine($"server log: {serverErrors.Count} error or warning lines{string.Concat(serverErrors.Take(5).Select(l => Environment.NewLine + "  " + l))}");
        Assert.Empty(errors);
        Assert.Empty(serverErrors);
        Assert.Equal(0, missed);
        Assert.Equal(circuits, navigations.Count);
    }

    /// <summary>The longest live-refresh delay (ADR 037): a save shows on every open page within it.</summary>
    private static readonly TimeSpan LiveRefreshCap = LiveRefresh.DelayFor(LiveRefresh.CoalesceDelay, int.MaxValue);

    /// <summary>
    /// Follows the activity tile of <paramref name="client"/>'s overview: element <c>k</c> of the result becomes the time
    /// (Unix ms) the count after save <c>k</c> (or a later one, when refreshes coalesce saves) first reached the client.
    /// </summary>
    private static long?[] FollowCounts(CircuitClient client, long watched, int saves)
    {
        var times = new long?[saves + 2];
        var texts = Enumerable.Range(1, saves + 1).Select(k => LoadPlan.Count(watched + k)).ToArray();
        client.BatchStrings = strings =>
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            for (var k = texts.Length; k >= 1; k--)
            {
                if (strings.Contains(texts[k - 1]))
                {
                    for (var j = k; j >= 1 && times[j] is null; j--)
                    {
                        times[j] = now;
                    }
                    return;
                }
            }
        };
        return times;
    }

    /// <summary>Signs the load test's project lead in through the real form, on Kestrel, and returns the cookies.</summary>
    private static async Task<CookieContainer> SignInAsync(string baseUrl)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
        using var response = await CscWebFactory.SignInAsync(http, LoadPlan.LeadEmail);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return cookies;
    }

    /// <summary>
    /// The warnings and errors of the server's log (its file, under the data directory's logs/), but for the data protection
    /// key stored unencrypted, which every test host writes: a failing circuit logs « Unhandled exception in circuit ».
    /// </summary>
    private static List<string> ServerLogErrors(CscWebFactory app)
    {
        var lines = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "logs"), "csc-*.log"))
        {
            using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            while (reader.ReadLine() is { } line)
            {
                if ((line.Contains("[WRN]", StringComparison.Ordinal) || line.Contains("[ERR]", StringComparison.Ordinal) || line.Contains("[FTL]", StringComparison.Ordinal))
                    && !line.Contains("No XML encryptor configured", StringComparison.Ordinal))
                {
                    lines.Add(line);
                }
            }
        }
        return lines;
    }

    private static async Task OpenAsync(CircuitClient client, string activities)
    {
        var shown = client.WaitForTextAsync(activities);
        await client.StartAsync();
        await shown.WaitAsync(Patience);
    }

    private static Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> action) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (item, _) => await action(item));

    private static double Quantile(IEnumerable<double> values, double q) => DashboardLoadTests.Quantile(values, q);
}
