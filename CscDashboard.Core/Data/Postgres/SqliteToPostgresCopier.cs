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
/// them) in one transaction, checks every table's row count against the source inside that
/// transaction, commits, then VACUUM ANALYZE. All or nothing: whatever fails during the copy (a
/// timeout, a lost connection, a count that differs) rolls the rows back and leaves the empty
/// schema, which a new run accepts. Rows are copied as they are: no audit rows, no stamps. Not
/// copied: Hangfire's queue (its own SQLite file; recurring jobs are registered again at start-up,
/// and a database with reports still waiting for their job is refused) and the data-protection keys
/// (files of the SQLite install: users sign in again once).
/// </summary>
public sealed class SqliteToPostgresCopier(IDbContextFactory<AppDbContext> sqlite)
{
    /// <summary>Default seconds a single command may take (a COPY of a million rows, VACUUM ANALYZE), instead of Npgsql's 30.</summary>
    public const int DefaultCommandTimeoutSeconds = 3_600;

    /// <summary>A progress line every so many rows of a large table.</summary>
    internal const int ProgressEvery = 100_000;

    private static readonly MethodInfo CopyTableMethod = typeof(SqliteToPostgresCopier).GetMethod(nameof(CopyTable), BindingFlags.NonPublic | BindingFlags.Static)!;

    public async Task<IReadOnlyList<TableCount>> CopyAsync(string postgresConnectionString, Action<string> progress,
        int commandTimeoutSeconds = DefaultCommandTimeoutSeconds, CancellationToken ct = default)
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
        // The connection's timeout is also the binary COPY's (Npgsql), hence set in the connection string.
        var connectionString = new NpgsqlConnectionStringBuilder(postgresConnectionString) { CommandTimeout = commandTimeoutSeconds }.ConnectionString;
        await using var target = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>()
            .UseNpgsql(connectionString, o => o.CommandTimeout(commandTimeoutSeconds)).Options);
        var tables = Tables(target.Model);
        var copied = tables.Where(t => source.Model.FindEntityType(t.ClrType) is not null).ToList();

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
        var counts = new List<TableCount>();
        await using (var transaction = await target.Database.BeginTransactionAsync(ct))
        {
            var current = "";
            try
            {
                using (var inserter = new BulkInserter(target))
                {
                    foreach (var table in copied)
                    {
                        current = table.GetTableName()!;
                        var rows = (int)CopyTableMethod.MakeGenericMethod(table.ClrType).Invoke(null, [source, inserter, current, progress, ct])!;
                        progress($"{current} : {French.PlainNumber(rows)} lignes");
                    }
                }
                current = "";
                foreach (var table in copied)
                {
                    var name = table.GetTableName()!;
                    counts.Add(new TableCount(name, await CountAsync(source.Database.GetDbConnection(), name, ct), await CountAsync(target.Database.GetDbConnection(), name, ct)));
                }
                var differing = counts.Where(c => !c.Matches).Select(c => c.Table).ToList();
                if (differing.Count > 0)
                {
                    throw new InvalidOperationException($"les nombres de lignes diffèrent pour {string.Join(", ", differing)}");
                }
                await transaction.CommitAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                try
                {
                    await transaction.RollbackAsync(CancellationToken.None);
                }
                catch (Exception) when (target.Database.GetDbConnection().State != System.Data.ConnectionState.Open)
                {
                    // A broken connection (a timeout breaks it) has already ended the transaction on the server.
                }
                var cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
                var reason = cause is NpgsqlException { InnerException: TimeoutException }
                    ? $"une commande a dépassé {commandTimeoutSeconds} s (option --timeout)"
                    : cause.Message.TrimEnd('.', ' ');
                throw new InvalidOperationException($"La copie a échoué{(current.Length > 0 ? $" pendant la table {current}" : "")} : {reason}. "
                    + "Rien n'a été copié : la base cible ne garde que les tables vides, qu'une nouvelle copie accepte.", cause);
            }
        }
        progress($"Nombres de lignes vérifiés ({counts.Count} tables), copie validée.");
        await target.Database.ExecuteSqlRawAsync("VACUUM ANALYZE", ct);
        progress("Statistiques du planificateur à jour (VACUUM ANALYZE).");
        return counts.OrderBy(c => c.Table, StringComparer.Ordinal).ToList();
    }

    private static int CopyTable<T>(AppDbContext source, BulkInserter inserter, string table, Action<string> progress, CancellationToken ct) where T : class =>
        inserter.Insert(WithProgress(source.Set<T>().AsNoTracking().AsEnumerable(), table, progress), ct);

    /// <summary>The rows as they stream, with a line every <see cref="ProgressEvery"/> rows: a million activities take a while.</summary>
    private static IEnumerable<T> WithProgress<T>(IEnumerable<T> rows, string table, Action<string> progress)
    {
        var count = 0;
        foreach (var row in rows)
        {
            yield return row;
            if (++count % ProgressEvery == 0)
            {
                progress($"{table} : {French.PlainNumber(count)} lignes…");
            }
        }
    }

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
