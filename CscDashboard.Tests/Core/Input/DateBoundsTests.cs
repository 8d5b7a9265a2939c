using CscDashboard.Core.Common;
using CscDashboard.Core.Operations;

namespace CscDashboard.Tests.Core.Input;

/// <summary>Issue 14 point 6 (ADR 020): dates and periods read from an address stay where every step from them is a valid date.</summary>
public sealed class DateBoundsTests
{
    private static readonly OperationPeriod[] Operations = [new(1, "CSC-2021-2023", new DateOnly(2021, 9, 1), new DateOnly(2023, 12, 31))];

    [Theory]
    [InlineData("9999-12")]
    [InlineData("9999-Q4")]
    [InlineData("9999")]
    [InlineData("0001")]
    [InlineData("1999-12")]
    [InlineData("2100")]
    [InlineData("2023-01-01_9999-12-31")]
    [InlineData("0001-01-01_2023-01-01")]
    public void A_period_outside_the_years_2000_to_2099_is_refused_in_french(string code)
    {
        Assert.False(Period.TryParse(code, Operations, out _, out var error));
        Assert.StartsWith("Période invalide : ", error);
        Assert.Contains("années 2000 à 2099", error);
    }

    [Theory]
    [InlineData("2099-12")]
    [InlineData("2099-Q4")]
    [InlineData("2000")]
    [InlineData("2000-01-01_2099-12-31")]
    public void The_periods_at_the_edges_step_both_ways_without_overflow(string code)
    {
        Assert.True(Period.TryParse(code, Operations, out var period, out _));

        Assert.True(period.Next().From > period.From);
        Assert.True(period.Previous().To < period.From);
        Assert.NotNull(period.ComparedPeriod(new DateOnly(2023, 3, 15)));
    }

    [Theory]
    [InlineData("9999-12-31", false, "hors des dates acceptées")]
    [InlineData("2023-02-30", false, "n'existe pas ou n'est pas au format AAAA-MM-JJ")]
    [InlineData("abc", false, "n'existe pas ou n'est pas au format AAAA-MM-JJ")]
    [InlineData("2023-02-28", true, "")]
    public void A_day_is_read_inside_the_bounds(string text, bool ok, string message)
    {
        Assert.Equal(ok, DateBounds.TryParseDay(text, out _, out var error));
        Assert.Contains(message, error);
    }

    [Theory]
    [InlineData("9999-12", false)]
    [InlineData("2023-13", false)]
    [InlineData("", false)]
    [InlineData("2023-03", true)]
    public void A_month_is_read_inside_the_bounds(string text, bool ok)
    {
        Assert.Equal(ok, DateBounds.TryParseMonth(text, out var first, out var error));
        Assert.Equal(ok, error.Length == 0);
        Assert.Equal(ok ? new DateOnly(2023, 3, 1) : default, ok ? first : default);
    }

    [Fact]
    public void A_long_value_is_quoted_shortened_and_without_controls()
    {
        Assert.False(DateBounds.TryParseDay(new string('9', 500) + "\u202E", out _, out var error));
        Assert.DoesNotContain("\u202E", error, StringComparison.Ordinal);
        Assert.True(error.Length < 150, error);
    }
}
