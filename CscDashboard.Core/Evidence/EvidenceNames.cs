using System.Text;
using CscDashboard.Core.Common;

namespace CscDashboard.Core.Evidence;

/// <summary>
/// The browser's file name is only ever a display name: a name carrying a path (« / », « \ », « .. »)
/// is refused, the rest is cleaned of control characters, bidirectional overrides and isolates
/// (<see cref="TextRules"/>, stripped not refused: ADR 020) and reserved characters. Files are stored by hash.
/// </summary>
public static class EvidenceNames
{
    public const int MaxLength = 255;
    public const string PathMessage = "Le nom du fichier ne doit pas contenir de chemin (« / », « \\ » ou « .. ») : renommez-le puis déposez-le à nouveau. Rien n'a été enregistré.";
    public const string MissingMessage = "Le fichier n'a pas de nom.";

    private static readonly char[] Reserved = ['<', '>', ':', '"', '|', '?', '*'];

    /// <summary>The cleaned display name; <paramref name="error"/> is set when the name must be refused.</summary>
    public static string Check(string? name, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(name))
        {
            error = MissingMessage;
            return "document";
        }
        if (name.Contains('/') || name.Contains('\\') || name.Trim() is "." or ".." || name.StartsWith("..", StringComparison.Ordinal))
        {
            error = PathMessage;
            return "document";
        }
        var cleaned = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            if (!TextRules.IsForbidden(c, TextKind.SingleLine) && Array.IndexOf(Reserved, c) < 0)
            {
                cleaned.Append(c);
            }
        }
        var result = cleaned.ToString().Trim().TrimStart('.').Trim();
        if (result.Length == 0)
        {
            result = "document";
        }
        if (result.Length > MaxLength)
        {
            var extension = Path.GetExtension(result);
            extension = extension.Length <= 10 ? extension : "";
            result = result[..(MaxLength - extension.Length)] + extension;
        }
        return result;
    }

    /// <summary>Makes the download name end with the detected type's extension ("scan" → "scan.pdf").</summary>
    public static string WithExtension(string displayName, EvidenceFileType type)
    {
        var extension = Path.GetExtension(displayName).ToLowerInvariant();
        var matches = extension == type.Extension || (type == EvidenceFileTypes.Jpeg && extension == ".jpeg");
        if (matches)
        {
            return displayName;
        }
        var name = displayName.Length + type.Extension.Length > MaxLength ? displayName[..(MaxLength - type.Extension.Length)] : displayName;
        return name + type.Extension;
    }
}
