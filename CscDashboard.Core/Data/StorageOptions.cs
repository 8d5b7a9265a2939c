namespace CscDashboard.Core.Data;

/// <summary>
/// Where the app keeps its files (<c>Storage:DataDirectory</c>): csc.db, hangfire.db, evidence/,
/// reports/, backups/, logs/. A relative path is resolved against the folder of appsettings.json.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string DataDirectory { get; set; } = "data";

    /// <summary>Absolute data directory, set by the host once resolved.</summary>
    public string FullDataDirectory { get; set; } = "";

    public string DatabasePath => Path.Combine(FullDataDirectory, "csc.db");
    public string HangfireDatabasePath => Path.Combine(FullDataDirectory, "hangfire.db");
    public string EvidenceDirectory => Path.Combine(FullDataDirectory, "evidence");
    public string ReportsDirectory => Path.Combine(FullDataDirectory, "reports");
    public string BackupsDirectory => Path.Combine(FullDataDirectory, "backups");
    public string LogsDirectory => Path.Combine(FullDataDirectory, "logs");

    public string ConnectionString => SqliteConnectionStrings.ForFile(DatabasePath);

    public static StorageOptions Resolve(string? configured, string baseDirectory)
    {
        var relative = string.IsNullOrWhiteSpace(configured) ? "data" : configured;
        var full = Path.GetFullPath(Path.IsPathRooted(relative) ? relative : Path.Combine(baseDirectory, relative));
        return new StorageOptions { DataDirectory = relative, FullDataDirectory = full };
    }

    public void EnsureDirectories()
    {
        foreach (var dir in new[] { FullDataDirectory, EvidenceDirectory, ReportsDirectory, BackupsDirectory, LogsDirectory })
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
