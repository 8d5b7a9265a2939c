using System.IO.Compression;
using CscDashboard.Core.Backups;
using CscDashboard.Core.Network;
using CscDashboard.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Web;

/// <summary>
/// The restore run by the app (the admin's "Sauvegardes" page, issue 14 point 3): work in progress finishes, new
/// work during the pause is refused with the French message, the restored database holds exactly the archive's rows
/// plus the audit of the restore, what it replaced is in the safety backup, and work after it lands in the restored database.
/// </summary>
[Trait("Category", TestDatabase.SqliteOnly)]
public sealed class LiveRestoreTests
{
    private static async Task AddCentreAsync(CoreTestContext ctx, string name)
    {
        await using var db = ctx.CreateDb();
        db.Centres.Add(await CentreAsync(db, name));
        await db.SaveChangesAsync();
    }

    private static async Task<SocialCentre> CentreAsync(CscDashboard.Core.Data.AppDbContext db, string name) => new()
    {
        Name = name, Commune = "Arras", Postcode = "62000", TerritoryId = await db.Territories.Select(t => t.Id).FirstAsync(),
    };

    private static async Task<List<string>> CentreNamesAsync(CoreTestContext ctx)
    {
        await using var db = ctx.CreateDb();
        return await db.Centres.OrderBy(c => c.Name).Select(c => c.Name).ToListAsync();
    }

    [Fact]
    public async Task Writes_pause_during_the_restore_and_the_database_is_the_archive_plus_its_audit()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var backups = ctx.Get<BackupService>();
        var gate = ctx.Get<MaintenanceGate>();
        await AddCentreAsync(ctx, "1 dans l'archive");
        await backups.CreateAsync(Path.Combine(ctx.DataDirectory, "backups", "csc-essai.zip"));
        await AddCentreAsync(ctx, "2 après l'archive");
        Assert.Equal(0, gate.OpenConnections);

        // A write in progress when the restore starts: it must finish before the swap, not be cut or lost unseen.
        var held = ctx.CreateDb();
        var transaction = await held.Database.BeginTransactionAsync();
        held.Centres.Add(await CentreAsync(held, "3 en cours"));
        await held.SaveChangesAsync();
        Assert.Equal(1, gate.OpenConnections);

        var paused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.StateChanged += state =>
        {
            if (state == MaintenanceState.Paused)
            {
                paused.TrySetResult();
            }
        };
        var restore = ctx.Get<RestoreService>().RestoreListedAsync("csc-essai.zip");
        await paused.Task.WaitAsync(TimeSpan.FromMinutes(1));

        var refused = await Assert.ThrowsAsync<MaintenanceException>(() => AddCentreAsync(ctx, "4 pendant la pause"));
        Assert.Equal(MaintenanceException.Text, refused.Message);
        Assert.False(restore.IsCompleted, "the restore waits for the write in progress");
        await transaction.CommitAsync();
        await transaction.DisposeAsync();
        await held.DisposeAsync();
        Assert.Equal(0, gate.OpenConnections);
        var result = await restore.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.False(gate.IsPaused);
        Assert.Equal(["1 dans l'archive"], await CentreNamesAsync(ctx));
        await using (var db = ctx.CreateDb())
        {
            var audit = await db.AuditEntries.SingleAsync(a => a.Entity == "Backup");
            Assert.Equal(("Restore", "csc-essai.zip"), (audit.Action, audit.EntityKey));
            Assert.Contains(result.SafetyBackup, audit.Changes);
        }
        Assert.Equal(["1 dans l'archive", "2 après l'archive", "3 en cours"], await SafetyCentresAsync(ctx, result.SafetyBackup));
        Assert.Contains(backups.ListBackups(), b => b.Name == result.SafetyBackup);

        await AddCentreAsync(ctx, "5 après la restauration");
        Assert.Equal(["1 dans l'archive", "5 après la restauration"], await CentreNamesAsync(ctx));
    }

    [Fact]
    public async Task A_damaged_upload_is_refused_before_any_pause_and_nothing_changes()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        await AddCentreAsync(ctx, "Centre");
        var states = new List<MaintenanceState>();
        ctx.Get<MaintenanceGate>().StateChanged += states.Add;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ctx.Get<RestoreService>().RestoreUploadedAsync(new MemoryStream("pas une archive"u8.ToArray()), "archive.zip"));

        Assert.StartsWith("Sauvegarde inutilisable", error.Message);
        Assert.Empty(states);
        Assert.Equal(["Centre"], await CentreNamesAsync(ctx));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(ctx.DataDirectory, "*", SearchOption.AllDirectories),
            p => p.Contains(".restore-", StringComparison.Ordinal) || p.Contains(".televersement-", StringComparison.Ordinal));
    }

    private static async Task<List<string>> SafetyCentresAsync(CoreTestContext ctx, string name)
    {
        var folder = Directory.CreateTempSubdirectory("csc-safety-").FullName;
        try
        {
            await ZipFile.ExtractToDirectoryAsync(Path.Combine(ctx.DataDirectory, "backups", name), folder);
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "csc.db")};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT Name FROM SocialCentres ORDER BY Name";
            var names = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
            return names;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
