using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Cli;
using Microsoft.Data.Sqlite;

namespace CscDashboard.Tests.Web;

/// <summary>The <c>account</c> verb: the first administrator of a new installation, and a lost password.</summary>
[Collection(ConsoleOutputCollection.Name)]
[Trait("Category", TestDatabase.SqliteOnly)]
public sealed class AccountVerbTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new("csc-cli-tests");

    private string DataDir => _scratch.Path;

    [Fact]
    public async Task Account_creates_the_first_administrator_and_issues_a_new_password_or_refuses_bad_input()
    {
        Assert.Equal(0, await CommandLine.RunAsync(["seed", "--data-dir", DataDir]));

        var (exit, output, errors) = await ConsoleVerb.RunAsync(
            ["account", "--email", "admin@federation.fr", "--name", "Camille Admin", "--role", "admin", "--data-dir", DataDir]);
        Assert.True(exit == 0, errors);
        var first = PasswordIn(output);
        var (coordinator, coordinatorOutput, _) = await ConsoleVerb.RunAsync(
            ["account", "--email", "coord@federation.fr", "--name", "Coord", "--role", "Coordinator", "--territory", "art,lil", "--data-dir", DataDir]);
        Assert.Equal(0, coordinator);
        Assert.Contains("Coordination territoriale", coordinatorOutput);

        var (again, _, taken) = await ConsoleVerb.RunAsync(["account", "--email", "ADMIN@federation.fr", "--name", "X", "--role", "Admin", "--data-dir", DataDir]);
        Assert.Equal((1, true), (again, taken.Contains("Un compte existe déjà", StringComparison.Ordinal)));
        var (unknown, _, territoryError) = await ConsoleVerb.RunAsync(["account", "--email", "x@federation.fr", "--name", "X", "--role", "Coordinator", "--territory", "ZZZ", "--data-dir", DataDir]);
        Assert.Equal((1, true), (unknown, territoryError.Contains("Territoire inconnu : ZZZ", StringComparison.Ordinal)));
        var (noRole, _, roleError) = await ConsoleVerb.RunAsync(["account", "--email", "x@federation.fr", "--name", "X", "--role", "Chef", "--data-dir", DataDir]);
        Assert.Equal((1, true), (noRole, roleError.Contains("Rôle « Chef » inconnu", StringComparison.Ordinal)));

        var (reset, resetOutput, _) = await ConsoleVerb.RunAsync(["account", "--email", "admin@federation.fr", "--new-password", "--data-dir", DataDir]);
        Assert.Equal(0, reset);
        Assert.NotEqual(first, PasswordIn(resetOutput));
        var (missing, _, missingError) = await ConsoleVerb.RunAsync(["account", "--email", "personne@federation.fr", "--new-password", "--data-dir", DataDir]);
        Assert.Equal((1, true), (missing, missingError.Contains("Aucun compte", StringComparison.Ordinal)));

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(DataDir, "csc.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM AspNetUsers";
        Assert.Equal(2L, await command.ExecuteScalarAsync());
    }

    private static string PasswordIn(string output) =>
        output.Split('\n').Single(l => l.StartsWith("Mot de passe provisoire", StringComparison.Ordinal)).Split(" : ")[1].Trim();

    public void Dispose() => _scratch.Dispose();
}
