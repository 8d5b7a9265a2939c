using System.Diagnostics;
using System.Globalization;
using CscDashboard.Core.Data;
using CscDashboard.Core.Data.Postgres;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Web.Cli;

/// <summary>
/// <c>copy-to-postgres --data-dir DIR --connection "Host=…;Database=…" [--timeout SECONDS]</c>: moves the
/// SQLite database of a data directory into an empty PostgreSQL database (<see cref="SqliteToPostgresCopier"/>,
/// all or nothing), printing its progress, then the rows of each table on both sides, which the copier
/// checked before committing. The evidence and report files stay where they are: copy evidence/,
/// reports/ and dossiers/ to the shared directory.
/// </summary>
public static class CopyToPostgresVerb
{
    public static async Task<int> RunAsync(VerbArguments args, IServiceProvider services)
    {
        if (!args.Options.ContainsKey("data-dir") || !args.Options.TryGetValue("connection", out var connection) || string.IsNullOrWhiteSpace(connection))
        {
            throw new ArgumentException("Usage : copy-to-postgres --data-dir DOSSIER --connection \"Host=…;Database=…;Username=…;Password=…\" [--timeout SECONDES]");
        }
        var timeout = SqliteToPostgresCopier.DefaultCommandTimeoutSeconds;
        if (args.Options.TryGetValue("timeout", out var timeoutText)
            && (!int.TryParse(timeoutText, NumberStyles.None, CultureInfo.InvariantCulture, out timeout) || timeout < 1))
        {
            throw new ArgumentException($"--timeout attend un nombre entier de secondes (1 ou plus), pas « {timeoutText} ». Rien n'a été copié.");
        }
        var storage = services.GetRequiredService<StorageOptions>();
        var watch = Stopwatch.StartNew();
        Console.WriteLine($"Copie de {storage.DatabasePath} vers PostgreSQL ({Describe(connection)})");
        var counts = await services.GetRequiredService<SqliteToPostgresCopier>().CopyAsync(connection,
            line => Console.WriteLine($"[{watch.Elapsed.TotalSeconds,6:0.0} s] {line}"), timeout);

        Console.WriteLine();
        Console.WriteLine("| table | SQLite | PostgreSQL |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var count in counts)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {count.Table} | {count.Sqlite} | {count.Postgres} |"));
        }
        Console.WriteLine();
        Console.WriteLine($"Copie terminée en {watch.Elapsed.TotalSeconds:0.0} s : {counts.Count} tables, {counts.Sum(c => c.Postgres)} lignes, mêmes nombres des deux côtés.");
        Console.WriteLine("Copiez aussi evidence/, reports/ et dossiers/ dans le dossier partagé (Storage:SharedDirectory), puis réglez "
            + "Database:Provider = Postgres et ConnectionStrings:Postgres.");
        return 0;
    }

    /// <summary>Host and database only: the password never reaches the console.</summary>
    private static string Describe(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}, base {builder.Database}";
    }
}
