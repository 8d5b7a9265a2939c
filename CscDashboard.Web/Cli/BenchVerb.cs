using System.Diagnostics;
using System.Globalization;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Data;
using CscDashboard.Core.Operations;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Web.Cli;

/// <summary>
/// <c>bench --data-dir DIR [--runs 20] [--warmup 40] [--operation CODE] [--quarter 2023-Q1] [--year 2023] [--territory CODE]</c>:
/// times the dashboards' query code (<see cref="DashboardService"/>) against the same statements written
/// by hand (<see cref="DashboardSql"/>) on the same pooled connection, and prints a Markdown table.
/// <c>bench --provider postgres --connection "Host=…"</c> measures a PostgreSQL database the same way; <c>--export</c> measures the
/// activity log's export (<see cref="ExportBench"/>), <c>--refresh</c> the CPU a save costs with open overviews (<see cref="RefreshBench"/>).
/// </summary>
public static partial class BenchVerb
{
    /// <summary>
    /// Runs before the measured ones: .NET re-compiles a method with full optimisation after about 30 calls
    /// (tiered compilation). A server runs the same code for days, so the steady state is what is measured;
    /// with 2 warm-up runs, the app's larger code path (EF's pipeline) was partly timed in its first, slower form.
    /// </summary>
    public const int DefaultWarmUpRuns = 40;

    private sealed record BenchCase(string Name, Func<Task> App, Func<DashboardSql, Task<DashboardSqlRun>> Sql, Func<Task> Indicators);

    private sealed record Timing(string Name, double AppMedian, double AppP95, double SqlMedian, double SqlP95, long WorkingSetMb)
    {
        public double Ratio => SqlMedian == 0 ? double.NaN : AppMedian / SqlMedian;
    }

    public static async Task<int> RunAsync(VerbArguments args, IServiceProvider services)
    {
        var database = services.GetRequiredService<DatabaseOptions>();
        if (!args.Options.ContainsKey("data-dir") && !database.IsPostgres)
        {
            throw new ArgumentException("bench demande --data-dir DIR (le dossier d'une base construite par seed --scale national).");
        }
        if (args.Flags.Contains("export"))
        {
            await ExportBench.RunAsync(services);
            return 0;
        }
        if (args.Flags.Contains("refresh"))
        {
            await RefreshBench.RunAsync(args, services);
            return 0;
        }
        var runs = 20;
        if (args.Options.TryGetValue("runs", out var runsText)
            && (!int.TryParse(runsText, NumberStyles.None, CultureInfo.InvariantCulture, out runs) || runs < 1))
        {
            throw new ArgumentException($"--runs attend un nombre entier positif, pas « {runsText} ».");
        }
        var warmUp = DefaultWarmUpRuns;
        if (args.Options.TryGetValue("warmup", out var warmUpText)
            && !int.TryParse(warmUpText, NumberStyles.None, CultureInfo.InvariantCulture, out warmUp))
        {
            throw new ArgumentException($"--warmup attend un nombre entier positif ou nul, pas « {warmUpText} ».");
        }
        // CommandLine has checked that the database exists and applied pending migrations (an index added since the seed, say).
        var storage = services.GetRequiredService<StorageOptions>();

        var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var dashboards = services.GetRequiredService<DashboardService>();
        var today = services.GetRequiredService<TimeProvider>().Today();
        var cases = await CasesAsync(args, factory, dashboards, today);

        Console.WriteLine($"Base : {await DescribeAsync(factory, storage)}, "
            + $"{Environment.ProcessorCount} cœurs, .NET {Environment.Version}{LoadAverage()}");
        Console.WriteLine();
        await PrintCountsAsync(factory);
        Console.WriteLine();
        Console.WriteLine($"Temps en millisecondes : médiane et 95e centile de {runs} exécutions après {warmUp} de chauffe ; "
            + $"« app » = DashboardService, « SQL » = les mêmes requêtes écrites à la main ({(database.IsPostgres ? "NpgsqlCommand" : "SqliteCommand")}) sur la même connexion.");
        Console.WriteLine();
        Console.WriteLine("| case | app median ms | app p95 ms | SQL median ms | SQL p95 ms | ratio | working set MB |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        var timings = new List<Timing>();
        foreach (var benchCase in cases)
        {
            var timing = await MeasureAsync(benchCase, factory, warmUp, runs);
            timings.Add(timing);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {timing.Name} | {timing.AppMedian:0.0} | {timing.AppP95:0.0} | {timing.SqlMedian:0.0} | {timing.SqlP95:0.0} | {timing.Ratio:0.00} | {timing.WorkingSetMb} |"));
        }
        Console.WriteLine();
        var national = await ReportBench.IsNationalAsync(services);
        if (national)
        {
            PrintTargets(timings);
        }
        else
        {
            Console.WriteLine("Les cibles des tableaux de bord sont fixées pour la base nationale (seed --scale national) : elles ne sont pas jugées sur cette base.");
        }
        await IndicatorBench.RunAsync(cases.Select(c => new IndicatorBench.Case(c.Name, c.App, c.Indicators)).ToList(), warmUp, runs, national);
        await ReportBench.RunAsync(args, services);
        if (args.Flags.Contains("plans"))
        {
            foreach (var benchCase in cases)
            {
                await PrintPlansAsync(benchCase, factory, runs);
            }
        }
        return 0;
    }

    /// <summary>
    /// <c>--plans</c>: each hand-written statement of a case with its median time over the runs and
    /// its plan (SQLite's EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN), slowest first: where a missed target comes from.
    /// </summary>
    private static async Task PrintPlansAsync(BenchCase benchCase, IDbContextFactory<AppDbContext> factory, int runs)
    {
        await using var db = await factory.CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        var postgres = db.Database.IsNpgsql();
        await connection.OpenAsync();
        var trace = new List<DashboardSql.Statement>();
        var statementsPerRun = 0;
        for (var i = 0; i < runs; i++)
        {
            var before = trace.Count;
            await benchCase.Sql(new DashboardSql(connection) { Trace = trace });
            statementsPerRun = trace.Count - before;
        }
        Console.WriteLine();
        Console.WriteLine($"## {benchCase.Name} : {statementsPerRun} requêtes écrites à la main, de la plus lente à la plus rapide");
        var byPosition = trace.Select((s, i) => (Position: i % statementsPerRun, Statement: s)).GroupBy(x => x.Position)
            .Select(g => (First: g.First().Statement, Median: Median(g.Select(x => x.Statement.Milliseconds).ToList())))
            .OrderByDescending(x => x.Median);
        foreach (var (statement, median) in byPosition)
        {
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{median:0.00} ms, {statement.Rows} lignes :"));
            Console.WriteLine("    " + string.Join(" ", statement.Sql.Split('\n', StringSplitOptions.TrimEntries)));
            await using var explain = connection.CreateCommand();
            explain.CommandText = (postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + statement.Sql;
            foreach (var (name, value) in statement.Parameters)
            {
                var parameter = explain.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                explain.Parameters.Add(parameter);
            }
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Console.WriteLine($"    plan: {reader.GetString(postgres ? 0 : 3)}");
            }
        }
    }

    /// <summary>Overview over the operation holding the most activities, over a quarter, and one territory over a year.</summary>
    private static async Task<List<BenchCase>> CasesAsync(VerbArguments args, IDbContextFactory<AppDbContext> factory, DashboardService dashboards, DateOnly today)
    {
        await using var db = await factory.CreateDbContextAsync();
        var operations = await db.OperationPeriodsAsync();
        var months = await db.ActivityMonthStats.AsNoTracking().GroupBy(s => s.Month)
            .Select(g => new { Month = g.Key, Activities = g.Sum(s => s.Activities) }).ToListAsync();
        var operation = args.Options.TryGetValue("operation", out var operationCode)
            ? Parse(operationCode, operations, PeriodKind.Operation, "--operation")
            : operations.Select(o => Period.Of(o))
                .OrderByDescending(p => months.Where(m => m.Month >= p.From && m.Month <= p.To).Sum(m => m.Activities)).ThenBy(p => p.From)
                .FirstOrDefault() ?? throw new InvalidOperationException("La base ne contient aucune opération.");
        var quarter = Parse(args.Options.GetValueOrDefault("quarter", "2023-Q1"), operations, PeriodKind.Quarter, "--quarter");
        var year = Parse(args.Options.GetValueOrDefault("year", "2023"), operations, PeriodKind.Year, "--year");

        string territory;
        if (args.Options.TryGetValue("territory", out var code))
        {
            territory = code;
        }
        else
        {
            var first = DashboardSql.Date(year.From);
            var last = DashboardSql.Date(year.To);
            var active = await db.ActivityMonthStats.AsNoTracking()
                .Where(s => s.Month >= year.From && s.Month <= year.To).Select(s => s.TerritoryId).Distinct().ToListAsync();
            territory = await db.Territories.AsNoTracking().Where(t => active.Contains(t.Id)).OrderBy(t => t.Number).Select(t => t.Code).FirstOrDefaultAsync()
                ?? throw new InvalidOperationException($"Aucun territoire n'a d'activité en {year.Code} ({first} – {last}) : choisissez --year.");
        }

        return
        [
            new($"overview {operation.Code} (operation)", () => dashboards.GetOverviewAsync(operation), sql => sql.OverviewAsync(operation, today),
                () => dashboards.GetOverviewWithIndicatorsAsync(operation)),
            new($"overview {quarter.Code} (quarter)", () => dashboards.GetOverviewAsync(quarter), sql => sql.OverviewAsync(quarter, today),
                () => dashboards.GetOverviewWithIndicatorsAsync(quarter)),
            new($"territory {territory} {year.Code} (year)", () => dashboards.GetTerritoryAsync(territory, year), sql => sql.TerritoryAsync(territory, year, today),
                () => dashboards.GetTerritoryWithIndicatorsAsync(territory, year)),
        ];
    }

    private static Period Parse(string code, IReadOnlyList<OperationPeriod> operations, PeriodKind kind, string option)
    {
        if (!Period.TryParse(code, operations, out var period, out var error))
        {
            throw new ArgumentException($"{option} : {error}");
        }
        if (period.Kind != kind)
        {
            throw new ArgumentException($"{option} attend {(kind switch { PeriodKind.Operation => "un code d'opération", PeriodKind.Quarter => "un trimestre (2023-Q1)", _ => "une année (2023)" })}, pas « {code} ».");
        }
        return period;
    }

    /// <summary>App and hand-written SQL alternate run by run, so that neither gets a warmer machine.</summary>
    private static async Task<Timing> MeasureAsync(BenchCase benchCase, IDbContextFactory<AppDbContext> factory, int warmUp, int runs)
    {
        var app = new List<double>(runs);
        var sql = new List<double>(runs);
        for (var i = 0; i < warmUp + runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await benchCase.App();
            var appMs = watch.Elapsed.TotalMilliseconds;

            watch.Restart();
            await using (var db = await factory.CreateDbContextAsync())
            {
                var connection = db.Database.GetDbConnection();
                await connection.OpenAsync();
                await benchCase.Sql(new DashboardSql(connection));
            }
            var sqlMs = watch.Elapsed.TotalMilliseconds;
            if (i >= warmUp)
            {
                app.Add(appMs);
                sql.Add(sqlMs);
            }
        }
        using var process = Process.GetCurrentProcess();
        return new Timing(benchCase.Name, Median(app), Percentile95(app), Median(sql), Percentile95(sql), process.WorkingSet64 / (1024 * 1024));
    }

    internal static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Nearest-rank 95th percentile: the 19th of 20 sorted values.</summary>
    internal static double Percentile95(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Max(0, (int)Math.Ceiling(0.95 * sorted.Length) - 1)];
    }

    /// <summary>The dashboard targets, set for the national database only.</summary>
    private static void PrintTargets(List<Timing> timings)
    {
        var (operation, territory) = (timings[0], timings[2]);
        var checks = new (string Label, bool Met)[]
        {
            ($"territoire sur un an ≤ 50 ms (médiane app {Format(territory.AppMedian)} ms)", territory.AppMedian <= 50),
            ($"vue d'ensemble sur une opération ≤ 300 ms (médiane app {Format(operation.AppMedian)} ms)", operation.AppMedian <= 300),
            ($"ratio app / SQL ≤ 1,5 (au plus {Format(timings.Max(t => t.Ratio), "0.00")})", timings.All(t => t.Ratio <= 1.5)),
        };
        foreach (var (label, met) in checks)
        {
            Console.WriteLine($"{(met ? "Cible tenue" : "CIBLE MANQUÉE")} : {label}");
        }
    }

    private static string Format(double value, string format = "0.0") => value.ToString(format, French.Culture);
}
