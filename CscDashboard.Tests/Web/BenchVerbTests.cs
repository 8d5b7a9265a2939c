using CscDashboard.Core.Data.Seeding;
using CscDashboard.Core.Tools;
using CscDashboard.Tests.Core;
using CscDashboard.Tests.Infrastructure;

namespace CscDashboard.Tests.Web;

/// <summary>Tests that read what a verb prints: Console is process-wide, so they never run beside other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleOutputCollection
{
    public const string Name = "console output";
}

[Collection(ConsoleOutputCollection.Name)]
public sealed class BenchVerbTests
{
    [Fact]
    public async Task Bench_prints_the_three_cases_and_the_row_counts_of_a_tiny_national_database()
    {
        await using var host = await CoreTestContext.CreateAsync();
        await host.Get<NationalDataSeeder>().SeedAsync(TinyNationalDatabase.Scale, CoreTestContext.Password);

        var (exit, output, errors) = await RunAsync(["bench", .. host.VerbDatabaseArguments, "--runs", "3", "--warmup", "1"]);

        Assert.True(exit == 0, errors);
        var lines = output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("| case | app median ms | app p95 ms | SQL median ms | SQL p95 ms | ratio | working set MB |", lines);
        Assert.Contains(lines, l => l.StartsWith("| overview CSC-2021-2023 (operation) |", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("| overview 2023-Q1 (quarter) |", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("| territory N001 2023 (year) |", StringComparison.Ordinal));
        Assert.Contains("| Activities | 2000 |", lines);
        Assert.Contains(lines, l => l.StartsWith("Cible", StringComparison.Ordinal) || l.StartsWith("CIBLE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bench_refresh_prints_the_cpu_per_save_with_the_shared_cache_on_and_off()
    {
        await using var host = await CoreTestContext.CreateAsync();
        await host.Get<NationalDataSeeder>().SeedAsync(TinyNationalDatabase.Scale, CoreTestContext.Password);

        var (exit, output, errors) = await RunAsync(["bench", .. host.VerbDatabaseArguments, "--refresh", "--overviews", "5", "--saves", "2", "--runs", "2", "--warmup", "1"]);

        Assert.True(exit == 0, errors);
        var lines = output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("| measure | cache on | cache off | target |", lines);
        Assert.Contains(lines, l => l.StartsWith("| CPU per save, 5 open overviews, ms (median) |", StringComparison.Ordinal) && l.EndsWith("| ≤ 2 × one overview computation |", StringComparison.Ordinal));
        // Five overviews share one computation per save with the cache, compute five times without it; none reloads for a save after the period.
        Assert.Contains("| overview computations per save | 1.00 | 5.00 | — |", lines);
        Assert.Contains("| reloads for a save outside the overviews' window | 0 | 0 | 0 |", lines);
        Assert.Contains(lines, l => l.StartsWith("Cible tenue : CPU par enregistrement", StringComparison.Ordinal) || l.StartsWith("CIBLE MANQUÉE : CPU par enregistrement", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bench_without_a_database_says_so()
    {
        var dir = Path.Combine(Path.GetTempPath(), "csc-cli-tests", Guid.NewGuid().ToString("N"));

        var (exit, _, errors) = await RunAsync("bench", "--data-dir", dir);

        Assert.Equal(1, exit);
        Assert.Contains("Aucune base de données", errors);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public async Task National_seed_refuses_a_directory_that_already_holds_a_database()
    {
        var dir = Path.Combine(Path.GetTempPath(), "csc-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var database = Path.Combine(dir, "csc.db");
        await File.WriteAllTextAsync(database, "");
        try
        {
            var (exit, _, errors) = await RunAsync("seed", "--scale", "national", "--data-dir", dir);

            Assert.Equal(1, exit);
            Assert.Contains("existe déjà", errors);
            Assert.Contains("--force", errors);
            Assert.Equal(0, new FileInfo(database).Length);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Only_the_national_scale_exists()
    {
        var (exit, _, errors) = await RunAsync("seed", "--scale", "planetary", "--data-dir", Path.GetTempPath());

        Assert.Equal(1, exit);
        Assert.Contains("--scale national", errors);
    }

    private static Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args) => ConsoleVerb.RunAsync(args);
}
