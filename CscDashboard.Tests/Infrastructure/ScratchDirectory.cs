using Microsoft.Data.Sqlite;

namespace CscDashboard.Tests.Infrastructure;

/// <summary>A folder of its own under the temp directory for a test class; deleted on dispose, once SQLite has let go of its files.</summary>
public sealed class ScratchDirectory(string prefix) : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix, Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
