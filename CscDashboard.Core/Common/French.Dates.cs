using System.Globalization;
using System.Text.RegularExpressions;

namespace CscDashboard.Core.Common;

/// <summary>Reading a date typed by hand, in the forms French users write, with a precise message otherwise.</summary>
public static partial class French
{
    public const string DateFormatHint = "saisissez-la au format jj/mm/aaaa, par exemple 15/03/2023";

    /// <summary>
    /// Reads 15/03/2023, 15/3/23, 15-03-2023, 15.03.2023, 15 03 2023, 15032023, 150323, 2023-03-15 and
    /// "15 mars 2023" / "1er mars 2023". Two-digit years are in the 2000s. Empty text is no date (null, no error).
    /// Anything else gives false and a French message saying what is wrong.
    /// </summary>
    public static bool TryParseDate(string? text, out DateOnly? date, out string? error)
    {
        date = null;
        error = null;
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            return true;
        }
        if (!TryParts(trimmed, out var day, out var month, out var year))
        {
            error = $"Date invalide : {DateFormatHint}.";
            return false;
        }
        if (month is < 1 or > 12)
        {
            error = $"Date invalide : il n'y a pas de mois {month} ; {DateFormatHint}.";
            return false;
        }
        if (year is < 1900 or > 2100)
        {
            error = $"Date invalide : l'année {year} est hors de portée ; {DateFormatHint}.";
            return false;
        }
        var days = DateTime.DaysInMonth(year, month);
        if (day < 1 || day > days)
        {
            error = $"Date invalide : {MonthYear(new DateOnly(year, month, 1))} n'a que {days} jours ; {DateFormatHint}.";
            return false;
        }
        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryParts(string text, out int day, out int month, out int year)
    {
        day = month = year = 0;
        if (IsoDate().Match(text) is { Success: true } iso)
        {
            (year, month, day) = (Number(iso, "y"), Number(iso, "m"), Number(iso, "d"));
            return true;
        }
        if (SeparatedDate().Match(text) is { Success: true } separated)
        {
            (day, month, year) = (Number(separated, "d"), Number(separated, "m"), Number(separated, "y"));
            return true;
        }
        if (CompactDate().Match(text) is { Success: true } compact)
        {
            (day, month, year) = (Number(compact, "d"), Number(compact, "m"), Number(compact, "y"));
            return true;
        }
        if (WrittenDate().Match(text) is { Success: true } written)
        {
            var name = written.Groups["m"].Value.ToLower(Culture).TrimEnd('.');
            var index = Array.FindIndex(Culture.DateTimeFormat.MonthGenitiveNames, m => m.Length > 0 && Fold(m) == Fold(name));
            if (index < 0)
            {
                index = Array.FindIndex(Culture.DateTimeFormat.AbbreviatedMonthGenitiveNames, m => m.Length > 0 && Fold(m).TrimEnd('.') == Fold(name));
            }
            if (index < 0)
            {
                return false;
            }
            (day, month, year) = (Number(written, "d"), index + 1, Number(written, "y"));
            return true;
        }
        return false;
    }

    // A two-digit year is in the 2000s ("23" is 2023); a year typed with four digits is taken as typed.
    private static int Number(Match match, string group)
    {
        var digits = match.Groups[group].Value;
        var number = int.Parse(digits, CultureInfo.InvariantCulture);
        return group == "y" && digits.Length == 2 ? 2000 + number : number;
    }

    // Accents are optional when typing a month name ("fevrier", "aout").
    private static string Fold(string text) =>
        new(text.Normalize(System.Text.NormalizationForm.FormD).Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray());

    [GeneratedRegex(@"^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^(?<d>\d{1,2})\s*[/.\- ]\s*(?<m>\d{1,2})\s*[/.\- ]\s*(?<y>\d{2}|\d{4})$")]
    private static partial Regex SeparatedDate();

    [GeneratedRegex(@"^(?<d>\d{2})(?<m>\d{2})(?<y>\d{2}|\d{4})$")]
    private static partial Regex CompactDate();

    [GeneratedRegex(@"^(?<d>\d{1,2})(?:er)?\s+(?<m>\p{L}+\.?)\s+(?<y>\d{4})$", RegexOptions.IgnoreCase)]
    private static partial Regex WrittenDate();
}
