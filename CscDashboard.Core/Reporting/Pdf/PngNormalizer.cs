namespace CscDashboard.Core.Reporting.Pdf;

/// <summary>Placeholder: returns the bytes unchanged.</summary>
internal static class PngNormalizer
{
    public static byte[] Normalize(byte[] data) => data;
}
