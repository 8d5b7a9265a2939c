using CscDashboard.Core;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Web.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CscDashboard.Tests.Infrastructure;

/// <summary>
/// Which database the Core and host tests run on. SQLite by default; with
/// <c>CSC_TEST_PROVIDER=Postgres</c> (the second pass of .ci/run), every <see cref="CoreTestContext"/>
/// and <see cref="CscWebFactory"/> gets its own PostgreSQL database on the server of
/// <c>CSC_TEST_POSTGRES</c>, created in a few milliseconds as a copy of a template that holds the
/// migrated schema, the reference data and Hangfire's tables (built once per test process).
/// Tests about PostgreSQL itself ask for <see cref="RequireServer"/>: skipped when no server is
/// configured, except under CI, where they must run.
/// </summary>
public static class TestDatabase
{
    public const string ProviderVariable = "CSC_TEST_PROVIDER";

    /// <summary>Trait value (<c>Category</c>) of the tests about SQLite itself, left out of the PostgreSQL pass.</summary>
    public const string SqliteOnly = "SqliteOnly";
    public const string ServerVariable = "CSC_TEST_POSTGRES";

    public static bool OnPostgres { get; } =
        string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), "Postgres", StringComparison.OrdinalIgnoreCase);

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _template;

    /// <summary>The server's connection string (database <c>postgres</c>); skips the test when there is none outside CI.</summary>
    public static string RequireServer()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            if (OnPostgres || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                throw new InvalidOperationException($"{ServerVariable} n'est pas défini : .ci/run démarre PostgreSQL et le définit.");
            }
            Skip.If(true, $"PostgreSQL non configuré ({ServerVariable}).");
        }
        return server!;
    }

    /// <summary>A new database, empty or (by default) a copy of the migrated template.</summary>
    public static async Task<PostgresTestDatabase> CreatePostgresAsync(bool migrated = true)
    {
        var server = RequireServer();
        var name = $"csc_t_{Guid.NewGuid():N}";
        var template = migrated ? await TemplateAsync(server) : null;
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"{(template is null ? "" : $" TEMPLATE \"{template}\" STRATEGY FILE_COPY")}");
        return new PostgresTestDatabase(server, name);
    }

    public static PostgresTestDatabase CreatePostgres(bool migrated = true) => CreatePostgresAsync(migrated).GetAwaiter().GetResult();

    internal static string ConnectionStringFor(string server, string database, bool pooling = true) =>
        new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = pooling }.ConnectionString;

    internal static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor(server, "postgres", pooling: false));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Built once per process: migrations, reference data, Hangfire's schema. No connection stays open on it (a template must be idle).</summary>
    private static async Task<string> TemplateAsync(string server)
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_template is not null)
            {
                return _template;
            }
            var name = $"csc_template_{Environment.ProcessId}_{Guid.NewGuid().ToString("N")[..8]}";
            await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
            var connectionString = ConnectionStringFor(server, name, pooling: false);
            var dataDirectory = Path.Combine(Path.GetTempPath(), "csc-tests", "template-" + Guid.NewGuid().ToString("N"));
            var services = new ServiceCollection();
            services.AddSingleton<ICurrentUserAccessor>(new FixedCurrentUserAccessor(CurrentUser.System("test")));
            services.AddCscCore(StorageOptions.Resolve(dataDirectory, dataDirectory), DatabaseOptions.Postgres(connectionString));
            await using (var provider = services.BuildServiceProvider())
            await using (var scope = provider.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            }
            HangfireSetup.CreatePostgresStorage(connectionString, TimeSpan.FromSeconds(1));
            Directory.Delete(dataDirectory, recursive: true);
            // Dropped when the test process ends; a throwaway CI cluster does not mind a leftover.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
            return _template = name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }
}

/// <summary>One test's PostgreSQL database, dropped on dispose.</summary>
public sealed class PostgresTestDatabase(string server, string name) : IAsyncDisposable, IDisposable
{
    public string Name { get; } = name;

    public string ConnectionString { get; } = TestDatabase.ConnectionStringFor(server, name);

    public DatabaseOptions Options => DatabaseOptions.Postgres(ConnectionString);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
        await TestDatabase.ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
