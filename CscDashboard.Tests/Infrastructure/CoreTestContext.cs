using CscDashboard.Core;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Core.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CscDashboard.Tests.Infrastructure;

/// <summary>
/// Core services over a real SQLite file in a fresh temporary data directory (or a fresh PostgreSQL
/// database when <see cref="TestDatabase.OnPostgres"/>), with a controllable clock and caller. Each
/// test gets its own database.
/// </summary>
public sealed class CoreTestContext : IAsyncDisposable
{
    public const string Password = "Test-Password-1";

    private readonly ServiceProvider _root;
    private readonly AsyncServiceScope _scope;
    private readonly PostgresTestDatabase? _postgres;

    private CoreTestContext(DateTimeOffset now, PostgresTestDatabase? postgres)
    {
        _postgres = postgres;
        DataDirectory = Path.Combine(Path.GetTempPath(), "csc-tests", Guid.NewGuid().ToString("N"));
        Clock = new FakeTimeProvider(now);
        Clock.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        Users = new FixedCurrentUserAccessor(CurrentUser.System("test"));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<ICurrentUserAccessor>(Users);
        services.AddCscCore(StorageOptions.Resolve(DataDirectory, DataDirectory), postgres?.Options ?? DatabaseOptions.Sqlite);
        // Unsubscribe links are signed with a key ring of the tests (outside the data directory, whose files the matrix watches).
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetTempPath(), "csc-tests-keys")));
        _root = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        _scope = _root.CreateAsyncScope();
    }

    public string DataDirectory { get; }
    public FakeTimeProvider Clock { get; }
    public FixedCurrentUserAccessor Users { get; }

    private static readonly DateTimeOffset DefaultNow = new(2023, 3, 15, 10, 0, 0, TimeSpan.FromHours(1));

    public static Task<CoreTestContext> CreateAsync(DateTimeOffset? now = null) =>
        CreateAsync(now, TestDatabase.OnPostgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite);

    /// <summary>
    /// On a given provider whatever <see cref="TestDatabase.OnPostgres"/> says (tests about the providers
    /// themselves); on PostgreSQL, in <paramref name="database"/> when given (it is then disposed with the context).
    /// </summary>
    public static async Task<CoreTestContext> CreateAsync(DateTimeOffset? now, DatabaseProvider provider, PostgresTestDatabase? database = null)
    {
        var postgres = provider == DatabaseProvider.Postgres ? database ?? await TestDatabase.CreatePostgresAsync() : null;
        var context = new CoreTestContext(now ?? DefaultNow, postgres);
        if (postgres is not null && database is null)
        {
            // A copy of the template, which went through the same initializer (migrations, reference data).
            context.Get<StorageOptions>().EnsureDirectories();
        }
        else
        {
            if (postgres is null)
            {
                await CopySqliteTemplateAsync(context.Get<StorageOptions>().DatabasePath);
            }
            await context.Get<DatabaseInitializer>().InitializeAsync();
        }
        return context;
    }

    private static readonly SemaphoreSlim SqliteTemplateLock = new(1, 1);
    private static string? _sqliteTemplate;

    /// <summary>
    /// SQLite: the database the initializer makes (migrations, reference data) is built once per test process and copied
    /// for each test and each test host (<see cref="CscWebFactory"/>), whose initializer then finds it up to date, as on a
    /// restart; <see cref="TestDatabase"/> does the same on PostgreSQL with a template database. Nothing is copied over
    /// a database already there.
    /// </summary>
    internal static async Task CopySqliteTemplateAsync(string databasePath)
    {
        if (File.Exists(databasePath))
        {
            return;
        }
        await SqliteTemplateLock.WaitAsync();
        try
        {
            if (_sqliteTemplate is null)
            {
                var template = new CoreTestContext(DefaultNow, postgres: null);
                await template.Get<DatabaseInitializer>().InitializeAsync();
                await using (var db = template.CreateDb())
                {
                    // Everything into the database file, so that the file alone is the whole database.
                    await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
                }
                _sqliteTemplate = template.Get<StorageOptions>().DatabasePath;
                await template._scope.DisposeAsync();
                await template._root.DisposeAsync();
            }
        }
        finally
        {
            SqliteTemplateLock.Release();
        }
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        File.Copy(_sqliteTemplate, databasePath);
    }

    /// <summary>A migrated database whose "today" is <paramref name="today"/> (10:00 UTC).</summary>
    public static Task<CoreTestContext> CreateAsync(DateOnly today) =>
        CreateAsync(new DateTimeOffset(today.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero));

    public const string DemoPassword = "Demo-CSC-2026";

    public Task<IReadOnlyList<DemoAccount>> SeedDemoAsync() => Get<DemoDataSeeder>().SeedAsync(DemoPassword);

    public T Get<T>() where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    public AppDbContext CreateDb() => Get<IDbContextFactory<AppDbContext>>().CreateDbContext();

    public void ActAs(CurrentUser user) => Users.Current = user;

    /// <summary>Creates an account and returns the caller it signs in as.</summary>
    public async Task<CurrentUser> AddUserAsync(string email, string role, params string[] territoryCodes)
    {
        await using var db = CreateDb();
        var territories = await db.Territories.Where(t => territoryCodes.Contains(t.Code)).Select(t => t.Id).ToListAsync();
        var user = await UserAccounts.AddAsync(db, email, email.Split('@')[0], role, territories, Password);
        await db.SaveChangesAsync();
        return new CurrentUser(user.Id, user.DisplayName, new HashSet<string> { role }, territories.ToHashSet());
    }

    public async Task<int> TerritoryIdAsync(string code)
    {
        await using var db = CreateDb();
        return await db.Territories.Where(t => t.Code == code).Select(t => t.Id).SingleAsync();
    }

    /// <summary>This test's PostgreSQL database, or null on SQLite.</summary>
    public PostgresTestDatabase? Postgres => _postgres;

    /// <summary>Counts the SQL statements EF runs on this test's database from now on.</summary>
    public CommandCounter CountCommands() => _postgres is { } postgres
        ? new CommandCounter(connection => connection.Database == postgres.Name)
        : new CommandCounter(Path.Combine(DataDirectory, "csc.db"));

    /// <summary>How a command-line verb names this test's database: the data directory, or PostgreSQL and its connection string.</summary>
    public string[] VerbDatabaseArguments => _postgres is { } postgres
        ? ["--provider", "postgres", "--connection", postgres.ConnectionString]
        : ["--data-dir", DataDirectory];

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _root.DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
