using CscDashboard.Core.Common;
using CscDashboard.Core.Finance;
using CscDashboard.Core.Operations;
using CscDashboard.Tests.Infrastructure;

namespace CscDashboard.Tests.Core.Finance;

/// <summary>Staff costs, indirect costs, execution against budget and resources on <see cref="FinanceWorld"/>'s known answers.</summary>
public sealed class FinanceFiguresTests : IAsyncLifetime
{
    private CoreTestContext _ctx = default!;
    private FinanceWorld _world = default!;

    public async Task InitializeAsync()
    {
        _ctx = await CoreTestContext.CreateAsync();
        _world = await FinanceWorld.CreateAsync(_ctx);
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task Staff_costs_are_hours_from_activities_and_timesheet_lines_times_the_hourly_rate_per_member_and_month()
    {
        var staff = await _world.Figures.StaffCostsAsync(_world.WholeOperation(_world.Art));

        Assert.Collection(staff.Lines,
            february =>
            {
                Assert.Equal(new DateOnly(2023, 2, 1), february.Month);
                Assert.Equal("Camille Martin", february.MemberName);
                Assert.Equal(90, february.Minutes);
                Assert.Equal(20.00m, february.HourlyRate);
                Assert.Equal(30.00m, february.Amount);
            },
            march =>
            {
                Assert.Equal(new DateOnly(2023, 3, 1), march.Month);
                Assert.Equal(450, march.ActivityMinutes);
                Assert.Equal(60, march.TimesheetMinutes);
                Assert.Equal(8.5m, march.Hours);
                Assert.Equal(170.00m, march.Amount);
            });
        Assert.Equal(200.00m, staff.Total);
        Assert.Equal(10m, staff.TotalHours);
    }

    [Fact]
    public async Task A_period_keeps_only_its_months_and_deleted_activities_do_not_count()
    {
        var march = await _world.Figures.StaffCostsAsync(new FinanceQuery(_world.OperationId, Period.Month(2023, 3), _world.Art));

        Assert.Equal(170.00m, Assert.Single(march.Lines).Amount);
        var val = await _world.Figures.StaffCostsAsync(_world.WholeOperation(_world.Val));
        Assert.Empty(val.Lines);
    }

    [Fact]
    public async Task Under_the_flat_15_percent_indirect_costs_are_15_percent_of_staff_costs_and_indirect_invoices_are_not_claimed()
    {
        await _world.SetOptionAsync(IndirectCostsOption.FlatRate15, euRate: 0.60m);

        var figures = await _world.Figures.FiguresAsync(_world.WholeOperation(_world.Art));

        Assert.Equal(0.15m, figures.Indirect.Rate);
        Assert.Equal(200.00m, figures.Indirect.StaffCosts);
        Assert.Equal(30.00m, figures.Indirect.Amount);
        Assert.Equal(FinanceWorld.ArtIndirectInvoice, figures.Indirect.NotClaimedExpenses);
        var byCategory = figures.Execution.ByCategory.ToDictionary(c => c.Key);
        Assert.Equal((1_000m, 200.00m, 20.0m), (byCategory["Staff"].Budget, byCategory["Staff"].Spent, byCategory["Staff"].Percent!.Value));
        Assert.Equal((500m, 120.00m, 24.0m), (byCategory["Travel"].Budget, byCategory["Travel"].Spent, byCategory["Travel"].Percent!.Value));
        Assert.Equal((150m, 30.00m, 20.0m), (byCategory["Indirect"].Budget, byCategory["Indirect"].Spent, byCategory["Indirect"].Percent!.Value));
        Assert.Equal(1_650m, figures.Execution.Total.Budget);
        Assert.Equal(350.00m, figures.Execution.Total.Spent);
        Assert.Equal(350.00m, figures.Resources.EligibleCosts);
        Assert.Equal(210.00m, figures.Resources.EuShare);
    }

    [Fact]
    public async Task Under_the_flat_40_percent_only_staff_costs_and_the_flat_rate_are_claimed()
    {
        await _world.SetOptionAsync(IndirectCostsOption.FlatRate40);

        var figures = await _world.Figures.FiguresAsync(_world.WholeOperation(_world.Art));

        Assert.Equal(80.00m, figures.Indirect.Amount);
        Assert.Equal(FinanceWorld.ArtTravel + FinanceWorld.ArtIndirectInvoice, figures.Indirect.NotClaimedExpenses);
        var travel = figures.Execution.ByCategory.Single(c => c.Key == "Travel");
        Assert.Equal((0m, FinanceWorld.ArtTravel), (travel.Spent, travel.NotClaimed));
        Assert.Equal(280.00m, figures.Execution.Total.Spent);
    }

    [Fact]
    public async Task Under_real_costs_indirect_costs_are_the_indirect_invoices()
    {
        await _world.SetOptionAsync(IndirectCostsOption.RealCosts);

        var indirect = await _world.Figures.IndirectCostsAsync(_world.WholeOperation(_world.Art));

        Assert.Null(indirect.Rate);
        Assert.Equal(FinanceWorld.ArtIndirectInvoice, indirect.Amount);
        Assert.Equal(0m, indirect.NotClaimedExpenses);
        var execution = await _world.Figures.ExecutionAsync(_world.WholeOperation(_world.Art));
        Assert.Equal(370.00m, execution.Total.Spent);
    }

    [Fact]
    public async Task The_project_lead_sees_every_territory_and_the_total_is_the_sum_of_the_territories()
    {
        var execution = await _world.Figures.ExecutionAsync(_world.WholeOperation());

        var byTerritory = execution.ByTerritory.ToDictionary(t => t.Key);
        Assert.Equal(350.00m, byTerritory["ART"].Spent);
        Assert.Equal(999m, byTerritory["VAL"].Spent);
        Assert.Equal(50.0m, byTerritory["VAL"].Percent); // 49.95 % rounded to one decimal, away from zero
        Assert.Equal(1_349.00m, execution.Total.Spent);
        var resources = await _world.Figures.ResourcesAsync(_world.WholeOperation());
        Assert.Equal(1_349.00m, resources.EuShare);
    }

    [Fact]
    public async Task A_coordinator_without_a_territory_filter_gets_only_their_territories_and_no_funding_agreements()
    {
        _ctx.ActAs(_world.ValCoordinator);

        var figures = await _world.Figures.FiguresAsync(_world.WholeOperation());

        Assert.Equal(["VAL"], figures.Execution.ByTerritory.Select(t => t.Key));
        Assert.Empty(figures.Staff.Lines);
        Assert.Empty(figures.Resources.Sources);
        Assert.Equal(999m, figures.Resources.EligibleCosts);
        Assert.Equal(["VAL"], (await _world.Figures.TerritoriesAsync()).Select(t => t.Code));
    }
}
