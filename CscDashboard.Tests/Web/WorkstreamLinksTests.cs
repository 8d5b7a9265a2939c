using CscDashboard.Core.Operations;
using CscDashboard.Web.Components.Pages.Workstreams;

namespace CscDashboard.Tests.Web;

public sealed class WorkstreamLinksTests
{
    private static readonly OperationPeriod[] Operations =
    [
        new(1, "CSC-2021-2023", new(2021, 9, 1), new(2023, 12, 31)),
        new(2, "CSC-2024-2027", new(2024, 1, 1), new(2027, 12, 31)),
    ];

    [Fact]
    public void The_period_choices_are_the_current_operation_this_year_this_quarter_then_earlier_operations()
    {
        var choices = WorkstreamLinks.Choices(Operations, new DateOnly(2026, 11, 29));

        Assert.Equal(
        [
            new PeriodChoice("Toute l'opération", new(2024, 1, 1), new(2027, 12, 31)),
            new PeriodChoice("Cette année", new(2026, 1, 1), new(2026, 12, 31)),
            new PeriodChoice("Ce trimestre", new(2026, 10, 1), new(2026, 12, 31)),
            new PeriodChoice("CSC-2021-2023", new(2021, 9, 1), new(2023, 12, 31)),
        ], choices);
        Assert.Equal(new PeriodChoice("Ce trimestre", new(2023, 1, 1), new(2023, 3, 31)), WorkstreamLinks.Choices(Operations, new(2023, 3, 15))[2]);
    }

    [Fact]
    public void Links_carry_the_filters_the_activity_log_and_the_space_read()
    {
        Assert.Equal("/activities?workstream=7&territory=LIT&from=2024-01-01&to=2024-03-31",
            WorkstreamLinks.Activities(7, new(2024, 1, 1), new(2024, 3, 31), "LIT"));
        Assert.Equal("/activities?workstream=7&from=2024-01-01&to=2024-03-31", WorkstreamLinks.Activities(7, new(2024, 1, 1), new(2024, 3, 31)));
        Assert.Equal("/workstreams/2?from=2024-01-01&to=2027-12-31&q=acc%C3%A8s%20aux%20droits&tag=%C3%A9crans",
            WorkstreamLinks.Space(2, new(2024, 1, 1), new(2027, 12, 31), "accès aux droits", "écrans"));
        Assert.Equal(new DateOnly(2024, 2, 29), WorkstreamLinks.ParseDate("2024-02-29"));
        Assert.Null(WorkstreamLinks.ParseDate("29/02/2024"));
    }
}
