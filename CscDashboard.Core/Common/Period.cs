using System.Globalization;
using System.Text.RegularExpressions;
using CscDashboard.Core.Operations;

namespace CscDashboard.Core.Common;

public enum PeriodKind
{
    Month,
    Quarter,
    Year,
    Operation,
    Custom,
}

/// <summary>
/// A reporting period, written as users type it: <c>2023-03</c>, <c>2023-Q1</c>, <c>2023</c>, an
/// operation's code (<c>CSC-2021-2023</c>), or a custom range <c>2023-01-05_2023-02-10</c>.
/// </summary>
public sealed partial record Period(PeriodKind Kind, DateOnly From, DateOnly To, string Code)
{

    public int Days => To.DayNumber - From.DayNumber + 1;

    public static Period Month(int year, int month)
    {
        var from = new DateOnly(year, month, 1);
        return new(PeriodKind.Month, from, from.AddMonths(1).AddDays(-1), $"{year:0000}-{month:00}");
    }

    public static Period Quarter(int year, int quarter)
    {
        var from = new DateOnly(year, (quarter - 1) * 3 + 1, 1);
        return new(PeriodKind.Quarter, from, from.AddMonths(3).AddDays(-1), $"{year:0000}-Q{quarter}");
    }

    public static Period Year(int year) => new(PeriodKind.Year, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), $"{year:0000}");

    public static Period Of(OperationPeriod operation) => new(PeriodKind.Operation, operation.StartDate, operation.EndDate, operation.Code);

    public static Period Custom(DateOnly from, DateOnly to) =>
        new(PeriodKind.Custom, from, to, $"{from:yyyy-MM-dd}_{to:yyyy-MM-dd}");

    /// <summary>The month, quarter or year holding <paramref name="day"/>.</summary>
    public static Period Containing(PeriodKind kind, DateOnly day) => kind switch
    {
        PeriodKind.Month => Month(day.Year, day.Month),
        PeriodKind.Quarter => Quarter(day.Year, (day.Month - 1) / 3 + 1),
        PeriodKind.Year => Year(day.Year),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Seuls mois, trimestre et année contiennent un jour."),
    };

    /// <summary>Reads a period code; the error is a French sentence for the user.</summary>
    public static bool TryParse(string? text, IEnumerable<OperationPeriod> operations, out Period period, out string error)
    {
        period = Year(2000);
        error = "";
        var code = (text ?? "").Trim();
        var operation = operations.FirstOrDefault(o => string.Equals(o.Code, code, StringComparison.OrdinalIgnoreCase));
        if (operation is not null)
        {
            period = Of(operation);
            return true;
        }
        var match = Pattern().Match(code);
        if (match.Success)
        {
            var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
            if (!DateBounds.ContainsYear(year))
            {
                // 9999-12 used to overflow when the page stepped to the next month (ADR 020).
                error = $"Période invalide : {DateBounds.OutOfRange(code)}";
                return false;
            }
            if (match.Groups["month"].Success)
            {
                var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
                if (month is >= 1 and <= 12)
                {
                    period = Month(year, month);
                    return true;
                }
            }
            else if (match.Groups["quarter"].Success)
            {
                period = Quarter(year, int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture));
                return true;
            }
            else
            {
                period = Year(year);
                return true;
            }
        }
        var range = code.Split('_');
        if (range.Length == 2
            && DateOnly.TryParseExact(range[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            && DateOnly.TryParseExact(range[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
        {
            if (!DateBounds.Contains(from) || !DateBounds.Contains(to))
            {
                error = $"Période invalide : {DateBounds.OutOfRange(code)}";
                return false;
            }
            if (to < from)
            {
                error = "La fin de la période précède son début.";
                return false;
            }
            period = Custom(from, to);
            return true;
        }
        error = $"Période « {DateBounds.Shorten(code)} » non reconnue : écrivez un mois (2023-03), un trimestre (2023-Q1), une année (2023), "
            + $"le code d'une opération ({string.Join(", ", operations.Select(o => o.Code))}) ou deux dates (2023-01-05_2023-02-10).";
        return false;
    }

    /// <summary>The equal period just before: previous month, quarter or year; the same number of days otherwise.</summary>
    public Period Previous() => Kind switch
    {
        PeriodKind.Month => Month(From.AddMonths(-1).Year, From.AddMonths(-1).Month),
        PeriodKind.Quarter => Quarter(From.AddMonths(-3).Year, (From.AddMonths(-3).Month - 1) / 3 + 1),
        PeriodKind.Year => Year(From.Year - 1),
        _ => Custom(From.AddDays(-Days), From.AddDays(-1)),
    };

    /// <summary>The equal period just after (for "next" arrows).</summary>
    public Period Next() => Kind switch
    {
        PeriodKind.Month => Month(From.AddMonths(1).Year, From.AddMonths(1).Month),
        PeriodKind.Quarter => Quarter(From.AddMonths(3).Year, (From.AddMonths(3).Month - 1) / 3 + 1),
        PeriodKind.Year => Year(From.Year + 1),
        _ => Custom(To.AddDays(1), To.AddDays(Days)),
    };

    public string Label => Kind switch
    {
        PeriodKind.Month => Capitalize(From.ToString("MMMM yyyy", French.Culture)),
        PeriodKind.Quarter => $"{QuarterName((From.Month - 1) / 3 + 1)} trimestre {From.Year}",
        PeriodKind.Year => $"Année {From.Year}",
        PeriodKind.Operation => $"Opération {Code} (du {From:dd/MM/yyyy} au {To:dd/MM/yyyy})",
        _ => $"Du {From:dd/MM/yyyy} au {To:dd/MM/yyyy}",
    };

    private static string QuarterName(int quarter) => quarter == 1 ? "1er" : $"{quarter}e";

    private static string Capitalize(string text) => char.ToUpper(text[0], French.Culture) + text[1..];

    [GeneratedRegex(@"^(?<year>\d{4})(-(?:(?<month>\d{2})|Q(?<quarter>[1-4])))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
