using CscDashboard.Core.Data.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Data;

/// <summary>Brings a data directory up to date at start-up: folders, migrations, WAL, reference data.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<AppDbContext> factory, StorageOptions storage)
{
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        storage.EnsureDirectories();
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        await EnableWriteAheadLogAsync(db, ct);
        await ReferenceData.SeedAsync(db, ct);
    }

    /// <summary>WAL lets dashboards read while coordinators write; the mode is stored in the file.</summary>
    private static async Task EnableWriteAheadLogAsync(AppDbContext db, CancellationToken ct)
    {
        if (db.Database.GetDbConnection() is SqliteConnection { DataSource: not ("" or ":memory:") })
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}
