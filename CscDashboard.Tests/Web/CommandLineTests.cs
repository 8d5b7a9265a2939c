using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Cli;
using Microsoft.Data.Sqlite;

namespace CscDashboard.Tests.Web;

/// <summary>The verbs on a SQLite data directory (PostgreSQL: <see cref="Postgres.CopyToPostgresTests"/>).</summary>
[Trait("Category", TestDatabase.SqliteOnly)]
public sealed class CommandLineTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new("csc-cli-tests");

    private string DataDir => _scratch.Path;

    [Fact]
    public async Task Seed_creates_and_migrates_a_database_in_the_given_data_directory()
    {
        var exit = await CommandLine.RunAsync(["seed", "--data-dir", DataDir]);

        Assert.Equal(0, exit);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(DataDir, "csc.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Territories";
        Assert.Equal(10L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Report_writes_the_pdf_or_refuses_a_bad_period_or_territory()
    {
        Assert.Equal(0, await CommandLine.RunAsync(["seed", "--data-dir", DataDir]));
        var output = Path.Combine(DataDir, "out", "bilan.pdf");

        Assert.Equal(0, await CommandLine.RunAsync(["report", "--period", "2023-Q1", "--data-dir", DataDir, "--out", output]));
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString((await File.ReadAllBytesAsync(output))[..4]));
        Assert.Equal(0, await CommandLine.RunAsync(["report", "--period", "CSC-2021-2023", "--territory", "art", "--data-dir", DataDir, "--out", output]));

        Assert.Equal(1, await CommandLine.RunAsync(["report", "--period", "2023-Q7", "--data-dir", DataDir, "--out", output]));
        Assert.Equal(1, await CommandLine.RunAsync(["report", "--period", "2023", "--territory", "ZZZ", "--data-dir", DataDir, "--out", output]));
        Assert.Equal(1, await CommandLine.RunAsync(["report", "--period", "2023", "--data-dir", Path.Combine(DataDir, "vide"), "--out", output]));
    }

    [Fact]
    public void Verbs_are_recognised_and_other_words_start_the_web_app()
    {
        Assert.True(CommandLine.IsVerb("seed"));
        Assert.True(CommandLine.IsVerb("SEED"));
        Assert.False(CommandLine.IsVerb("--urls"));
    }

    [Fact]
    public void Options_and_flags_are_parsed()
    {
        var args = VerbArguments.Parse(["seed", "--demo", "--data-dir", "/tmp/x"]);

        Assert.Equal("seed", args.Verb);
        Assert.Contains("demo", args.Flags);
        Assert.Equal("/tmp/x", args.Options["data-dir"]);
    }

    public void Dispose() => _scratch.Dispose();
}
