using System.Globalization;

namespace CscDashboard.Core.Common;

/// <summary>
/// The dates the application accepts from an address or a typed period: years 2000 to 2099. Far enough
/// from <see cref="DateOnly.MaxValue"/> that every step a page takes from a date (next month, next
/// period, the week around a day, twelve months of trend) stays a valid date (ADR 020: a date near
/// 9999-12-31 used to overflow and kill the page). One parser for days and months, used by every page
/// and endpoint that reads one from its URL; the error is a French sentence for the user.
/// </summary>
public static class DateBounds
{
    public const int FirstYear = 2000;
    public const int LastYear = 2099;

    public static bool Contains(DateOnly date) => date.Year is >= FirstYear and <= LastYear;

    public static bool ContainsYear(int year) => year is >= FirstYear and <= LastYear;

    /// <summary>The sentence shown for a date outside the bounds.</summary>
    public static string OutOfRange(string text) =>
        $"« {Shorten(text)} » est hors des dates acceptées (années {FirstYear} à {LastYear}).";

    /// <summary>Reads <c>yyyy-MM-dd</c> inside the bounds.</summary>
    public static bool TryParseDay(string? text, out DateOnly day, out string error)
    {
        error = "";
        var value = (text ?? "").Trim();
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            error = $"« {Shorten(value)} » n'existe pas ou n'est pas au format AAAA-MM-JJ (par exemple 2023-03-15).";
            return false;
        }
        if (!Contains(day))
        {
            error = OutOfRange(value);
            return false;
        }
        return true;
    }

    /// <summary>Reads <c>yyyy-MM</c> inside the bounds; <paramref name="first"/> is the month's first day.</summary>
    public static bool TryParseMonth(string? text, out DateOnly first, out string error)
    {
        error = "";
        var value = (text ?? "").Trim();
        if (!DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first))
        {
            error = $"« {Shorten(value)} » n'est pas un mois au format AAAA-MM (par exemple 2023-03).";
            return false;
        }
        if (!Contains(first))
        {
            error = OutOfRange(value);
            return false;
        }
        return true;
    }

    /// <summary>A day or nothing: a value that is missing, malformed or out of bounds is null.</summary>
    public static DateOnly? DayOrNull(string? text) => TryParseDay(text, out var day, out _) ? day : null;

    /// <summary>What an error message quotes from an address: at most 40 characters, no control characters.</summary>
    public static string Shorten(string text)
    {
        var clean = TextRules.StripInvisible(text);
        return clean.Length <= 40 ? clean : clean[..40] + "…";
    }
}
