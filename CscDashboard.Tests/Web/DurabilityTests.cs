using System.Diagnostics;
using System.Globalization;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Cli;
using Microsoft.Data.Sqlite;

namespace CscDashboard.Tests.Web;

/// <summary>
/// The <c>stress</c> verb as a separate process: 20 concurrent writers, killed with SIGKILL mid-run.
/// Every activity it acknowledged must be in the reopened database, and the file must be intact.
/// </summary>
[Trait("Category", TestDatabase.SqliteOnly)]
public sealed class DurabilityTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new("csc-durability-tests");

    private string DataDir => _scratch.Path;

    [Fact]
    public async Task Every_acknowledged_write_survives_a_kill_and_the_database_stays_intact()
    {
        Assert.Equal(0, await CommandLine.RunAsync(["seed", "--data-dir", DataDir]));
        var acknowledged = new List<long>();
        var errors = new List<string>();
        using var process = Start("stress", "--data-dir", DataDir, "--writers", "20", "--seconds", "30");
        var enough = new TaskCompletionSource();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.StartsWith("ack ", StringComparison.Ordinal) == true)
            {
                lock (acknowledged)
                {
                    acknowledged.Add(long.Parse(line.Data[4..], System.Globalization.CultureInfo.InvariantCulture));
                    if (acknowledged.Count >= 100)
                    {
                        enough.TrySetResult();
                    }
                }
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (!string.IsNullOrEmpty(line.Data))
            {
                lock (errors)
                {
                    errors.Add(line.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var finished = await Task.WhenAny(enough.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(finished == enough.Task, $"100 acknowledged writes expected before the kill; errors: {string.Join(" | ", errors)}");
        process.Kill(entireProcessTree: true); // SIGKILL: no flush, no clean shutdown
        await process.WaitForExitAsync();
        long[] acked;
        lock (acknowledged)
        {
            acked = [.. acknowledged];
        }

        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(DataDir, "csc.db")};Pooling=False");
        await connection.OpenAsync();
        Assert.Equal("ok", await ScalarAsync(connection, "PRAGMA integrity_check;"));
        var stored = new HashSet<long>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT Id FROM Activities";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                stored.Add(reader.GetInt64(0));
            }
        }
        var lost = acked.Where(id => !stored.Contains(id)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged activities lost, e.g. {string.Join(", ", lost.Take(5))}");
        var failures = errors.Where(e => e.Contains("locked", StringComparison.OrdinalIgnoreCase) || e.StartsWith("erreur", StringComparison.Ordinal)).ToList();
        Assert.True(failures.Count == 0, string.Join(" | ", failures));
        // Each write is audited in its own transaction: no acknowledged activity without its audit row.
        var audited = Convert.ToInt64(await ScalarAsync(connection, "SELECT COUNT(DISTINCT EntityKey) FROM AuditEntries WHERE Entity = 'Activity'"), CultureInfo.InvariantCulture);
        Assert.True(audited >= acked.Length, $"{audited} audited activities for {acked.Length} acknowledged");
    }

    [Fact]
    public async Task Twenty_writers_finish_without_a_single_error()
    {
        Assert.Equal(0, await CommandLine.RunAsync(["seed", "--data-dir", DataDir]));
        using var process = Start("stress", "--data-dir", DataDir, "--writers", "20", "--seconds", "3");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, await errors);
        Assert.Contains("0 erreur.", await output);
    }

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CscDashboard.Web.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return Process.Start(info) ?? throw new InvalidOperationException("dotnet n'a pas démarré");
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public void Dispose() => _scratch.Dispose();
}
