using System.Security.Cryptography;
using CscDashboard.Core.Data;

namespace CscDashboard.Core.Evidence;

/// <summary>
/// The evidence files under <c>evidence/</c> in the data directory, named by their SHA-256:
/// <c>evidence/ab/cdef…</c> (first two hex digits as folder). The same bytes are stored once;
/// a path is only ever built from a hash, never from a name or a URL.
/// </summary>
public sealed class EvidenceStore(StorageOptions storage)
{
    private string IncomingDirectory => Path.Combine(storage.EvidenceDirectory, ".incoming");

    /// <summary>Full path of the file with this hash; refuses anything that is not 64 lowercase hex digits.</summary>
    public string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("Not a SHA-256 in lowercase hex.", nameof(sha256));
        }
        return Path.Combine(storage.EvidenceDirectory, sha256[..2], sha256[2..]);
    }

    /// <summary>
    /// Copies the upload to a temporary file while hashing it, stopping as soon as it passes
    /// <paramref name="maxBytes"/>. The temporary file is deleted when the result is disposed, unless committed.
    /// </summary>
    public async Task<StagedFile> StageAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        Directory.CreateDirectory(IncomingDirectory);
        var path = Path.Combine(IncomingDirectory, Guid.NewGuid().ToString("N"));
        var staged = new StagedFile(path);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            long size = 0;
            await using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, useAsync: true))
            {
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        staged.TooLarge = true;
                        break;
                    }
                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }
            staged.Size = size;
            staged.Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            return staged;
        }
        catch
        {
            await staged.DisposeAsync();
            throw;
        }
    }

    /// <summary>Moves the staged file to its place; returns false when the same bytes were already stored.</summary>
    public bool Commit(StagedFile staged)
    {
        var target = PathOf(staged.Sha256);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target))
        {
            return false;
        }
        try
        {
            File.Move(staged.Path, target);
            staged.Committed = true;
            return true;
        }
        catch (IOException) when (File.Exists(target))
        {
            // Someone stored the same bytes at the same moment.
            return false;
        }
    }

    public void Delete(string sha256)
    {
        var path = PathOf(sha256);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}

/// <summary>An upload copied to a temporary file; deleted on dispose unless moved into the store.</summary>
public sealed class StagedFile(string path) : IAsyncDisposable
{
    public string Path { get; } = path;
    public long Size { get; internal set; }
    public string Sha256 { get; internal set; } = "";
    /// <summary>The copy stopped at the size limit: <see cref="Size"/> and <see cref="Sha256"/> are partial.</summary>
    public bool TooLarge { get; internal set; }
    internal bool Committed { get; set; }

    public ValueTask DisposeAsync()
    {
        if (!Committed && File.Exists(Path))
        {
            File.Delete(Path);
        }
        return ValueTask.CompletedTask;
    }
}
