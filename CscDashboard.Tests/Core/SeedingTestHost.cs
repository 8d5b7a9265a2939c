using CscDashboard.Core;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Data.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CscDashboard.Tests.Core;

/// <summary>Core services on a real SQLite file in a temp folder, with a fake clock set to a given day.</summary>
public sealed class SeedingTestHost : IAsyncDisposable
{
    public const string DemoPassword = "Demo-CSC-2026";

    private readonly string _directory;
    private readonly ServiceProvider _provider;
    private readonly AsyncServiceScope _scope;

    private SeedingTestHost(string directory, FakeTimeProvider clock)
    {
        _directory = directory;
        Clock = clock;
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddCscCore(StorageOptions.Resolve(directory, directory));
        services.AddSingleton<ICurrentUserAccessor>(new FixedCurrentUserAccessor(CurrentUser.System("test")));
        _provider = services.BuildServiceProvider(validateScopes: true);
        _scope = _provider.CreateAsyncScope();
    }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => _scope.ServiceProvider;

    /// <summary>A migrated database with reference data; "today" is <paramref name="today"/> at 10:00 UTC.</summary>
    public static async Task<SeedingTestHost> CreateAsync(DateOnly today)
    {
        var directory = Path.Combine(Path.GetTempPath(), "csc-tests-" + Guid.NewGuid().ToString("N"));
        var clock = new FakeTimeProvider(new DateTimeOffset(today.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero));
        var host = new SeedingTestHost(directory, clock);
        await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        return host;
    }

    public Task<IReadOnlyList<DemoAccount>> SeedDemoAsync() =>
        Services.GetRequiredService<DemoDataSeeder>().SeedAsync(DemoPassword);

    public Task<AppDbContext> OpenAsync() =>
        Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _provider.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the OS is left in the temp folder; it does not affect other tests.
        }
    }
}
