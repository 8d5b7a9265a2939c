using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using CscDashboard.Core.Data;
using Microsoft.Data.Sqlite;

namespace CscDashboard.Core.Backups;

/// <summary>What a backup holds: when it was made, the row count of every table and the SHA-256 of every file.</summary>
public sealed record BackupManifest(DateTimeOffset CreatedAt, IReadOnlyDictionary<string, long> Tables, IReadOnlyDictionary<string, string> Files);

/// <summary>
/// The backup archive: a ZIP with <c>csc.db</c>, the <c>evidence/</c> and <c>reports/</c> files and <c>manifest.json</c>
/// (row counts and file hashes). Written by <see cref="BackupService"/>; extracted, checked whole and swapped in by
/// <see cref="RestoreService"/>. No caller checks here: the services check the caller before using it.
/// </summary>
public static class BackupArchive
{
    public const string DatabaseEntry = "csc.db";
    public const string ManifestEntry = "manifest.json";
    internal static readonly string[] FileFolders = ["evidence", "reports"];
    internal static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Row counts of every table of a database file (and its integrity check when asked).</summary>
    public static async Task<SortedDictionary<string, long>> CountRowsAsync(string databaseFile, bool checkIntegrity = false, CancellationToken ct = default)
    {
        await using var connection = new SqliteConnection($"Data Source={databaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(ct);
        if (checkIntegrity)
        {
            await using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            var result = (string?)await check.ExecuteScalarAsync(ct);
            if (result != "ok")
            {
                throw new InvalidOperationException($"La base de la sauvegarde est endommagée ({result}) : rien n'a été restauré.");
            }
        }
        var names = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                names.Add(reader.GetString(0));
            }
        }
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            counts[name] = Convert.ToInt64(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }
        return counts;
    }

    /// <summary>evidence/ and reports/ live in the shared directory (the data directory unless Storage:SharedDirectory says otherwise).</summary>
    internal static string FolderPath(StorageOptions storage, string folder) => folder == "evidence" ? storage.EvidenceDirectory : storage.ReportsDirectory;

    internal static async Task<string> AddFileAsync(ZipArchive zip, string path, string name, CancellationToken ct)
    {
        // Evidence is mostly PDF and JPEG, already compressed.
        var entry = zip.CreateEntry(name, name == DatabaseEntry ? CompressionLevel.Optimal : CompressionLevel.Fastest);
        await using var source = File.OpenRead(path);
        await using var target = entry.Open();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await target.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>An archive extracted and checked in a folder beside the data, ready to be swapped in.</summary>
    internal sealed record StagedRestore(string Folder, BackupManifest Manifest) : IDisposable
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
    internal static async Task<StagedRestore> StageAsync(StorageOptions storage, string backupFile, CancellationToken ct)
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
                tables = await CountRowsAsync(Path.Combine(staged.Folder, DatabaseEntry), checkIntegrity: true, ct);
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
    internal static void Swap(StorageOptions storage, StagedRestore staged)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(storage.DatabasePath + suffix);
        }
        File.Move(Path.Combine(staged.Folder, DatabaseEntry), storage.DatabasePath);
        foreach (var folder in FileFolders)
        {
            var target = FolderPath(storage, folder);
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
