using System.Globalization;
using System.Text;

namespace CscDashboard.Core.Common;

/// <summary>
/// French text rules shared by pages, exports and PDF documents: plurals, dates as written in a sentence
/// ("1er mars 2023", "mars 2023"), initials, and reading a date typed by hand.
/// Enum labels stay in <see cref="FrenchLabels"/> and the feature label classes.
/// </summary>
public static partial class French
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>"0 centre", "1 centre", "6 centres": in French 0 and 1 take the singular.</summary>
    public static string Plural(int count, string singular, string plural) =>
        $"{count.ToString("N0", Culture)} {Word(count, singular, plural)}";

    /// <summary>"1 000 000": French digit groups with a plain space, readable in any terminal (command-line verbs, logs).</summary>
    public static string PlainNumber(long value) => value.ToString("N0", Culture).Replace('\u202F', ' ').Replace('\u00A0', ' ');

    /// <summary>The word alone, for sentences where the number is written elsewhere.</summary>
    public static string Word(int count, string singular, string plural) => count is >= -1 and <= 1 ? singular : plural;

    /// <summary>"1er mars 2023", "15 mars 2023": the month in lower case, as inside a sentence.</summary>
    public static string DayMonthYear(DateOnly date) => $"{Day(date.Day)} {date.ToString("MMMM yyyy", Culture)}";

    /// <summary>"1er mars", "15 mars" (no year).</summary>
    public static string DayMonth(DateOnly date) => $"{Day(date.Day)} {date.ToString("MMMM", Culture)}";

    /// <summary>"mercredi 1er mars 2023".</summary>
    public static string WeekdayDayMonthYear(DateOnly date) => $"{date.ToString("dddd", Culture)} {DayMonthYear(date)}";

    /// <summary>"mars 2023", lower case as inside a sentence; see <see cref="Capitalize"/> for a title.</summary>
    public static string MonthYear(DateOnly date) => date.ToString("MMMM yyyy", Culture);

    public static string DayMonthYear(DateTime date) => DayMonthYear(DateOnly.FromDateTime(date));

    public static string MonthYear(DateTime date) => MonthYear(DateOnly.FromDateTime(date));

    private static string Day(int day) => day == 1 ? "1er" : day.ToString(Culture);

    /// <summary>
    /// A period named in words for a title: "mars 2023", "1er trimestre 2023", "année 2023", "opération CSC-2021-2023",
    /// "du 5 janvier 2023 au 10 février 2023".
    /// </summary>
    public static string InWords(Period period)
    {
        var quarter = (period.From.Month - 1) / 3 + 1;
        return period.Kind switch
        {
            PeriodKind.Month => MonthYear(period.From),
            PeriodKind.Quarter => $"{(quarter == 1 ? "1er" : $"{quarter}e")} trimestre {period.From.Year}",
            PeriodKind.Year => $"année {period.From.Year}",
            PeriodKind.Operation => $"opération {period.Code}",
            _ => $"du {DayMonthYear(period.From)} au {DayMonthYear(period.To)}",
        };
    }

    /// <summary>
    /// Who wrote a record, for people to read: the audit stamps of seeding, jobs and the command line are internal
    /// ("seed:demo", "cli:import", "tâche de fond ReportJob") and are named by what they are. Null stays null.
    /// </summary>
    public static string? Author(string? stamp) => stamp switch
    {
        null or "" => null,
        "seed:demo" => "Données de démonstration",
        _ when stamp.StartsWith("seed:", StringComparison.Ordinal) => "Données de référence",
        _ when stamp.StartsWith("cli:", StringComparison.Ordinal) => "Ligne de commande",
        _ when stamp.StartsWith("tâche de fond", StringComparison.Ordinal) => "Traitement automatique",
        _ => stamp,
    };

    /// <summary>First letter in upper case, for the start of a title or a table cell.</summary>
    public static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpper(text[0], Culture) + text[1..];

    /// <summary>
    /// One or two letters for an avatar: the first letter of the first and of the last word, words being runs of letters
    /// ("Jean-Marie d'Artois" → "JA", "camille martin" → "CM", "seed:demo" → "SD"). Digits and punctuation count for
    /// nothing; a name without any letter gives "?".
    /// </summary>
    public static string Initials(string? displayName)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in (displayName ?? "") + " ")
        {
            if (char.IsLetter(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
        // A one-letter word is a particle ("d'", "l'") or an initial; it only counts when nothing else does.
        var named = words.Where(w => w.Length > 1).ToList() is { Count: > 0 } longer ? longer : words;
        return named.Count switch
        {
            0 => "?",
            1 => char.ToUpper(named[0][0], Culture).ToString(),
            _ => $"{char.ToUpper(named[0][0], Culture)}{char.ToUpper(named[^1][0], Culture)}",
        };
    }
}
