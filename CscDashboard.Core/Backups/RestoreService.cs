using System.Text.Json;
using CscDashboard.Core.Auditing;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Backups;

/// <summary>A backup kept in the data directory's <c>backups/</c> folder.</summary>
public sealed record BackupFile(string Name, DateTimeOffset WrittenAt, long Bytes);

/// <summary>What a restore run by the app did: the archive's manifest and the backup of what it replaced.</summary>
public sealed record LiveRestoreResult(BackupManifest Manifest, string SafetyBackup);

/// <summary>
/// Restoring a backup, admin only and SQLite only. The archive is always extracted beside the data and checked whole
/// (<see cref="BackupArchive"/>) before anything is replaced. Two ways: the <c>restore</c> verb with the app stopped
/// (<see cref="RestoreAsync"/>), and while the app runs (the admin's "Sauvegardes" page, ADR 019): the archive is
/// checked while the app works on, then database work is paused (new work refused with a French message, work in
/// progress finishes), the current state is saved to <c>backups/avant-restauration-….zip</c>, the same swap replaces
/// the database and files, migrations run, the restore is audited in the restored database, and work resumes.
/// </summary>
public sealed class RestoreService(
    StorageOptions storage, DatabaseOptions database, TimeProvider clock, ICurrentUserAccessor users,
    BackupService backups, MaintenanceGate gate, IDbContextFactory<AppDbContext> factory, DatabaseInitializer initializer)
{
    /// <summary>How long the pause waits for database work in progress (a long export, a report) before giving up.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Restores a backup into the data directory (the <c>restore</c> verb, app stopped). A directory that
    /// already holds a database or files is refused unless <paramref name="force"/>: then its database,
    /// evidence and reports are replaced (logs, backups and keys stay). The archive is checked before
    /// anything is replaced: every entry name, every file hash and the database's integrity. A damaged,
    /// truncated or foreign file is refused with a French message and the directory is left as it was.
    /// </summary>
    public async Task<BackupManifest> RestoreAsync(string backupFile, bool force, CancellationToken ct = default)
    {
        BackupService.EnsureAdmin(users.Current);
        BackupService.EnsureSqlite(database);
        if (!force && HoldsData())
        {
            throw new InvalidOperationException(
                $"Le dossier de données {storage.FullDataDirectory} n'est pas vide : arrêtez l'application et ajoutez --force pour le remplacer.");
        }
        var staged = await BackupArchive.StageAsync(storage, backupFile, ct);
        try
        {
            BackupArchive.Swap(storage, staged);
            return staged.Manifest;
        }
        finally
        {
            staged.Dispose();
        }
    }

    /// <summary>Restores one of <see cref="BackupService.ListBackups"/> by its name (never a path).</summary>
    public Task<LiveRestoreResult> RestoreListedAsync(string name, CancellationToken ct = default)
    {
        BackupService.EnsureAdmin(users.Current);
        BackupService.EnsureSqlite(database);
        if (string.IsNullOrEmpty(name) || name != Path.GetFileName(name) || !name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
            || !File.Exists(Path.Combine(storage.BackupsDirectory, name)))
        {
            throw new NotFoundException($"La sauvegarde « {name} » n'existe pas dans {storage.BackupsDirectory}.");
        }
        return RestoreLiveAsync(Path.Combine(storage.BackupsDirectory, name), name, ct);
    }

    /// <summary>Restores an uploaded archive, copied first beside the data (and deleted afterwards).</summary>
    public async Task<LiveRestoreResult> RestoreUploadedAsync(Stream upload, string fileName, CancellationToken ct = default)
    {
        BackupService.EnsureAdmin(users.Current);
        BackupService.EnsureSqlite(database);
        Directory.CreateDirectory(storage.BackupsDirectory);
        var copy = Path.Combine(storage.BackupsDirectory, $".televersement-{Guid.NewGuid():N}.zip.partial");
        try
        {
            await using (var output = new FileStream(copy, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await upload.CopyToAsync(output, ct);
            }
            return await RestoreLiveAsync(copy, Path.GetFileName(fileName), ct);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    private async Task<LiveRestoreResult> RestoreLiveAsync(string archive, string label, CancellationToken ct)
    {
        var user = users.Current;
        // Checked while the app works on: a damaged archive never pauses anything.
        using var staged = await BackupArchive.StageAsync(storage, archive, ct);
        await gate.PauseAsync(DrainTimeout, ct);
        var swapped = false;
        try
        {
            using var bypass = gate.Bypass();
            // Every write confirmed until now is in this copy.
            var safety = Path.Combine(storage.BackupsDirectory, $"avant-restauration-{clock.GetUtcNow():yyyyMMdd-HHmmss}.zip");
            await backups.CreateAsync(safety, ct);
            swapped = true;
            BackupArchive.Swap(storage, staged);
            // From here on nothing is cancelled: the database must come back usable.
            await initializer.InitializeAsync(CancellationToken.None);
            // Written after the swap, so that it is in the database that stays.
            await using (var db = await factory.CreateDbContextAsync(CancellationToken.None))
            {
                db.AuditEntries.Add(new AuditEntry
                {
                    At = clock.GetUtcNow().UtcDateTime,
                    UserId = user.UserId,
                    UserName = user.DisplayName,
                    Entity = "Backup",
                    EntityKey = label.Length > 200 ? label[..200] : label,
                    Action = "Restore",
                    Changes = JsonSerializer.Serialize(new Dictionary<string, object?>
                    {
                        ["Archive"] = label,
                        ["CreatedAt"] = staged.Manifest.CreatedAt,
                        ["Rows"] = staged.Manifest.Tables.Values.Sum(),
                        ["Files"] = staged.Manifest.Files.Count,
                        ["SafetyBackup"] = Path.GetFileName(safety),
                    }),
                });
                await db.SaveChangesAsync(CancellationToken.None);
            }
            return new LiveRestoreResult(staged.Manifest, Path.GetFileName(safety));
        }
        finally
        {
            gate.Resume(restored: swapped);
        }
    }

    private bool HoldsData() =>
        File.Exists(storage.DatabasePath)
        || BackupArchive.FileFolders.Any(f => Directory.Exists(BackupArchive.FolderPath(storage, f))
                                && Directory.EnumerateFiles(BackupArchive.FolderPath(storage, f), "*", SearchOption.AllDirectories).Any());
}
