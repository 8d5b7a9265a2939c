using System.Text.Json;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Data;
using CscDashboard.Core.Data.Postgres;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Core.Reporting;
using CscDashboard.Tests.Core;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Postgres;

/// <summary>The <c>copy-to-postgres</c> verb, and the verbs that refuse PostgreSQL.</summary>
[Collection(ConsoleOutputCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class CopyToPostgresTests
{
    [SkippableFact]
    public async Task A_demo_database_is_copied_whole_and_the_dashboards_read_the_same_figures_from_it()
    {
        TestDatabase.RequireServer();
        await using var sqlite = await CoreTestContext.CreateAsync(null, DatabaseProvider.Sqlite);
        await sqlite.SeedDemoAsync();
        var lead = await sqlite.AddUserAsync("lead-copy@test.csc", Roles.ProjectLead);
        var coordinator = await sqlite.AddUserAsync("coord-copy@test.csc", Roles.Coordinator, "VAL");
        var target = await TestDatabase.CreatePostgresAsync(migrated: false);

        var (exit, output, errors) = await ConsoleVerb.RunAsync("copy-to-postgres", "--data-dir", sqlite.DataDirectory, "--connection", target.ConnectionString);

        Assert.True(exit == 0, errors + output);
        var lines = output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("| table | SQLite | PostgreSQL |", lines);
        await using (var db = sqlite.CreateDb())
        {
            var activities = await db.Activities.CountAsync();
            Assert.True(activities > 10_000, $"{activities} demo activities");
            Assert.Contains($"| Activities | {activities} | {activities} |", lines);
            Assert.Contains($"| AuditEntries | {await db.AuditEntries.CountAsync()} | {await db.AuditEntries.CountAsync()} |", lines);
        }
        Assert.Contains(lines, l => l.EndsWith("Nombres de lignes vérifiés (" + (lines.Count(t => t.StartsWith("| ", StringComparison.Ordinal)) - 1) + " tables), copie validée.", StringComparison.Ordinal));
        // Every table of the SQLite file (but EF Core's migration history and lock, which the migrations write) has its row in the report.
        var reported = lines.Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| table", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries)[1]).Order(StringComparer.Ordinal).ToList();
        await using (var db = sqlite.CreateDb())
        {
            var inFile = await db.Database.SqlQueryRaw<string>(
                "SELECT name AS Value FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')").ToListAsync();
            Assert.Equal(inFile.Order(StringComparer.Ordinal), reported);
        }

        await using var postgres = await CoreTestContext.CreateAsync(null, DatabaseProvider.Postgres, target);
        sqlite.ActAs(lead);
        postgres.ActAs(lead);
        foreach (var period in new[] { Period.Quarter(2022, 4), Period.Year(2022), Period.Custom(new(2022, 2, 10), new(2022, 7, 20)) })
        {
            Assert.Equal(Json(await sqlite.Get<DashboardService>().GetOverviewAsync(period)), Json(await postgres.Get<DashboardService>().GetOverviewAsync(period)));
            Assert.Equal(Json(await sqlite.Get<DashboardService>().GetTerritoryAsync("VAL", period)), Json(await postgres.Get<DashboardService>().GetTerritoryAsync("VAL", period)));
        }
        var search = new ActivityFilter { Text = "atelier" };
        Assert.Equal(Json(await sqlite.Get<ActivityQueries>().ListAsync(search, new PageRequest(PageSize: 50))),
            Json(await postgres.Get<ActivityQueries>().ListAsync(search, new PageRequest(PageSize: 50))));

        // The identity sequences start after the copied ids: the next activity and its audit rows get fresh keys.
        int lastId;
        await using (var db = postgres.CreateDb())
        {
            lastId = await db.Activities.MaxAsync(a => a.Id);
        }
        postgres.ActAs(coordinator);
        var id = await postgres.Get<ActivityService>().CreateAsync(ActivityTestData.Visit(await postgres.TerritoryIdAsync("VAL"), "Après la copie"));
        Assert.Equal(lastId + 1, id);

        var again = await ConsoleVerb.RunAsync("copy-to-postgres", "--data-dir", sqlite.DataDirectory, "--connection", target.ConnectionString);
        Assert.Equal(1, again.Exit);
        Assert.Contains("n'est pas vide", again.Errors);
        await using (var db = postgres.CreateDb())
        {
            Assert.Equal(lastId + 1, await db.Activities.MaxAsync(a => a.Id));
        }
    }

    [SkippableFact]
    public async Task A_copy_that_fails_halfway_leaves_no_row_and_a_second_run_copies_everything()
    {
        TestDatabase.RequireServer();
        await using var sqlite = await CoreTestContext.CreateAsync(null, DatabaseProvider.Sqlite);
        await sqlite.SeedDemoAsync();
        await using var target = await TestDatabase.CreatePostgresAsync(migrated: false);
        var lines = new List<string>();

        // The connection "drops" once the activities are in: the tables copied before and the activities go back.
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => sqlite.Get<SqliteToPostgresCopier>().CopyAsync(target.ConnectionString, line =>
        {
            lines.Add(line);
            if (line.StartsWith("Activities : ", StringComparison.Ordinal) && !line.EndsWith('…'))
            {
                throw new IOException("connexion perdue");
            }
        }));

        Assert.StartsWith("La copie a échoué pendant la table Activities : connexion perdue. Rien n'a été copié", failure.Message);
        Assert.Contains(lines, l => l.StartsWith("Territories : ", StringComparison.Ordinal)); // copied, then rolled back
        Assert.Equal(0L, await RowsAsync(target.ConnectionString, "Territories"));
        Assert.Equal(0L, await RowsAsync(target.ConnectionString, "Activities"));

        var (exit, output, errors) = await ConsoleVerb.RunAsync("copy-to-postgres", "--data-dir", sqlite.DataDirectory, "--connection", target.ConnectionString, "--timeout", "600");
        Assert.True(exit == 0, errors + output);
        await using var db = sqlite.CreateDb();
        Assert.Equal(await db.Activities.LongCountAsync(), await RowsAsync(target.ConnectionString, "Activities"));
        Assert.Equal(await db.Territories.LongCountAsync(), await RowsAsync(target.ConnectionString, "Territories"));
    }

    [SkippableFact]
    public async Task A_timeout_that_is_not_a_number_of_seconds_is_refused_before_anything_is_written()
    {
        TestDatabase.RequireServer();
        await using var sqlite = await CoreTestContext.CreateAsync(null, DatabaseProvider.Sqlite);
        await using var target = await TestDatabase.CreatePostgresAsync(migrated: false);

        var (exit, _, errors) = await ConsoleVerb.RunAsync("copy-to-postgres", "--data-dir", sqlite.DataDirectory, "--connection", target.ConnectionString, "--timeout", "dix");

        Assert.Equal(1, exit);
        Assert.Contains("--timeout attend un nombre entier de secondes", errors);
        Assert.Equal(0L, await ScalarAsync(target.ConnectionString, PublicTables));
    }

    [SkippableFact]
    public async Task A_database_of_another_application_is_refused_untouched()
    {
        TestDatabase.RequireServer();
        await using var sqlite = await CoreTestContext.CreateAsync(null, DatabaseProvider.Sqlite);
        await using var target = await TestDatabase.CreatePostgresAsync(migrated: false);
        await using (var connection = new Npgsql.NpgsqlConnection(target.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand("CREATE TABLE invoices (id int)", connection);
            await create.ExecuteNonQueryAsync();
        }

        var (exit, _, errors) = await ConsoleVerb.RunAsync("copy-to-postgres", "--data-dir", sqlite.DataDirectory, "--connection", target.ConnectionString);

        Assert.Equal(1, exit);
        Assert.Contains("invoices", errors);
        Assert.Equal(1L, await ScalarAsync(target.ConnectionString, PublicTables));
    }

    [SkippableFact]
    public async Task A_database_with_a_report_waiting_for_its_job_is_not_copied()
    {
        TestDatabase.RequireServer();
        await using var sqlite = await CoreTestContext.CreateAsync(null, DatabaseProvider.Sqlite);
        await using (var db = sqlite.CreateDb())
        {
            db.ReportSnapshots.Add(new ReportSnapshot
            {
                Kind = ReportKind.Monthly, PeriodCode = "2023-02", PeriodStart = new(2023, 2, 1), PeriodEnd = new(2023, 2, 28),
                Scope = "federation", RequestedBy = "claire.lead", Status = ReportStatus.Pending,
            });
            await db.SaveChangesAsync();
        }
        await using var target = await TestDatabase.CreatePostgresAsync(migrated: false);

        var (exit, _, errors) = await ConsoleVerb.RunAsync("copy-to-postgres", "--data-dir", sqlite.DataDirectory, "--connection", target.ConnectionString);

        Assert.Equal(1, exit);
        Assert.Contains("1 bilan en attente", errors);
    }

    [SkippableFact]
    public async Task Backup_refuses_a_postgres_database_and_points_to_pg_dump()
    {
        await using var postgres = await CoreTestContext.CreateAsync(null, DatabaseProvider.Postgres);
        var archive = Path.Combine(postgres.DataDirectory, "sauvegarde.zip");

        var (exit, _, errors) = await ConsoleVerb.RunAsync(["backup", .. postgres.VerbDatabaseArguments, "--out", archive]);

        Assert.Equal(1, exit);
        Assert.Contains("pg_dump", errors);
        Assert.False(File.Exists(archive));
    }

    private const string PublicTables = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'";

    private static Task<long> RowsAsync(string connectionString, string table) => ScalarAsync(connectionString, $"SELECT COUNT(*) FROM \"{table}\"");

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
