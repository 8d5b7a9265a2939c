using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace CscDashboard.Core.Backups;

/// <summary>Restoring a backup: the archive is extracted beside the data and checked whole before anything is replaced.</summary>
public sealed partial class BackupService
{
    /// <summary>
    /// Restores a backup into the data directory. A directory that already holds a database or files
    /// is refused unless <paramref name="force"/>: then its database, evidence and reports are replaced
    /// (logs, backups and keys stay). The archive is checked before anything is replaced: every entry
    /// name, every file hash and the database's integrity.
    /// </summary>
    public async Task<BackupManifest> RestoreAsync(string backupFile, bool force, CancellationToken ct = default)
    {
        EnsureAdmin();
        EnsureSqlite();
        if (!File.Exists(backupFile))
        {
            throw new InvalidOperationException($"Sauvegarde introuvable : {backupFile}");
        }
        if (!force && HoldsData())
        {
            throw new InvalidOperationException(
                $"Le dossier de données {storage.FullDataDirectory} n'est pas vide : arrêtez l'application et ajoutez --force pour le remplacer.");
        }
        Directory.CreateDirectory(storage.FullDataDirectory);
        // Extracted beside the data, on the same disk, so that the final moves are renames.
        var staging = Path.Combine(storage.FullDataDirectory, $".restore-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var manifest = await ExtractAsync(backupFile, staging, ct);
            var tables = await CountRowsAsync(Path.Combine(staging, DatabaseEntry), ct, checkIntegrity: true);
            if (!tables.OrderBy(t => t.Key).SequenceEqual(manifest.Tables.OrderBy(t => t.Key)))
            {
                throw new InvalidOperationException("La base de la sauvegarde ne correspond pas à son manifeste : sauvegarde altérée, rien n'a été restauré.");
            }

            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(storage.DatabasePath + suffix);
            }
            File.Move(Path.Combine(staging, DatabaseEntry), storage.DatabasePath);
            foreach (var folder in FileFolders)
            {
                var target = FolderPath(folder);
                if (Directory.Exists(target))
                {
                    Directory.Delete(target, recursive: true);
                }
                var restored = Path.Combine(staging, folder);
                if (Directory.Exists(restored))
                {
                    Directory.Move(restored, target);
                }
                else
                {
                    Directory.CreateDirectory(target);
                }
            }
            return manifest;
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private bool HoldsData() =>
        File.Exists(storage.DatabasePath)
        || FileFolders.Any(f => Directory.Exists(FolderPath(f))
                                && Directory.EnumerateFiles(FolderPath(f), "*", SearchOption.AllDirectories).Any());

    /// <summary>Extracts the archive into <paramref name="staging"/>, refusing any unexpected name and any file whose hash differs from the manifest.</summary>
    private static async Task<BackupManifest> ExtractAsync(string backupFile, string staging, CancellationToken ct)
    {
        using var zip = ZipFile.OpenRead(backupFile);
        var manifestEntry = zip.GetEntry(ManifestEntry) ?? throw Damaged("le manifeste manque");
        BackupManifest manifest;
        await using (var stream = manifestEntry.Open())
        {
            manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, Json, ct) ?? throw Damaged("manifeste illisible");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            if (entry.FullName == ManifestEntry || entry.FullName.EndsWith('/'))
            {
                continue;
            }
            var isDatabase = entry.FullName == DatabaseEntry;
            if (!isDatabase && !manifest.Files.ContainsKey(entry.FullName))
            {
                throw Damaged($"fichier inattendu « {entry.FullName} »");
            }
            var target = Path.GetFullPath(Path.Combine(staging, entry.FullName));
            if (!target.StartsWith(staging + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || (!isDatabase && !FileFolders.Any(f => entry.FullName.StartsWith(f + "/", StringComparison.Ordinal))))
            {
                throw Damaged($"chemin refusé « {entry.FullName} »");
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using (var source = entry.Open())
            await using (var output = File.Create(target))
            {
                await source.CopyToAsync(output, ct);
            }
            if (!isDatabase)
            {
                await using var written = File.OpenRead(target);
                var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(written, ct));
                if (hash != manifest.Files[entry.FullName])
                {
                    throw Damaged($"empreinte différente pour « {entry.FullName} »");
                }
            }
            seen.Add(entry.FullName);
        }
        var missing = manifest.Files.Keys.Append(DatabaseEntry).FirstOrDefault(name => !seen.Contains(name));
        if (missing is not null)
        {
            throw Damaged($"« {missing} » manque");
        }
        return manifest;
    }

    private static InvalidOperationException Damaged(string why) =>
        new($"Sauvegarde inutilisable ({why}) : rien n'a été restauré.");
}
