using System.Text.Json;
using CscDashboard.Core.Auditing;
using CscDashboard.Core.Common;

namespace CscDashboard.Core.Backups;

/// <summary>A backup kept in the data directory's <c>backups/</c> folder.</summary>
public sealed record BackupFile(string Name, DateTimeOffset WrittenAt, long Bytes);

/// <summary>What a restore run by the app did: the archive's manifest and the backup of what it replaced.</summary>
public sealed record LiveRestoreResult(BackupManifest Manifest, string SafetyBackup);

/// <summary>
/// Restoring while the app runs (the admin's "Sauvegardes" page, ADR 019): the archive is checked while
/// the app works on, then database work is paused (new work refused with a French message, work in
/// progress finishes), the current state is saved to <c>backups/avant-restauration-….zip</c>, the same
/// swap as the <c>restore</c> verb replaces the database and files, migrations run, the restore is
/// audited in the restored database, and work resumes.
/// </summary>
public sealed partial class BackupService
{
    /// <summary>How long the pause waits for database work in progress (a long export, a report) before giving up.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The backups in <c>backups/</c>, newest first.</summary>
    public IReadOnlyList<BackupFile> ListBackups()
    {
        EnsureAdmin();
        EnsureSqlite();
        if (!Directory.Exists(storage.BackupsDirectory))
        {
            return [];
        }
        return new DirectoryInfo(storage.BackupsDirectory).EnumerateFiles("*.zip")
            .Select(f => new BackupFile(f.Name, new DateTimeOffset(f.LastWriteTimeUtc, TimeSpan.Zero), f.Length))
            .OrderByDescending(f => f.WrittenAt).ThenByDescending(f => f.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Restores one of <see cref="ListBackups"/> by its name (never a path).</summary>
    public Task<LiveRestoreResult> RestoreListedAsync(string name, CancellationToken ct = default)
    {
        EnsureAdmin();
        EnsureSqlite();
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
        EnsureAdmin();
        EnsureSqlite();
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
        using var staged = await StageAsync(archive, ct);
        await gate.PauseAsync(DrainTimeout, ct);
        var swapped = false;
        try
        {
            using var bypass = gate.Bypass();
            // Every write confirmed until now is in this copy.
            var safety = Path.Combine(storage.BackupsDirectory, $"avant-restauration-{clock.GetUtcNow():yyyyMMdd-HHmmss}.zip");
            await CreateAsync(safety, ct);
            swapped = true;
            Swap(staged);
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
}
