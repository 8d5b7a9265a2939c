namespace CscDashboard.Core.Data;

/// <summary>
/// Where the app keeps its files (<c>Storage:DataDirectory</c>): csc.db, hangfire.db, evidence/,
/// reports/, dossiers/, backups/, logs/, mail/. The files every instance must see (evidence/, reports/,
/// dossiers/) may live elsewhere, on a shared mount (<c>Storage:SharedDirectory</c>, default: the
/// data directory). A relative path is resolved against the folder of appsettings.json.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string DataDirectory { get; set; } = "data";

    /// <summary>Absolute data directory, set by the host once resolved.</summary>
    public string FullDataDirectory { get; set; } = "";

    /// <summary>Absolute folder of the shared files (evidence, reports, dossiers); the data directory unless configured.</summary>
    public string FullSharedDirectory { get; set; } = "";

    public string DatabasePath => Path.Combine(FullDataDirectory, "csc.db");
    public string HangfireDatabasePath => Path.Combine(FullDataDirectory, "hangfire.db");
    public string EvidenceDirectory => Path.Combine(SharedRoot, "evidence");
    public string ReportsDirectory => Path.Combine(SharedRoot, "reports");
    public string DossiersDirectory => Path.Combine(SharedRoot, "dossiers");
    public string BackupsDirectory => Path.Combine(FullDataDirectory, "backups");
    public string LogsDirectory => Path.Combine(FullDataDirectory, "logs");
    /// <summary>Outgoing mail as .eml files when no SMTP host is configured (ADR 028).</summary>
    public string MailDirectory => Path.Combine(FullDataDirectory, "mail");

    private string SharedRoot => string.IsNullOrEmpty(FullSharedDirectory) ? FullDataDirectory : FullSharedDirectory;

    public string ConnectionString => SqliteConnectionStrings.ForFile(DatabasePath);

    public static StorageOptions Resolve(string? configured, string baseDirectory, string? sharedDirectory = null)
    {
        var relative = string.IsNullOrWhiteSpace(configured) ? "data" : configured;
        var full = FullPath(relative, baseDirectory);
        var shared = string.IsNullOrWhiteSpace(sharedDirectory) ? full : FullPath(sharedDirectory, baseDirectory);
        return new StorageOptions { DataDirectory = relative, FullDataDirectory = full, FullSharedDirectory = shared };
    }

    private static string FullPath(string path, string baseDirectory) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(baseDirectory, path));

    public void EnsureDirectories()
    {
        foreach (var dir in new[] { FullDataDirectory, EvidenceDirectory, ReportsDirectory, BackupsDirectory, LogsDirectory, MailDirectory })
        {
            Directory.CreateDirectory(dir);
        }
    }
}

public static class SqliteConnectionStrings
{
    /// <summary>
    /// Shared cache off, pooling on; Default Timeout is also how long Microsoft.Data.Sqlite retries
    /// a busy database before giving up, so concurrent writers wait instead of failing.
    /// </summary>
    public static string ForFile(string path) => $"Data Source={path};Cache=Private;Pooling=True;Default Timeout=30";
}
