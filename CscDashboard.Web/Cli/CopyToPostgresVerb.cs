using System.Diagnostics;
using System.Globalization;
using CscDashboard.Core.Data;
using CscDashboard.Core.Data.Postgres;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Web.Cli;

/// <summary>
/// <c>copy-to-postgres --data-dir DIR --connection "Host=…;Database=…"</c>: moves the SQLite database
/// of a data directory into an empty PostgreSQL database (<see cref="SqliteToPostgresCopier"/>) and
/// prints the rows of each table on both sides; exits 1 when a count differs. The evidence and report
/// files stay where they are: copy evidence/, reports/ and dossiers/ to the shared directory.
/// </summary>
public static class CopyToPostgresVerb
{
    public static async Task<int> RunAsync(VerbArguments args, IServiceProvider services)
    {
        if (!args.Options.ContainsKey("data-dir") || !args.Options.TryGetValue("connection", out var connection) || string.IsNullOrWhiteSpace(connection))
        {
            throw new ArgumentException("Usage : copy-to-postgres --data-dir DOSSIER --connection \"Host=…;Database=…;Username=…;Password=…\"");
        }
        var storage = services.GetRequiredService<StorageOptions>();
        var watch = Stopwatch.StartNew();
        Console.WriteLine($"Copie de {storage.DatabasePath} vers PostgreSQL ({Describe(connection)})");
        var counts = await services.GetRequiredService<SqliteToPostgresCopier>().CopyAsync(connection,
            line => Console.WriteLine($"[{watch.Elapsed.TotalSeconds,6:0.0} s] {line}"));

        Console.WriteLine();
        Console.WriteLine("| table | SQLite | PostgreSQL |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var count in counts)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {count.Table} | {count.Sqlite} | {count.Postgres} |{(count.Matches ? "" : " ÉCART")}"));
        }
        Console.WriteLine();
        var differing = counts.Where(c => !c.Matches).ToList();
        if (differing.Count > 0)
        {
            await Console.Error.WriteLineAsync($"Erreur : les nombres de lignes diffèrent pour {string.Join(", ", differing.Select(c => c.Table))}.");
            return 1;
        }
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
