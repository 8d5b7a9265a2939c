using System.Globalization;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Web.Cli;

/// <summary>What the bench prints about the database and the machine before its timings.</summary>
public static partial class BenchVerb
{
    private static async Task PrintCountsAsync(IDbContextFactory<AppDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        Console.WriteLine("| table | rows |");
        Console.WriteLine("|---|---:|");
        foreach (var table in new[]
                 {
                     "Sectors", "Territories", "SocialCentres", "Members", "Partners", "AspNetUsers", "Operations", "Activities",
                     "ActivityCentres", "ActivityPartners", "ActivityWorkstreams",
                     "ActivityMonthStats", "CentreMonthStats", "PartnerMonthStats", "WorkstreamMonthStats",
                     "ActivityAudiences", "AudienceMonthStats", "Indicators", "IndicatorTargets", "IndicatorDeclarations",
                 })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            var count = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {table} | {count} |"));
        }
    }

    /// <summary>The SQLite file and its size, or the PostgreSQL server, database and size.</summary>
    private static async Task<string> DescribeAsync(IDbContextFactory<AppDbContext> factory, StorageOptions storage)
    {
        await using var db = await factory.CreateDbContextAsync();
        if (!db.Database.IsNpgsql())
        {
            return $"{storage.DatabasePath} ({new FileInfo(storage.DatabasePath).Length / (1024 * 1024)} Mo)";
        }
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT current_database(), pg_database_size(current_database()), current_setting('server_version')";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return $"PostgreSQL {reader.GetString(2)} {connection.DataSource}, base {reader.GetString(0)} ({reader.GetInt64(1) / (1024 * 1024)} Mo)";
    }

    /// <summary>Other work on the machine moves the timings: the 1-minute load average is printed with them (Linux).</summary>
    private static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? $", charge moyenne sur 1 min : {File.ReadAllText(path).Split(' ')[0]}" : "";
    }
}
