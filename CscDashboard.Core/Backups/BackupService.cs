using System.IO.Compression;
using System.Text.Json;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.Data.Sqlite;

namespace CscDashboard.Core.Backups;

/// <summary>
/// Backups of a data directory as one ZIP: <c>csc.db</c> copied online with SQLite's backup API
/// (a consistent snapshot while the app keeps writing), the <c>evidence/</c> and <c>reports/</c>
/// files, and <c>manifest.json</c> (row counts and file hashes, checked again on restore). Evidence
/// and report files never change once written and are written before the rows that point to them,
/// so every file the snapshot's rows name is in the archive. Hangfire's own database (job history)
/// is not kept: recurring jobs are registered again at start-up. Restoring: <see cref="RestoreService"/>.
/// </summary>
public sealed class BackupService(StorageOptions storage, DatabaseOptions database, TimeProvider clock, ICurrentUserAccessor users)
{
    /// <summary>Writes a backup of the data directory to <paramref name="outputFile"/>.</summary>
    public async Task<BackupManifest> CreateAsync(string outputFile, CancellationToken ct = default)
    {
        EnsureAdmin(users.Current);
        EnsureSqlite(database);
        if (!File.Exists(storage.DatabasePath))
        {
            throw new InvalidOperationException($"Aucune base de données à sauvegarder dans {storage.FullDataDirectory}.");
        }
        var output = Path.GetFullPath(outputFile);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var workDirectory = Directory.CreateTempSubdirectory("csc-backup-").FullName;
        var partial = output + ".partial";
        try
        {
            var snapshot = Path.Combine(workDirectory, BackupArchive.DatabaseEntry);
            await using (var source = new SqliteConnection(storage.ConnectionString))
            await using (var target = new SqliteConnection($"Data Source={snapshot};Pooling=False"))
            {
                await source.OpenAsync(ct);
                await target.OpenAsync(ct);
                source.BackupDatabase(target);
                // A self-contained file: no -wal beside it in the archive.
                await using var command = target.CreateCommand();
                command.CommandText = "PRAGMA journal_mode=DELETE;";
                await command.ExecuteNonQueryAsync(ct);
            }
            var tables = await BackupArchive.CountRowsAsync(snapshot, ct: ct);

            var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
            BackupManifest manifest;
            await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
            {
                await BackupArchive.AddFileAsync(zip, snapshot, BackupArchive.DatabaseEntry, ct);
                foreach (var folder in BackupArchive.FileFolders)
                {
                    var root = BackupArchive.FolderPath(storage, folder);
                    if (!Directory.Exists(root))
                    {
                        continue;
                    }
                    foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    {
                        var name = $"{folder}/{Path.GetRelativePath(root, file).Replace('\\', '/')}";
                        files[name] = await BackupArchive.AddFileAsync(zip, file, name, ct);
                    }
                }
                manifest = new BackupManifest(clock.GetUtcNow(), tables, files);
                var entry = zip.CreateEntry(BackupArchive.ManifestEntry, CompressionLevel.Optimal);
                await using var manifestStream = entry.Open();
                await JsonSerializer.SerializeAsync(manifestStream, manifest, BackupArchive.Json, ct);
            }
            // Only a complete archive takes the final name.
            File.Move(partial, output, overwrite: true);
            return manifest;
        }
        finally
        {
            File.Delete(partial);
            Directory.Delete(workDirectory, recursive: true);
        }
    }

    /// <summary>
    /// The nightly backup into <c>backups/</c>, keeping the newest <paramref name="keep"/>. Run twice,
    /// it makes two backups and still keeps <paramref name="keep"/>.
    /// </summary>
    public async Task<string> CreateScheduledAsync(int keep, CancellationToken ct = default)
    {
        EnsureAdmin(users.Current);
        Directory.CreateDirectory(storage.BackupsDirectory);
        var name = $"csc-{clock.GetUtcNow():yyyyMMdd-HHmmss}.zip";
        var path = Path.Combine(storage.BackupsDirectory, name);
        await CreateAsync(path, ct);
        foreach (var old in Directory.EnumerateFiles(storage.BackupsDirectory, "csc-*.zip")
                     .OrderByDescending(f => Path.GetFileName(f), StringComparer.Ordinal).Skip(Math.Max(1, keep)))
        {
            File.Delete(old);
        }
        return path;
    }

    /// <summary>The backups in <c>backups/</c>, newest first.</summary>
    public IReadOnlyList<BackupFile> ListBackups()
    {
        EnsureAdmin(users.Current);
        EnsureSqlite(database);
        if (!Directory.Exists(storage.BackupsDirectory))
        {
            return [];
        }
        return new DirectoryInfo(storage.BackupsDirectory).EnumerateFiles("*.zip")
            .Select(f => new BackupFile(f.Name, new DateTimeOffset(f.LastWriteTimeUtc, TimeSpan.Zero), f.Length))
            .OrderByDescending(f => f.WrittenAt).ThenByDescending(f => f.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A backup holds every territory's data and files: the verbs and the nightly job (the system) and the admin only.</summary>
    internal static void EnsureAdmin(CurrentUser user)
    {
        if (!user.IsAdmin)
        {
            throw new ScopeViolationException("Les sauvegardes sont réservées à l'administration de l'application.");
        }
    }

    /// <summary>
    /// The archive holds a SQLite file. On PostgreSQL the database is saved with its own tools
    /// (pg_dump) and the shared files with a plain copy: docs/deploy.md.
    /// </summary>
    internal static void EnsureSqlite(DatabaseOptions database)
    {
        if (database.IsPostgres)
        {
            throw new InvalidOperationException("backup et restore sauvegardent une base SQLite ; sur PostgreSQL, sauvegardez la base avec pg_dump "
                + "et le dossier partagé (evidence/, reports/) par une copie de fichiers : voir docs/deploy.md.");
        }
    }
}
