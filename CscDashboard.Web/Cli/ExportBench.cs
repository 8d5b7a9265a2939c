using System.Diagnostics;
using System.Globalization;
using CscDashboard.Core.Activities;

namespace CscDashboard.Web.Cli;

/// <summary>
/// <c>bench --data-dir DIR --export</c>: exports the activity log (one year, then everything, as CSV and as XLSX) into
/// temporary files and prints, for each, the rows, the time and the process's memory sampled every 50 ms while it runs.
/// The export streams its rows: memory must stay flat whatever the number of rows (one year ≈ everything).
/// </summary>
public static class ExportBench
{
    public static async Task RunAsync(IServiceProvider services)
    {
        var export = services.GetRequiredService<ActivityExportService>();
        var year = new ActivityFilter { From = new DateOnly(2022, 1, 1), To = new DateOnly(2022, 12, 31) };
        Console.WriteLine();
        Console.WriteLine("Export du journal d'activités : mémoire du processus échantillonnée toutes les 50 ms pendant l'export.");
        Console.WriteLine();
        Console.WriteLine("| export | rows | seconds | file MB | working set before MB | max working set MB | max managed heap MB |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, filter, xlsx) in new[] { ("CSV 2022", year, false), ("CSV tout", new ActivityFilter(), false),
                     ("XLSX 2022", year, true), ("XLSX tout", new ActivityFilter(), true) })
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            using var process = Process.GetCurrentProcess();
            var before = process.WorkingSet64;
            long maxWorkingSet = before, maxHeap = GC.GetTotalMemory(false);
            using var done = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!done.IsCancellationRequested)
                {
                    process.Refresh();
                    maxWorkingSet = Math.Max(maxWorkingSet, process.WorkingSet64);
                    maxHeap = Math.Max(maxHeap, GC.GetTotalMemory(false));
                    await Task.Delay(50, CancellationToken.None);
                }
            });
            var path = Path.Combine(Path.GetTempPath(), $"csc-export-bench-{Guid.NewGuid():N}");
            var clock = Stopwatch.StartNew();
            int rows;
            long size;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose))
            {
                rows = xlsx ? await export.WriteXlsxAsync(filter, file) : await export.WriteCsvAsync(filter, file);
                size = file.Length;
            }
            clock.Stop();
            await done.CancelAsync();
            await sampler;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {rows} | {clock.Elapsed.TotalSeconds:0.0} | {size / (1024.0 * 1024):0.0} | {before / (1024 * 1024)} | {maxWorkingSet / (1024 * 1024)} | {maxHeap / (1024 * 1024)} |"));
        }
    }
}
