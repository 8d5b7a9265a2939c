using CscDashboard.Core.Data.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Data;

/// <summary>Brings a data directory up to date at start-up: folders, migrations, WAL, reference data.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<AppDbContext> factory, StorageOptions storage)
{
    /// <summary>Key of the PostgreSQL advisory lock that lets one instance at a time migrate and seed.</summary>
    private const long StartUpLock = 0x4353_4344_4249_4E49; // "CSCDBINI"

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        storage.EnsureDirectories();
        await ExclusiveAsync(async () =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            // Migrate() also diffs the model against the migrations' snapshot (a second or more at start-up):
            // asked only when a migration is pending, which a cheap read of the history tells.
            if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
            {
                await db.Database.MigrateAsync(ct);
            }
            await EnableWriteAheadLogAsync(db, ct);
            await ReferenceData.SeedAsync(db, ct);
            return true;
        }, ct);
    }

    /// <summary>
    /// Start-up work that one instance at a time may do (migrations, reference and demo data). Several
    /// instances may start together on PostgreSQL: the others wait for the advisory lock, then find the
    /// work done. SQLite has one instance, and its write transactions already exclude each other.
    /// </summary>
    public async Task<T> ExclusiveAsync<T>(Func<Task<T>> work, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!db.Database.IsNpgsql())
        {
            return await work();
        }
        await db.Database.OpenConnectionAsync(ct);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({StartUpLock})", ct);
        try
        {
            return await work();
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({StartUpLock})", CancellationToken.None);
        }
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
