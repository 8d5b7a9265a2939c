using System.Diagnostics;
using System.Globalization;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Data;
using CscDashboard.Core.Reporting;
using CscDashboard.Core.Reporting.Pdf;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Web.Cli;

/// <summary>
/// The report part of <c>bench</c> (<c>--report-runs 3</c>, <c>--quarter 2023-Q1</c>, <c>--operation CODE</c>,
/// <c>--reports operation,quarter</c>): times building the model and rendering the PDF of the
/// whole-operation report and of the quarterly committee report, and prints the process's peak memory. Targets: whole operation on the demo
/// database ≤ 1 s, quarter on the national database ≤ 10 s, peak memory under 500 MB.
/// </summary>
public static partial class ReportBench
{
    private sealed record Timing(string Name, double BuildMedian, double RenderMedian, double TotalMax, int Pages, long PdfKb)
    {
        public double TotalMedian => BuildMedian + RenderMedian;
    }

    public static async Task RunAsync(VerbArguments args, IServiceProvider services)
    {
        var runs = 3;
        if (args.Options.TryGetValue("report-runs", out var text)
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out runs) || runs < 1))
        {
            throw new ArgumentException($"--report-runs attend un nombre entier positif, pas « {text} ».");
        }
        var operations = await services.GetRequiredService<DashboardService>().OperationsAsync();
        var operation = await BusiestOperationAsync(args, services, operations);
        if (!Period.TryParse(args.Options.GetValueOrDefault("quarter", "2023-Q1"), operations, out var quarter, out var error))
        {
            throw new ArgumentException($"--quarter : {error}");
        }

        Console.WriteLine();
        Console.WriteLine($"## Bilans : construction du modèle et rendu du PDF, médiane de {runs} exécutions après 1 de chauffe");
        Console.WriteLine();
        Console.WriteLine("| bilan | modèle médiane ms | PDF médiane ms | total médiane ms | total max ms | pages | PDF Ko |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        // Each target is for one database: the whole operation on the demo one, the quarter on the national one.
        // By default the national database (100 territories × 3 years) skips the whole operation, which no target asks for.
        var national = await IsNationalAsync(services);
        var cases = args.Options.GetValueOrDefault("reports", national ? "quarter" : "operation,quarter").Split(',', StringSplitOptions.TrimEntries);
        var whole = cases.Contains("operation") ? await MeasureAsync($"opération {operation.Code}", operation, services, runs) : null;
        var quarterly = cases.Contains("quarter") ? await MeasureAsync($"trimestre {quarter.Code}", quarter, services, runs) : null;
        using var process = Process.GetCurrentProcess();
        var peakMb = process.PeakWorkingSet64 / (1024 * 1024);
        Console.WriteLine();
        Console.WriteLine($"Pic de mémoire du processus (VmHWM) : {peakMb} Mo");
        if (whole is not null && !national)
        {
            Console.WriteLine($"{Verdict(whole.TotalMedian <= 1000)} : bilan de l'opération entière ≤ 1 s sur la base de démonstration (médiane {Format(whole.TotalMedian)} ms)");
        }
        if (quarterly is not null && national)
        {
            Console.WriteLine($"{Verdict(quarterly.TotalMedian <= 10_000)} : bilan trimestriel ≤ 10 s sur la base nationale (médiane {Format(quarterly.TotalMedian)} ms)");
        }
        Console.WriteLine($"{Verdict(peakMb < 500)} : mémoire du processus < 500 Mo ({peakMb} Mo)");
    }

    /// <summary>A national-size database (the <c>seed --scale national</c> kind) rather than the demo one.</summary>
    internal static async Task<bool> IsNationalAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Territories.CountAsync() > 50;
    }

    /// <summary>The quarterly committee report's content (the kind changes only the title) over <paramref name="period"/>.</summary>
    private static async Task<Timing> MeasureAsync(string name, Period period, IServiceProvider services, int runs)
    {
        var builder = services.GetRequiredService<ProgressReportBuilder>();
        var composer = services.GetRequiredService<IDocumentComposerFactory>();
        var build = new List<double>();
        var render = new List<double>();
        var pages = 0;
        long size = 0;
        for (var i = 0; i < runs + 1; i++)
        {
            var watch = Stopwatch.StartNew();
            var model = await builder.BuildAsync(ReportKind.QuarterlyCommittee, period, null);
            var buildMs = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            var pdf = new ProgressReportDocument(model).Render(composer);
            var renderMs = watch.Elapsed.TotalMilliseconds;
            if (i > 0)
            {
                build.Add(buildMs);
                render.Add(renderMs);
            }
            size = pdf.Length;
            pages = CountPages(pdf);
        }
        var timing = new Timing(name, BenchVerb.Median(build), BenchVerb.Median(render), build.Zip(render, (b, r) => b + r).Max(), pages, size / 1024);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {timing.Name} | {timing.BuildMedian:0} | {timing.RenderMedian:0} | {timing.TotalMedian:0} | {timing.TotalMax:0} | {timing.Pages} | {timing.PdfKb} |"));
        return timing;
    }

    /// <summary><c>--operation CODE</c>, or the operation holding the most activities.</summary>
    private static async Task<Period> BusiestOperationAsync(VerbArguments args, IServiceProvider services, IReadOnlyList<Core.Operations.OperationPeriod> operations)
    {
        if (args.Options.TryGetValue("operation", out var code))
        {
            return Period.TryParse(code, operations, out var chosen, out var error) && chosen.Kind == PeriodKind.Operation
                ? chosen
                : throw new ArgumentException($"--operation attend un code d'opération, pas « {code} ».");
        }
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var months = await db.ActivityMonthStats.AsNoTracking().GroupBy(s => s.Month)
            .Select(g => new { Month = g.Key, Activities = g.Sum(s => s.Activities) }).ToListAsync();
        return operations.Select(o => Period.Of(o))
            .OrderByDescending(p => months.Where(m => m.Month >= p.From && m.Month <= p.To).Sum(m => m.Activities)).ThenBy(p => p.From)
            .FirstOrDefault() ?? throw new InvalidOperationException("La base ne contient aucune opération.");
    }

    /// <summary>Each page is one "/Type /Page" object (the page tree's root is "/Type /Pages").</summary>
    private static int CountPages(byte[] pdf) => PageObject().Count(System.Text.Encoding.Latin1.GetString(pdf));

    [System.Text.RegularExpressions.GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial System.Text.RegularExpressions.Regex PageObject();

    private static string Verdict(bool met) => met ? "Cible tenue" : "CIBLE MANQUÉE";

    private static string Format(double value) => value.ToString("N0", French.Culture);
}
