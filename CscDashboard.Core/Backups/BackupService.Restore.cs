using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace CscDashboard.Core.Backups;

/// <summary>Restoring a backup: the archive is extracted beside the data and checked whole before anything is replaced.</summary>
public sealed partial class BackupService
{
    /// <summary>
    /// Restores a backup into the data directory (the <c>restore</c> verb, app stopped). A directory that
    /// already holds a database or files is refused unless <paramref name="force"/>: then its database,
    /// evidence and reports are replaced (logs, backups and keys stay). The archive is checked before
    /// anything is replaced: every entry name, every file hash and the database's integrity. A damaged,
    /// truncated or foreign file is refused with a French message and the directory is left as it was.
    /// </summary>
    public async Task<BackupManifest> RestoreAsync(string backupFile, bool force, CancellationToken ct = default)
    {
        EnsureAdmin();
        EnsureSqlite();
        if (!force && HoldsData())
        {
            throw new InvalidOperationException(
                $"Le dossier de données {storage.FullDataDirectory} n'est pas vide : arrêtez l'application et ajoutez --force pour le remplacer.");
        }
        var staged = await StageAsync(backupFile, ct);
        try
        {
            Swap(staged);
            return staged.Manifest;
        }
        finally
        {
            staged.Dispose();
        }
    }

    /// <summary>An archive extracted and checked in a folder beside the data, ready to be swapped in.</summary>
    private sealed record StagedRestore(string Folder, BackupManifest Manifest) : IDisposable
    {
        public void Dispose()
        {
            if (Directory.Exists(Folder))
            {
                Directory.Delete(Folder, recursive: true);
            }
        }
    }

    /// <summary>Extracts and checks the archive (names, hashes, integrity, row counts); nothing in the data directory changes.</summary>
    private async Task<StagedRestore> StageAsync(string backupFile, CancellationToken ct)
    {
        if (!File.Exists(backupFile))
        {
            throw new InvalidOperationException($"Sauvegarde introuvable : {backupFile}");
        }
        Directory.CreateDirectory(storage.FullDataDirectory);
        // Extracted beside the data, on the same disk, so that the final moves are renames.
        var staged = new StagedRestore(Path.Combine(storage.FullDataDirectory, $".restore-{Guid.NewGuid():N}"), null!);
        Directory.CreateDirectory(staged.Folder);
        try
        {
            var manifest = await ExtractAsync(backupFile, staged.Folder, ct);
            SortedDictionary<string, long> tables;
            try
            {
                tables = await CountRowsAsync(Path.Combine(staged.Folder, DatabaseEntry), ct, checkIntegrity: true);
            }
            catch (SqliteException e)
            {
                throw Damaged($"« {DatabaseEntry} » n'est pas une base SQLite lisible : {e.Message}");
            }
            if (!tables.OrderBy(t => t.Key).SequenceEqual(manifest.Tables.OrderBy(t => t.Key)))
            {
                throw new InvalidOperationException("La base de la sauvegarde ne correspond pas à son manifeste : sauvegarde altérée, rien n'a été restauré.");
            }
            return staged with { Manifest = manifest };
        }
        catch
        {
            staged.Dispose();
            throw;
        }
    }

    /// <summary>Replaces the database and the evidence and report folders by the staged ones. No connection may be open on the database.</summary>
    private void Swap(StagedRestore staged)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(storage.DatabasePath + suffix);
        }
        File.Move(Path.Combine(staged.Folder, DatabaseEntry), storage.DatabasePath);
        foreach (var folder in FileFolders)
        {
            var target = FolderPath(folder);
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }
            var restored = Path.Combine(staged.Folder, folder);
            if (Directory.Exists(restored))
            {
                Directory.Move(restored, target);
            }
            else
            {
                Directory.CreateDirectory(target);
            }
        }
    }

    private bool HoldsData() =>
        File.Exists(storage.DatabasePath)
        || FileFolders.Any(f => Directory.Exists(FolderPath(f))
                                && Directory.EnumerateFiles(FolderPath(f), "*", SearchOption.AllDirectories).Any());

    /// <summary>
    /// Extracts the archive into <paramref name="staging"/>, refusing any unexpected name and any file whose hash
    /// differs from the manifest. A file that is not a ZIP, or a truncated one, is refused as damaged.
    /// </summary>
    private static async Task<BackupManifest> ExtractAsync(string backupFile, string staging, CancellationToken ct)
    {
        try
        {
            return await ExtractEntriesAsync(backupFile, staging, ct);
        }
        catch (InvalidDataException e)
        {
            throw Damaged($"ce n'est pas une archive ZIP complète : {e.Message}");
        }
        catch (JsonException)
        {
            throw Damaged("manifeste illisible");
        }
        catch (EndOfStreamException)
        {
            throw Damaged("archive tronquée");
        }
    }

    private static async Task<BackupManifest> ExtractEntriesAsync(string backupFile, string staging, CancellationToken ct)
    {
        using var zip = ZipFile.OpenRead(backupFile);
        var manifestEntry = zip.GetEntry(ManifestEntry) ?? throw Damaged("le manifeste manque");
        BackupManifest manifest;
        await using (var stream = manifestEntry.Open())
        {
            manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, Json, ct) ?? throw Damaged("manifeste illisible");
        }
        if (manifest.Tables is null || manifest.Files is null)
        {
            throw Damaged("manifeste incomplet");
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
