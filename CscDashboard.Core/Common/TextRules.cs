using System.Globalization;
using System.Text;

namespace CscDashboard.Core.Common;

/// <summary>What a text field may hold besides its length (ADR 020).</summary>
public enum TextKind
{
    /// <summary>Names, titles, codes, e-mail addresses: no control character at all.</summary>
    SingleLine,
    /// <summary>Notes, summaries, descriptions: tab and line breaks allowed, no other control character.</summary>
    MultiLine,
}

/// <summary>
/// Text hygiene, one helper for every entry point (services, import rows, file names; ADR 020).
/// Refused in what people type (a French message naming the field): control characters (NUL, escape…;
/// tab and line breaks only in multi-line fields) and the bidirectional overrides and isolates
/// U+202A–U+202E and U+2066–U+2069, which make a text display in another order than it is stored
/// ("facture‮fdp.exe"). Stripped, silently, from file names, which users do not type.
/// </summary>
public static class TextRules
{
    /// <summary>True for a character no text of the application may hold (<paramref name="kind"/> decides for tab and line breaks).</summary>
    public static bool IsForbidden(char c, TextKind kind) =>
        IsBidiControl(c) || (char.IsControl(c) && !(kind == TextKind.MultiLine && c is '\t' or '\n' or '\r'));

    public static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    /// <summary>
    /// The French message for a value that is too long (after trimming, as stored) or holds a forbidden
    /// character; null when it is fine or empty. <paramref name="label"/> names the field (« Notes »).
    /// </summary>
    public static string? Problem(string? value, string label, int maxLength, TextKind kind = TextKind.SingleLine)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        var length = value.Trim().Length;
        if (length > maxLength)
        {
            return $"« {label} » ne doit pas dépasser {Count(maxLength)} caractères ({Count(length)} saisis). Rien n'a été enregistré.";
        }
        foreach (var c in value)
        {
            if (IsForbidden(c, kind))
            {
                return $"« {label} » contient un caractère invisible ou de contrôle ({Code(c)}) : retirez-le. Rien n'a été enregistré.";
            }
        }
        return null;
    }

    /// <summary>The text without control characters and bidirectional controls (for file names and messages).</summary>
    public static string StripInvisible(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var kept = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!IsForbidden(c, TextKind.SingleLine))
            {
                kept.Append(c);
            }
        }
        return kept.ToString();
    }

    /// <summary>"U+202E", as the message shows the character.</summary>
    public static string Code(char c) => "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);

    private static string Count(int n) => n.ToString("#,0", French.Culture);
}

/// <summary>
/// The longest text each field accepts, in characters: the same figures as the database columns
/// (HasMaxLength) and the forms' maxlength attributes. Checked by the Core services (ADR 020).
/// </summary>
public static class TextLimits
{
    public const int Title = 200;
    public const int Name = 200;
    public const int PersonName = 100;
    public const int Email = 200;
    public const int Phone = 30;
    public const int Commune = 100;
    public const int Address = 300;
    public const int ActivityNotes = 4000;
    public const int ActivityFollowUp = 2000;
    public const int WatchSummary = 4000;
    public const int WebAddress = 1000;
    public const int InvoiceNumber = 60;
    public const int Description = 1000;
    public const int Reason = 1000;
    public const int FileName = 255;
    public const int AccountName = 100;
    public const int AccountEmail = 256;
}
