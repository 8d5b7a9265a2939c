using System.Diagnostics;
using System.Threading.Channels;
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
/// <c>CSC_TEST_POSTGRES</c>: a copy of a template that holds the migrated schema, the reference data
/// and Hangfire's tables (built once per test process). Copies are made ahead, two at a time, and
/// dropped in the background, so that a test does not wait for either.
/// Tests about PostgreSQL itself ask for <see cref="RequireServer"/>: skipped when no server is
/// configured, except under CI, where they must run.
/// </summary>
public static class TestDatabase
{
    public const string ProviderVariable = "CSC_TEST_PROVIDER";
    public const string ServerVariable = "CSC_TEST_POSTGRES";

    /// <summary>Trait value (<c>Category</c>) of the tests about SQLite itself, left out of the PostgreSQL pass.</summary>
    public const string SqliteOnly = "SqliteOnly";

    private const string Prefix = "csc_t_";

    public static bool OnPostgres { get; } =
        string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), "Postgres", StringComparison.OrdinalIgnoreCase);

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static readonly Channel<string> Ready = Channel.CreateBounded<string>(2);
    private static readonly Channel<string> Dropping = Channel.CreateUnbounded<string>();
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
        if (migrated)
        {
            await EnsureTemplateAsync(server);
            return new PostgresTestDatabase(server, await Ready.Reader.ReadAsync());
        }
        var name = NewName();
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
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

    internal static void Drop(string name) => Dropping.Writer.TryWrite(name);

    /// <summary>The process id in each name lets a later run drop what a killed run left behind.</summary>
    private static string NewName() => $"{Prefix}{Environment.ProcessId}_{Guid.NewGuid().ToString("N")[..12]}";

    /// <summary>Built once per process: migrations, reference data, Hangfire's schema. No connection stays open on it (a template must be idle).</summary>
    private static async Task EnsureTemplateAsync(string server)
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_template is not null)
            {
                return;
            }
            await DropLeftoversAsync(server);
            var name = $"{Prefix}{Environment.ProcessId}_template";
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
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
            _template = name;
            _ = Task.Run(() => CopyAheadAsync(server, name));
            _ = Task.Run(() => DropInBackgroundAsync(server));
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    /// <summary>A failure ends the channel with it: the waiting tests fail with the cause instead of waiting forever.</summary>
    private static async Task CopyAheadAsync(string server, string template)
    {
        try
        {
            while (true)
            {
                var name = NewName();
                await ExecuteAsync(server, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\" STRATEGY FILE_COPY");
                await Ready.Writer.WriteAsync(name);
            }
        }
        catch (Exception ex)
        {
            Ready.Writer.TryComplete(ex);
        }
    }

    private static async Task DropInBackgroundAsync(string server)
    {
        await foreach (var name in Dropping.Reader.ReadAllAsync())
        {
            try
            {
                await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            }
            catch (NpgsqlException)
            {
                // Left for the next run's clean-up (DropLeftoversAsync).
            }
        }
    }

    /// <summary>Databases of test processes that are gone (the CI cluster is thrown away; a developer's is not).</summary>
    private static async Task DropLeftoversAsync(string server)
    {
        var names = new List<string>();
        await using (var connection = new NpgsqlConnection(ConnectionStringFor(server, "postgres", pooling: false)))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"SELECT datname FROM pg_database WHERE datname LIKE '{Prefix}%'", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }
        foreach (var name in names)
        {
            var pid = name[Prefix.Length..].Split('_')[0];
            if (int.TryParse(pid, out var id) && id != Environment.ProcessId && !IsRunning(id))
            {
                await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            }
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>One test's PostgreSQL database, dropped (in the background) on dispose.</summary>
public sealed class PostgresTestDatabase(string server, string name) : IAsyncDisposable, IDisposable
{
    public string Name { get; } = name;

    public string ConnectionString { get; } = TestDatabase.ConnectionStringFor(server, name);

    public DatabaseOptions Options => DatabaseOptions.Postgres(ConnectionString);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
        TestDatabase.Drop(Name);
    }
}
