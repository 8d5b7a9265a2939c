using CscDashboard.Core.Finance;
using CscDashboard.Core.Operations;

namespace CscDashboard.Tests.Core.Finance;

/// <summary>Staff-cost and flat-rate arithmetic on hand-made figures, to the cent.</summary>
public sealed class FinanceRulesTests
{
    [Fact]
    public void An_annual_cost_of_34_400_euros_is_20_euros_an_hour_and_7_h_30_cost_150_euros()
    {
        Assert.Equal(20.00m, FinanceRules.HourlyRate(34_400m));
        Assert.Equal(150.00m, FinanceRules.StaffAmount(34_400m, 7 * 60 + 30));
    }

    [Fact]
    public void The_amount_is_rounded_once_to_the_cent_and_midpoints_go_away_from_zero()
    {
        // 12,900 €/yr is 0.125 € a minute: one minute is 0.13 € (banker's rounding would give 0.12 €).
        Assert.Equal(0.13m, FinanceRules.StaffAmount(12_900m, 1));
        // 45,000 €/yr: the displayed rate is 26.16 €/h, but 1,720 h cost exactly the annual cost (no rounding of the rate first).
        Assert.Equal(26.16m, FinanceRules.HourlyRate(45_000m));
        Assert.Equal(45_000.00m, FinanceRules.StaffAmount(45_000m, 1_720 * 60));
        Assert.Equal(3.05m, FinanceRules.StaffAmount(45_000m, 7));
    }

    [Fact]
    public void Flat_rates_are_15_and_40_percent_of_direct_staff_costs_and_nothing_under_real_costs()
    {
        Assert.Equal(22.50m, FinanceRules.FlatIndirectCosts(IndirectCostsOption.FlatRate15, 150.00m));
        Assert.Equal(60.00m, FinanceRules.FlatIndirectCosts(IndirectCostsOption.FlatRate40, 150.00m));
        Assert.Equal(0m, FinanceRules.FlatIndirectCosts(IndirectCostsOption.RealCosts, 150.00m));
        // 15 % of 0.10 € is 0.015 €: rounded away from zero to 0.02 €.
        Assert.Equal(0.02m, FinanceRules.FlatIndirectCosts(IndirectCostsOption.FlatRate15, 0.10m));
        Assert.Equal(13_486.78m, FinanceRules.FlatIndirectCosts(IndirectCostsOption.FlatRate40, 33_716.95m));
    }

    [Theory]
    [InlineData(IndirectCostsOption.RealCosts, CostCategory.Travel, true)]
    [InlineData(IndirectCostsOption.RealCosts, CostCategory.Indirect, true)]
    [InlineData(IndirectCostsOption.FlatRate15, CostCategory.Equipment, true)]
    [InlineData(IndirectCostsOption.FlatRate15, CostCategory.Indirect, false)]
    [InlineData(IndirectCostsOption.FlatRate40, CostCategory.Travel, false)]
    [InlineData(IndirectCostsOption.FlatRate40, CostCategory.Indirect, false)]
    [InlineData(IndirectCostsOption.RealCosts, CostCategory.Staff, false)]
    public void Which_expenses_are_claimed_depends_on_the_indirect_costs_option(IndirectCostsOption option, CostCategory category, bool claimable)
    {
        Assert.Equal(claimable, FinanceRules.IsClaimable(option, category));
    }

    [Fact]
    public void Euros_are_written_the_french_way()
    {
        // fr-FR separates thousands with a narrow no-break space; the space before € depends on the ICU version.
        var text = FinanceRules.Euros(12_345.67m);
        Assert.Equal("12 345,67 €", text.Replace('\u202f', ' ').Replace('\u00a0', ' '));
        Assert.Equal('\u202f', text[2]);
    }
}
