using CscDashboard.Core.Data;
using CscDashboard.Core.Data.Postgres;
using CscDashboard.Core.Reporting;
using CscDashboard.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CscDashboard.Tests.Core.Reporting;

/// <summary>
/// The snapshots' column that holds a period code was named <c>PeriodLabel</c>; the migration
/// <c>RenameReportPeriodCode</c> renames it to <c>PeriodCode</c> on both providers and keeps the stored codes.
/// </summary>
public sealed class ReportPeriodCodeMigrationTests
{
    private const string Migration = "_RenameReportPeriodCode";

    [Fact]
    [Trait("Category", TestDatabase.SqliteOnly)]
    public async Task On_sqlite_the_stored_period_codes_are_kept_under_the_new_name()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(connection).Options);

        Assert.Equal(["2023-Q1", "CSC-2021-2023"], await StoredCodesAfterMigrationAsync(db));
    }

    [SkippableFact]
    [Trait("Category", "Postgres")]
    public async Task On_postgres_the_stored_period_codes_are_kept_under_the_new_name()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(migrated: false);
        await using var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(database.ConnectionString).Options);

        Assert.Equal(["2023-Q1", "CSC-2021-2023"], await StoredCodesAfterMigrationAsync(db));
    }

    /// <summary>Migrates to the migration before the rename, stores two snapshots the old way, then migrates to the end.</summary>
    private static async Task<List<string>> StoredCodesAfterMigrationAsync(AppDbContext db)
    {
        var migrations = db.Database.GetMigrations().ToList();
        var rename = migrations.FindIndex(m => m.EndsWith(Migration, StringComparison.Ordinal));
        Assert.True(rename > 0, $"migration {Migration} introuvable");
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[rename - 1]);

        foreach (var (code, version) in new[] { ("2023-Q1", 1), ("CSC-2021-2023", 1) })
        {
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "ReportSnapshots" ("Kind", "PeriodLabel", "PeriodStart", "PeriodEnd", "Scope", "ReportVersion", "Status", "RequestedBy", "CreatedAt", "CreatedBy", "Version")
                VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10})
                """,
                nameof(ReportKind.QuarterlyCommittee), code, new DateOnly(2023, 1, 1), new DateOnly(2023, 3, 31), "federation", version,
                nameof(ReportStatus.Ready), "Migration", DateTime.UtcNow, "test", 1L);
        }

        await migrator.MigrateAsync();
        return await db.ReportSnapshots.AsNoTracking().OrderBy(s => s.PeriodCode).Select(s => s.PeriodCode).ToListAsync();
    }
}
