using CscDashboard.Web.Cli;
using Microsoft.Data.Sqlite;

namespace CscDashboard.Tests.Web;

public sealed class CommandLineTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "csc-cli-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Seed_creates_and_migrates_a_database_in_the_given_data_directory()
    {
        var exit = await CommandLine.RunAsync(["seed", "--data-dir", _dataDir]);

        Assert.Equal(0, exit);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_dataDir, "csc.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Territories";
        Assert.Equal(10L, await command.ExecuteScalarAsync());
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

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }
}
