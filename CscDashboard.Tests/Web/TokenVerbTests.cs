using CscDashboard.Core.OpenData;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Cli;
using Microsoft.Data.Sqlite;

namespace CscDashboard.Tests.Web;

/// <summary>The <c>token create</c> verb: a token to the API for automation, its secret printed once, only its hash stored (ADR 026).</summary>
[Collection(ConsoleOutputCollection.Name)]
[Trait("Category", TestDatabase.SqliteOnly)]
public sealed class TokenVerbTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new("csc-cli-tests");

    private string DataDir => _scratch.Path;

    [Fact]
    public async Task Token_create_prints_the_secret_once_stores_its_hash_and_refuses_bad_input()
    {
        Assert.Equal(0, await CommandLine.RunAsync(["seed", "--data-dir", DataDir]));
        Assert.Equal(0, (await ConsoleVerb.RunAsync(["account", "--email", "coord@federation.fr", "--name", "Coord", "--role", "Coordinator",
            "--territory", "ART", "--data-dir", DataDir])).Exit);

        var (exit, output, errors) = await ConsoleVerb.RunAsync(
            ["token", "create", "--email", "COORD@federation.fr", "--name", "Tableur Région", "--days", "30", "--data-dir", DataDir]);

        Assert.True(exit == 0, errors);
        var secret = output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(AccessTokenService.SecretPrefix, StringComparison.Ordinal));
        Assert.Equal(AccessTokenAuthenticator.SecretLength, secret.Length);
        Assert.Contains("n'est affiché qu'une fois", output);
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(DataDir, "csc.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT SecretHash || '|' || Role || '|' || Name || '|' || CreatedBy FROM AccessTokens";
            Assert.Equal($"{AccessTokenService.HashOf(secret)}|Coordinator|Tableur Région|cli:token", await command.ExecuteScalarAsync());
        }

        var (unknown, _, unknownError) = await ConsoleVerb.RunAsync(["token", "create", "--email", "personne@federation.fr", "--name", "X", "--data-dir", DataDir]);
        Assert.Equal((1, true), (unknown, unknownError.Contains("Aucun compte", StringComparison.Ordinal)));
        var (tooLong, _, daysError) = await ConsoleVerb.RunAsync(["token", "create", "--email", "coord@federation.fr", "--name", "X", "--days", "400", "--data-dir", DataDir]);
        Assert.Equal((1, true), (tooLong, daysError.Contains("1 à 365 jours", StringComparison.Ordinal)));
        var (usage, _, usageError) = await ConsoleVerb.RunAsync(["token", "--email", "coord@federation.fr", "--data-dir", DataDir]);
        Assert.Equal((1, true), (usage, usageError.Contains("token create --email", StringComparison.Ordinal)));
    }

    public void Dispose() => _scratch.Dispose();
}
