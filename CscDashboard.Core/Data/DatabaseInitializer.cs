using CscDashboard.Core.Data.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Data;

/// <summary>Brings a data directory up to date at start-up: folders, migrations, WAL, reference data.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<AppDbContext> factory, StorageOptions storage)
{
    /// <summary>Key of the PostgreSQL advisory lock that lets one instance at a time migrate and seed.</summary>
    private const long InitializationLock = 0x4353_4344_4249_4E49; // "CSCDBINI"

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        storage.EnsureDirectories();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (db.Database.IsNpgsql())
        {
            // Several instances may start together: the second waits, then finds nothing to do.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({InitializationLock})", ct);
            try
            {
                await db.Database.MigrateAsync(ct);
                await ReferenceData.SeedAsync(db, ct);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({InitializationLock})", CancellationToken.None);
            }
            return;
        }
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
