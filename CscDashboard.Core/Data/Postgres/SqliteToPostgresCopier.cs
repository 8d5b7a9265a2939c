using System.Data.Common;
using System.Globalization;
using System.Reflection;
using CscDashboard.Core.Common;
using CscDashboard.Core.Reporting;
using CscDashboard.Core.Tools;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace CscDashboard.Core.Data.Postgres;

/// <summary>Rows of one table on both sides after a copy.</summary>
public sealed record TableCount(string Table, long Sqlite, long Postgres)
{
    public bool Matches => Sqlite == Postgres;
}

/// <summary>
/// Moves a whole SQLite database (the app's context from DI) into an empty PostgreSQL database:
/// creates the schema with the PostgreSQL migrations, copies every table of the model in foreign-key
/// order with <see cref="BulkInserter"/> (binary COPY, ids kept, identity sequences moved past
/// them) in one transaction, then VACUUM ANALYZE. Rows are copied as they are: no audit rows, no
/// stamps. Not copied: Hangfire's queue (its own SQLite file; recurring jobs are registered again at
/// start-up, and a database with reports still waiting for their job is refused) and the
/// data-protection keys (files of the SQLite install: users sign in again once).
/// </summary>
public sealed class SqliteToPostgresCopier(IDbContextFactory<AppDbContext> sqlite)
{
    private static readonly MethodInfo CopyTableMethod = typeof(SqliteToPostgresCopier).GetMethod(nameof(CopyTable), BindingFlags.NonPublic | BindingFlags.Static)!;

    public async Task<IReadOnlyList<TableCount>> CopyAsync(string postgresConnectionString, Action<string> progress, CancellationToken ct = default)
    {
        await using var source = await sqlite.CreateDbContextAsync(ct);
        if (source.Database.IsNpgsql())
        {
            throw new InvalidOperationException("La source de copy-to-postgres est la base SQLite du dossier de données (--data-dir).");
        }
        // Their Hangfire jobs stay in the SQLite queue: in the copy they would wait for ever.
        var unfinished = await source.ReportSnapshots.CountAsync(s => s.Status == ReportStatus.Pending || s.Status == ReportStatus.Running, ct);
        if (unfinished > 0)
        {
            throw new InvalidOperationException($"{Common.French.Plural(unfinished, "bilan", "bilans")} en attente ou en cours de génération : laissez l'application les terminer "
                + "(ou attendez leur échec), arrêtez-la, puis relancez la copie. Rien n'a été copié.");
        }
        await using var target = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(postgresConnectionString).Options);
        var tables = Tables(target.Model);

        await EnsureNoForeignTablesAsync(target, tables, ct);
        await target.Database.MigrateAsync(ct);
        var filled = new List<string>();
        foreach (var table in tables)
        {
            if (await CountAsync(target.Database.GetDbConnection(), table.GetTableName()!, ct) > 0)
            {
                filled.Add(table.GetTableName()!);
            }
        }
        if (filled.Count > 0)
        {
            throw new InvalidOperationException($"La base PostgreSQL cible n'est pas vide (lignes dans {string.Join(", ", filled.Order(StringComparer.Ordinal).Take(5))}"
                + $"{(filled.Count > 5 ? "…" : "")}) : "
                + "copy-to-postgres ne remplit qu'une base vide, créée par exemple avec « createdb ». Rien n'a été copié.");
        }

        await target.Database.OpenConnectionAsync(ct);
        await using (var transaction = await target.Database.BeginTransactionAsync(ct))
        {
            using (var inserter = new BulkInserter(target))
            {
                foreach (var table in tables.Where(t => source.Model.FindEntityType(t.ClrType) is not null))
                {
                    var rows = (int)CopyTableMethod.MakeGenericMethod(table.ClrType).Invoke(null, [source, inserter, ct])!;
                    progress($"{table.GetTableName()} : {French.PlainNumber(rows)} lignes");
                }
            }
            await transaction.CommitAsync(ct);
        }
        await target.Database.ExecuteSqlRawAsync("VACUUM ANALYZE", ct);
        progress("Statistiques du planificateur à jour (VACUUM ANALYZE).");

        var counts = new List<TableCount>();
        foreach (var table in tables.Where(t => source.Model.FindEntityType(t.ClrType) is not null))
        {
            var name = table.GetTableName()!;
            counts.Add(new TableCount(name, await CountAsync(source.Database.GetDbConnection(), name, ct), await CountAsync(target.Database.GetDbConnection(), name, ct)));
        }
        return counts.OrderBy(c => c.Table, StringComparer.Ordinal).ToList();
    }

    private static int CopyTable<T>(AppDbContext source, BulkInserter inserter, CancellationToken ct) where T : class =>
        inserter.Insert(source.Set<T>().AsNoTracking().AsEnumerable(), ct);

    /// <summary>The model's tables, parents before the tables whose foreign keys point to them.</summary>
    internal static List<IEntityType> Tables(IModel model)
    {
        var remaining = model.GetEntityTypes().Where(t => t.GetTableName() is not null && !t.IsOwned()).OrderBy(t => t.GetTableName(), StringComparer.Ordinal).ToList();
        var ordered = new List<IEntityType>();
        while (remaining.Count > 0)
        {
            var ready = remaining.FirstOrDefault(t => t.GetForeignKeys().All(fk => fk.PrincipalEntityType == t || ordered.Contains(fk.PrincipalEntityType)))
                ?? throw new InvalidOperationException($"Cycle de clés étrangères entre {string.Join(", ", remaining.Select(t => t.GetTableName()))}.");
            ordered.Add(ready);
            remaining.Remove(ready);
        }
        return ordered;
    }

    /// <summary>Tables of another application in the target's public schema: refuse rather than mix.</summary>
    private static async Task EnsureNoForeignTablesAsync(PostgresAppDbContext target, List<IEntityType> tables, CancellationToken ct)
    {
        var ours = tables.Select(t => t.GetTableName()!).Append("__EFMigrationsHistory").ToHashSet(StringComparer.Ordinal);
        var connection = target.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name";
            var others = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    if (!ours.Contains(reader.GetString(0)))
                    {
                        others.Add(reader.GetString(0));
                    }
                }
            }
            if (others.Count > 0)
            {
                throw new InvalidOperationException($"La base PostgreSQL cible contient des tables qui ne sont pas celles de l'application ({string.Join(", ", others.Take(5))}) : "
                    + "choisissez une base vide. Rien n'a été copié.");
            }
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    private static async Task<long> CountAsync(DbConnection connection, string table, CancellationToken ct)
    {
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(ct);
        }
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }
}
