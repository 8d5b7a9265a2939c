using System.Collections.Concurrent;
using System.Reflection;
using PdfSharp.Fonts;

namespace CscDashboard.Core.Reporting.Pdf;

/// <summary>
/// Resolves every font family to DejaVu Sans (regular, bold, oblique, bold-oblique), read from the
/// TTF files embedded in this assembly (Reporting/Pdf/Fonts; redistribution allowed by the DejaVu /
/// Bitstream Vera licence in Fonts/LICENSE-DejaVu.txt). Nothing is read from the system font folder,
/// so PDFs render on a machine without the fonts-dejavu-core package.
/// </summary>
public sealed class DejaVuFontResolver : IFontResolver
{
    public const string FamilyName = "DejaVu Sans";

    internal const string Regular = "DejaVuSans";
    internal const string Bold = "DejaVuSans-Bold";
    internal const string Oblique = "DejaVuSans-Oblique";
    internal const string BoldOblique = "DejaVuSans-BoldOblique";

    /// <summary>The face names this resolver can return (one embedded TTF each).</summary>
    public static IReadOnlyList<string> FaceNames { get; } = [Regular, Bold, Oblique, BoldOblique];

    private static readonly ConcurrentDictionary<string, byte[]> Cache = new(StringComparer.Ordinal);

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        // One family for the whole application: any requested family gets a DejaVu Sans face.
        var face = (bold, italic) switch
        {
            (true, true) => BoldOblique,
            (true, false) => Bold,
            (false, true) => Oblique,
            _ => Regular,
        };
        return new FontResolverInfo(face);
    }

    public byte[]? GetFont(string faceName) =>
        FaceNames.Contains(faceName) ? Cache.GetOrAdd(faceName, LoadEmbedded) : null;

    /// <summary>Reads one embedded face; throws if the resource is missing from the build.</summary>
    internal static byte[] LoadEmbedded(string faceName)
    {
        var resource = $"CscDashboard.Fonts.{faceName}.ttf";
        using var stream = typeof(DejaVuFontResolver).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded font resource '{resource}' is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>Installs <see cref="DejaVuFontResolver"/> once per process (idempotent, thread-safe).</summary>
public static class PdfFonts
{
    private static readonly Lock Gate = new();

    public static void EnsureConfigured()
    {
        if (GlobalFontSettings.FontResolver is DejaVuFontResolver)
        {
            return;
        }
        lock (Gate)
        {
            // PDFsharp tolerates setting the same resolver type again but throws when the type changes
            // after fonts were used; several test hosts in one process all come through here.
            if (GlobalFontSettings.FontResolver is not DejaVuFontResolver)
            {
                GlobalFontSettings.FontResolver = new DejaVuFontResolver();
            }
        }
    }
}
