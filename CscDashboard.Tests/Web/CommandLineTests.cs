using System.Diagnostics;
using System.Text.RegularExpressions;
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
    public void Verbs_help_and_unknown_words_are_for_the_command_line_while_options_alone_start_the_web_app()
    {
        Assert.True(CommandLine.Handles(["seed"]));
        Assert.True(CommandLine.Handles(["--help"]));
        Assert.True(CommandLine.Handles(["-h"]));
        Assert.True(CommandLine.Handles(["sed"]));
        Assert.False(CommandLine.Handles(["--urls", "http://127.0.0.1:5000"]));
        Assert.False(CommandLine.Handles([]));
    }

    /// <summary>The built program itself: help exits 0 with every verb on its line, an unknown verb exits 2, neither starts the server.</summary>
    [Theory]
    [InlineData("--help", 0)]
    [InlineData("-h", 0)]
    [InlineData("help", 0)]
    [InlineData("seed --help", 0)]
    [InlineData("sed", 2)]
    public async Task The_program_prints_its_verbs_and_exits_instead_of_starting_the_web_server(string arguments, int expectedExit)
    {
        var (exit, stdout, stderr) = await RunProgramAsync(arguments.Split(' '));

        Assert.Equal(expectedExit, exit);
        var printed = expectedExit == 0 ? stdout : stderr;
        foreach (var verb in new[] { "seed", "account", "report", "backup", "restore", "bench", "stress", "copy-to-postgres" })
        {
            Assert.Matches($@"(?m)^  {Regex.Escape(verb)} +\S", printed);
        }
        Assert.DoesNotContain("Now listening", stdout, StringComparison.Ordinal);
        if (expectedExit != 0)
        {
            Assert.StartsWith($"Commande inconnue « {arguments} »", stderr, StringComparison.Ordinal);
        }
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunProgramAsync(string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CscDashboard.Web.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"« {string.Join(' ', arguments)} » did not exit within 60 s (did it start the web server?)");
        }
        return (process.ExitCode, await stdout, await stderr);
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
