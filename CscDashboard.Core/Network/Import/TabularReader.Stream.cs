namespace CscDashboard.Core.Network.Import;

public static partial class TabularReader
{
    /// <summary>The whole stream, or null as soon as it holds more than <paramref name="maxBytes"/> (the rest is not read).</summary>
    public static async Task<byte[]?> ReadBoundedAsync(Stream stream, long maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                return null;
            }
        }
        return buffer.ToArray();
    }
}
