using System.Globalization;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Operations;

namespace CscDashboard.Tests.Core;

public sealed class PeriodTests
{
    private static readonly OperationPeriod[] Operations = [new(1, "CSC-2021-2023", new(2021, 9, 1), new(2023, 12, 31))];

    [Theory]
    [InlineData("2023-03", "2023-03-01", "2023-03-31", "Mars 2023")]
    [InlineData("2024-02", "2024-02-01", "2024-02-29", "Février 2024")]
    [InlineData("2023-Q1", "2023-01-01", "2023-03-31", "1er trimestre 2023")]
    [InlineData("2023-q4", "2023-10-01", "2023-12-31", "4e trimestre 2023")]
    [InlineData("2023", "2023-01-01", "2023-12-31", "Année 2023")]
    [InlineData("csc-2021-2023", "2021-09-01", "2023-12-31", "Opération CSC-2021-2023 (du 01/09/2021 au 31/12/2023)")]
    [InlineData("2023-01-05_2023-02-10", "2023-01-05", "2023-02-10", "Du 05/01/2023 au 10/02/2023")]
    public void Period_codes_are_read(string code, string from, string to, string label)
    {
        Assert.True(Period.TryParse(code, Operations, out var period, out _));
        Assert.Equal((DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture), label), (period.From, period.To, period.Label));
    }

    [Theory]
    [InlineData("2023-13")]
    [InlineData("2023-Q5")]
    [InlineData("mars")]
    [InlineData("2023-02-10_2023-01-05")]
    public void Bad_codes_get_a_french_message(string code)
    {
        Assert.False(Period.TryParse(code, Operations, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Previous_and_next_equal_periods()
    {
        Assert.Equal(Period.Month(2022, 12), Period.Month(2023, 1).Previous());
        Assert.Equal(Period.Quarter(2022, 4), Period.Quarter(2023, 1).Previous());
        Assert.Equal(Period.Quarter(2024, 1), Period.Quarter(2023, 4).Next());
        Assert.Equal(Period.Year(2022), Period.Year(2023).Previous());
        var custom = Period.Custom(new(2023, 1, 11), new(2023, 1, 20));
        Assert.Equal(Period.Custom(new(2023, 1, 1), new(2023, 1, 10)), custom.Previous());
        var operation = Period.Of(Operations[0]);
        Assert.Equal(operation.Days, operation.Previous().Days);
        Assert.Equal(new DateOnly(2021, 8, 31), operation.Previous().To);
    }

    [Fact]
    public void A_period_under_way_is_compared_with_the_same_number_of_elapsed_days()
    {
        var today = new DateOnly(2023, 3, 15);
        Assert.Equal(Period.Custom(new(2023, 2, 1), new(2023, 2, 15)), Period.Month(2023, 3).ComparedPeriod(today));
        // On the 31st of March all of February has elapsed: the whole month, never a range beyond it.
        Assert.Equal(Period.Month(2023, 2), Period.Month(2023, 3).ComparedPeriod(new(2023, 3, 31)));
        Assert.Equal(Period.Custom(new(2022, 1, 1), new(2022, 3, 15)), Period.Year(2023).ComparedPeriod(today));
        // Finished and future periods: the whole previous equal period.
        Assert.Equal(Period.Month(2023, 1), Period.Month(2023, 2).ComparedPeriod(today));
        Assert.Equal(Period.Month(2023, 4), Period.Month(2023, 5).ComparedPeriod(today));
        Assert.True(Period.Month(2023, 3).IsUnderWay(today));
        Assert.False(Period.Month(2023, 2).IsUnderWay(today));
    }

    private static readonly OperationPeriod[] TwoOperations =
    [
        new(2, "CSC-2024-2027", new(2024, 1, 1), new(2027, 12, 31)),
        new(1, "CSC-2021-2023", new(2021, 9, 1), new(2023, 12, 31)),
    ];

    [Fact]
    public void The_arrows_step_from_an_operation_to_the_previous_or_next_operation()
    {
        var first = Period.Of(TwoOperations[1]);
        var second = Period.Of(TwoOperations[0]);

        Assert.Equal(first, second.PreviousStep(TwoOperations));
        Assert.Equal(second, first.NextStep(TwoOperations));
        Assert.Null(first.PreviousStep(TwoOperations));
        Assert.Null(second.NextStep(TwoOperations));
    }

    [Fact]
    public void The_arrows_never_open_a_period_outside_every_operation()
    {
        Assert.Null(Period.Month(2021, 9).PreviousStep(TwoOperations));
        Assert.Equal(Period.Month(2021, 9), Period.Month(2021, 10).PreviousStep(TwoOperations));
        Assert.Equal(Period.Year(2021), Period.Year(2022).PreviousStep(TwoOperations));
        Assert.Null(Period.Year(2021).PreviousStep(TwoOperations));
        Assert.Null(Period.Quarter(2027, 4).NextStep(TwoOperations));
        Assert.Equal(Period.Quarter(2027, 4), Period.Quarter(2027, 3).NextStep(TwoOperations));
        var custom = Period.Custom(new(2021, 9, 1), new(2021, 9, 10));
        Assert.Null(custom.PreviousStep(TwoOperations));
    }

    [Fact]
    public void A_period_is_cut_into_whole_months_and_edge_days()
    {
        var slices = PeriodSlices.Of(new DateOnly(2023, 1, 5), new DateOnly(2023, 4, 10));
        Assert.True(slices.HasMonths);
        Assert.Equal((new DateOnly(2023, 2, 1), new DateOnly(2023, 3, 1)), (slices.FirstMonth, slices.LastMonth));
        Assert.Equal((new DateOnly(2023, 1, 5), new DateOnly(2023, 1, 31)), (slices.Edge1From, slices.Edge1To));
        Assert.Equal((new DateOnly(2023, 4, 1), new DateOnly(2023, 4, 10)), (slices.Edge2From, slices.Edge2To));

        var quarter = PeriodSlices.Of(Period.Quarter(2023, 1));
        Assert.False(quarter.HasEdges);

        var inside = PeriodSlices.Of(new DateOnly(2023, 1, 5), new DateOnly(2023, 1, 20));
        Assert.False(inside.HasMonths);
        Assert.True(inside.HasEdges);
    }
}
