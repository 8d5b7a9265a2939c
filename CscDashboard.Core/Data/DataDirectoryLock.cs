namespace CscDashboard.Core.Data;

/// <summary>
/// The running app's hold on its SQLite data directory: <c>csc.lock</c> opened with
/// <see cref="FileShare.None"/>, which .NET turns into an exclusive OS lock (<c>flock</c> on Linux, a
/// sharing mode on Windows). The OS drops the lock when the process ends, however it ends (SIGKILL
/// included), so a file left behind by a killed app never blocks anything: only a live holder does.
/// The file is never deleted (deleting a lock file races with the next holder); it is empty.
/// Held by the web app for its lifetime, and by the verbs that replace the database file
/// (<c>restore</c>, <c>copy-to-postgres</c>, <c>seed --scale national</c>) for theirs (ADR 019).
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = "csc.lock";

    private readonly FileStream _file;

    private DataDirectoryLock(FileStream file) => _file = file;

    /// <summary>Takes the lock, or returns null when another process (or another holder in this one) has it.</summary>
    public static DataDirectoryLock? TryAcquire(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        try
        {
            return new DataDirectoryLock(new FileStream(Path.Combine(dataDirectory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Takes the lock or throws <see cref="InvalidOperationException"/> with a French message saying who holds it and what to do.</summary>
    public static DataDirectoryLock Acquire(string dataDirectory, string whatWaits) =>
        TryAcquire(dataDirectory) ?? throw new InvalidOperationException(HeldMessage(dataDirectory, whatWaits));

    public static string HeldMessage(string dataDirectory, string whatWaits) =>
        $"Une instance de l'application utilise le dossier de données {dataDirectory} (verrou {FileName}) : {whatWaits}";

    public void Dispose() => _file.Dispose();
}
