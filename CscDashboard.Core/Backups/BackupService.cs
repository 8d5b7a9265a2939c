using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Backups;

/// <summary>What a backup holds: when it was made, the row count of every table and the SHA-256 of every file.</summary>
public sealed record BackupManifest(DateTimeOffset CreatedAt, IReadOnlyDictionary<string, long> Tables, IReadOnlyDictionary<string, string> Files);

/// <summary>
/// Backups of a data directory as one ZIP: <c>csc.db</c> copied online with SQLite's backup API
/// (a consistent snapshot while the app keeps writing), the <c>evidence/</c> and <c>reports/</c>
/// files, and <c>manifest.json</c> (row counts and file hashes, checked again on restore). Evidence
/// and report files never change once written and are written before the rows that point to them,
/// so every file the snapshot's rows name is in the archive. Hangfire's own database (job history)
/// is not kept: recurring jobs are registered again at start-up.
/// </summary>
public sealed partial class BackupService(
    StorageOptions storage, DatabaseOptions database, TimeProvider clock, ICurrentUserAccessor users,
    MaintenanceGate gate, IDbContextFactory<AppDbContext> factory, DatabaseInitializer initializer)
{
    public const string DatabaseEntry = "csc.db";
    public const string ManifestEntry = "manifest.json";
    private static readonly string[] FileFolders = ["evidence", "reports"];
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Writes a backup of the data directory to <paramref name="outputFile"/>.</summary>
    public async Task<BackupManifest> CreateAsync(string outputFile, CancellationToken ct = default)
    {
        EnsureAdmin();
        EnsureSqlite();
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
            var snapshot = Path.Combine(workDirectory, DatabaseEntry);
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
            var tables = await CountRowsAsync(snapshot, ct);

            var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
            BackupManifest manifest;
            await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
            {
                await AddFileAsync(zip, snapshot, DatabaseEntry, ct);
                foreach (var folder in FileFolders)
                {
                    var root = FolderPath(folder);
                    if (!Directory.Exists(root))
                    {
                        continue;
                    }
                    foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    {
                        var name = $"{folder}/{Path.GetRelativePath(root, file).Replace('\\', '/')}";
                        files[name] = await AddFileAsync(zip, file, name, ct);
                    }
                }
                manifest = new BackupManifest(clock.GetUtcNow(), tables, files);
                var entry = zip.CreateEntry(ManifestEntry, CompressionLevel.Optimal);
                await using var manifestStream = entry.Open();
                await JsonSerializer.SerializeAsync(manifestStream, manifest, Json, ct);
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
        EnsureAdmin();
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

    /// <summary>A backup holds every territory's data and files: the verbs and the nightly job (the system) and the admin only.</summary>
    private void EnsureAdmin()
    {
        if (!users.Current.IsAdmin)
        {
            throw new ScopeViolationException("Les sauvegardes sont réservées à l'administration de l'application.");
        }
    }

    /// <summary>Row counts of every table of a database file (and its integrity check when asked).</summary>
    public static async Task<SortedDictionary<string, long>> CountRowsAsync(string databaseFile, CancellationToken ct = default, bool checkIntegrity = false)
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
    private string FolderPath(string folder) => folder == "evidence" ? storage.EvidenceDirectory : storage.ReportsDirectory;

    /// <summary>
    /// The archive holds a SQLite file. On PostgreSQL the database is saved with its own tools
    /// (pg_dump) and the shared files with a plain copy: docs/deploy.md.
    /// </summary>
    private void EnsureSqlite()
    {
        if (database.IsPostgres)
        {
            throw new InvalidOperationException("backup et restore sauvegardent une base SQLite ; sur PostgreSQL, sauvegardez la base avec pg_dump "
                + "et le dossier partagé (evidence/, reports/) par une copie de fichiers : voir docs/deploy.md.");
        }
    }

    private static async Task<string> AddFileAsync(ZipArchive zip, string path, string name, CancellationToken ct)
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
}
