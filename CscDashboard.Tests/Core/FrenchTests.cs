using CscDashboard.Core.Common;

namespace CscDashboard.Tests.Core;

public sealed class FrenchTests
{
    [Theory]
    [InlineData(0, "0 centre")]
    [InlineData(1, "1 centre")]
    [InlineData(2, "2 centres")]
    [InlineData(1500, "1 500 centres")]
    public void Plurals_take_the_singular_for_zero_and_one(int count, string expected) =>
        Assert.Equal(expected, French.Plural(count, "centre", "centres").Replace('\u202F', ' ').Replace('\u00A0', ' '));

    [Theory]
    [InlineData("2023-03-01", "1er mars 2023", "1er mars", "mercredi 1er mars 2023")]
    [InlineData("2023-03-15", "15 mars 2023", "15 mars", "mercredi 15 mars 2023")]
    [InlineData("2024-08-02", "2 août 2024", "2 août", "vendredi 2 août 2024")]
    public void Dates_in_a_sentence_write_1er_and_lower_case_months(string iso, string full, string dayMonth, string withWeekday)
    {
        var date = DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(full, French.DayMonthYear(date));
        Assert.Equal(dayMonth, French.DayMonth(date));
        Assert.Equal(withWeekday, French.WeekdayDayMonthYear(date));
    }

    [Fact]
    public void Month_names_are_lower_case_in_a_sentence_and_capitalised_for_a_title()
    {
        Assert.Equal("mars 2023", French.MonthYear(new DateOnly(2023, 3, 9)));
        Assert.Equal("décembre 2027", French.MonthYear(new DateOnly(2027, 12, 31)));
        Assert.Equal("Février 2024", French.Capitalize(French.MonthYear(new DateOnly(2024, 2, 1))));
    }

    [Theory]
    [InlineData("Jean-Marie d'Artois", "JA")]
    [InlineData("camille martin", "CM")]
    [InlineData("Élodie", "É")]
    [InlineData("seed:demo", "SD")]
    [InlineData("Agent 007", "A")]
    [InlineData("2024 42", "?")]
    [InlineData("", "?")]
    [InlineData(null, "?")]
    public void Initials_are_letters_only(string? name, string expected) => Assert.Equal(expected, French.Initials(name));

    [Theory]
    [InlineData("15/03/2023")]
    [InlineData("15/3/2023")]
    [InlineData("15/03/23")]
    [InlineData("15-03-2023")]
    [InlineData("15.03.2023")]
    [InlineData("15 03 2023")]
    [InlineData("2023-03-15")]
    [InlineData("15032023")]
    [InlineData("150323")]
    [InlineData("15 mars 2023")]
    [InlineData(" 15 Mars 2023 ")]
    public void Typed_dates_in_the_usual_french_forms_are_read(string text)
    {
        Assert.True(French.TryParseDate(text, out var date, out var error), error);
        Assert.Equal(new DateOnly(2023, 3, 15), date);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("1er fevrier 2024", 2024, 2, 1)]
    [InlineData("29/02/2024", 2024, 2, 29)]
    public void Written_and_leap_day_dates_are_read(string text, int year, int month, int day)
    {
        Assert.True(French.TryParseDate(text, out var date, out _));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData("32/13/2023", "Date invalide : il n'y a pas de mois 13 ; saisissez-la au format jj/mm/aaaa, par exemple 15/03/2023.")]
    [InlineData("31/04/2023", "Date invalide : avril 2023 n'a que 30 jours ; saisissez-la au format jj/mm/aaaa, par exemple 15/03/2023.")]
    [InlineData("29/02/2023", "Date invalide : février 2023 n'a que 28 jours ; saisissez-la au format jj/mm/aaaa, par exemple 15/03/2023.")]
    [InlineData("abc", "Date invalide : saisissez-la au format jj/mm/aaaa, par exemple 15/03/2023.")]
    [InlineData("15/03", "Date invalide : saisissez-la au format jj/mm/aaaa, par exemple 15/03/2023.")]
    [InlineData("15 brumaire 2023", "Date invalide : saisissez-la au format jj/mm/aaaa, par exemple 15/03/2023.")]
    [InlineData("15/03/0023", "Date invalide : l'année 23 est hors de portée ; saisissez-la au format jj/mm/aaaa, par exemple 15/03/2023.")]
    public void Other_text_is_refused_with_a_precise_message(string text, string message)
    {
        Assert.False(French.TryParseDate(text, out var date, out var error));
        Assert.Null(date);
        Assert.Equal(message, error);
    }

    [Fact]
    public void Empty_text_is_no_date_and_no_error()
    {
        Assert.True(French.TryParseDate("  ", out var date, out var error));
        Assert.Null(date);
        Assert.Null(error);
    }
}
