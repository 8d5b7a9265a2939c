using System.Diagnostics;
using System.Globalization;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Data;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CscDashboard.Tests.Browser;

// What the load test reads of the server process (CPU, memory, heap snapshots) and how it sums the times up.
public sealed partial class DashboardLoadTests
{
    /// <summary>The CPU one overview computation costs on its own, without the shared cache (median of 10 after 3).</summary>
    internal static async Task<double> OneOverviewCpuMsAsync(CscWebFactory app, Period period)
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

    internal static async Task<double> RestCpuMsPerSecondAsync()
    {
        var before = CpuMs();
        await Task.Delay(5000);
        return (CpuMs() - before) / 5;
    }

    internal static double CpuMs()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalMilliseconds;
    }

    internal static (long Managed, long WorkingSet) Memory()
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
    internal static async Task HeapSnapshotAsync(string name)
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

    internal static double Quantile(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static (string, string, string) Latency(string measure, List<double> values, double q, string target) =>
        (measure, values.Count == 0 ? "—" : $"{Quantile(values, q):0} ms", target);

    private static string French(int value) => value.ToString("N0", CultureInfo.GetCultureInfo("fr-FR"));
}
