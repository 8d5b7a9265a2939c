using Bunit;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Operations;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Components.Pages.Dashboards;

namespace CscDashboard.Tests.Components;

/// <summary>What makes the dashboards read honestly (ADR 014): tile explanations, "à date" captions, the trend's table and partial month, bounded arrows.</summary>
public sealed class DashboardReadingTests : MudTestContext
{
    private static readonly Period March = Period.Month(2023, 3);

    private static Overview Sample(bool toDate, bool partialMonth) => new(
        March, toDate ? Period.Custom(new(2023, 2, 1), new(2023, 2, 15)) : Period.Month(2023, 2),
        new KpiSet(new(15, 10), new(20, 10), new(5, 5), new(3, 3), new(4, 4), new(6, 3), new(2, 2), new(1, 1)),
        [], [], [], [],
        Enumerable.Range(0, 12).Select(i => new MonthFigures(new DateOnly(2022, 4, 1).AddMonths(i), 10 + i, 2.5 * i, Partial: partialMonth && i == 11)).ToList(),
        toDate);

    [Fact]
    public void The_active_centres_tile_explains_why_it_can_exceed_the_engaged_centres()
    {
        var grid = Render<KpiGrid>(p => p.Add(g => g.Kpis, Sample(false, false).Kpis).Add(g => g.Links, new DashboardLinks(March, Enabled: true)));

        var active = grid.Find("[data-testid=kpi-centres-active]").Closest(".kpi-tile")!;
        Assert.Equal("Centres actifs", active.QuerySelector(".kpi-label")!.TextContent);
        Assert.Equal(KpiGrid.ActiveCentresHint, active.QuerySelector(".kpi-hint")!.TextContent);
        Assert.Contains("peut dépasser les centres engagés", KpiGrid.ActiveCentresHint);
        var engaged = grid.Find("[data-testid=kpi-centres-engaged]").Closest(".kpi-tile")!;
        Assert.Equal("Engagés dans l'opération au 31/03/2023.", engaged.QuerySelector(".kpi-hint")!.TextContent);
        // Labels are whole words, never cut by an ellipsis style (the width itself is measured by OverflowTests).
        Assert.Contains("Professionnels et bénévoles", grid.FindAll(".kpi-label").Select(l => l.TextContent));
    }

    [Fact]
    public void A_period_under_way_says_it_is_compared_a_date()
    {
        var caption = Render<ComparisonCaption>(p => p.Add(c => c.Overview, Sample(true, true)).Add(c => c.Today, new DateOnly(2023, 3, 15)));

        Assert.Equal("Période en cours, comparaison à date : les 15 premiers jours de la période comparés aux 15 premiers jours "
            + "de la période précédente (du 01/02/2023 au 15/02/2023).", caption.Find("[data-testid=comparison]").TextContent);

        var finished = Render<ComparisonCaption>(p => p.Add(c => c.Overview, Sample(false, false)).Add(c => c.Today, new DateOnly(2023, 4, 2)));
        Assert.Equal("Évolutions comparées à la période précédente de même durée : Février 2023.", finished.Find("[data-testid=comparison]").TextContent);
    }

    [Fact]
    public void The_trend_has_one_chart_per_measure_and_its_figures_in_a_table_with_the_partial_month_named()
    {
        var trend = Render<TrendChart>(p => p.Add(c => c.Months, Sample(true, true).Trend));

        Assert.Equal(2, trend.FindAll(".chart-box").Count);
        Assert.Equal(["Activités par mois (avr. 2022 – mars 2023)", "Heures par mois (avr. 2022 – mars 2023)"],
            trend.FindAll(".chart-box .mud-typography-subtitle2").Select(t => t.TextContent));
        var rows = trend.FindAll("[data-testid=trend-table] tbody tr");
        Assert.Equal(12, rows.Count);
        Assert.Equal(["avril 2022", "10", "0,0"], rows[0].QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal(["mars 2023 (partiel)", "21", "27,5"], rows[11].QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Contains("mars 2023 est en cours", trend.Find("[data-testid=trend-partial]").TextContent);

        var complete = Render<TrendChart>(p => p.Add(c => c.Months, Sample(false, false).Trend));
        Assert.Empty(complete.FindAll("[data-testid=trend-partial]"));
        Assert.DoesNotContain("(partiel)", complete.Find("[data-testid=trend-table]").TextContent);
    }

    [Fact]
    public async Task From_the_first_operation_the_previous_arrow_is_disabled_and_next_opens_the_second_operation()
    {
        OperationPeriod[] operations = [new(1, "CSC-2021-2023", new(2021, 9, 1), new(2023, 12, 31)), new(2, "CSC-2024-2027", new(2024, 1, 1), new(2027, 12, 31))];
        Period? chosen = null;
        var picker = Render<PeriodPicker>(p => p
            .Add(c => c.Value, Period.Of(operations[0]))
            .Add(c => c.Today, new DateOnly(2026, 12, 4))
            .Add(c => c.Operations, operations)
            .Add(c => c.ValueChanged, (Period period) => chosen = period));

        Assert.True(picker.Find("[data-testid=period-previous]").HasAttribute("disabled"));
        Assert.Contains("pas d'autre opération", picker.Find("[data-testid=period-previous]").GetAttribute("title"));
        Assert.False(picker.Find("[data-testid=period-next]").HasAttribute("disabled"));
        await picker.Find("[data-testid=period-next]").ClickAsync(new());
        Assert.Equal(Period.Of(operations[1]), chosen);
    }

    [Fact]
    public async Task The_period_picker_skips_a_refresh_that_changes_nothing_but_renders_a_new_period_and_its_own_choices()
    {
        OperationPeriod[] operations = [new(1, "CSC-2021-2023", new(2021, 9, 1), new(2023, 12, 31))];
        var picker = Render<PeriodPicker>(p => p
            .Add(c => c.Value, Period.Of(operations[0]))
            .Add(c => c.Today, new DateOnly(2026, 12, 4))
            .Add(c => c.Operations, operations)
            .Add(c => c.ValueChanged, (Period _) => { }));
        // The list inside renders again whenever the picker does (its items are new content each time).
        var select = picker.FindComponent<MudBlazor.MudSelect<string>>();
        var renders = select.RenderCount;

        // A live refresh of the dashboard passes the same period, day and operations again: no render.
        picker.Render(p => p.Add(c => c.Value, Period.Of(operations[0])).Add(c => c.Operations, operations));
        Assert.Equal(renders, select.RenderCount);

        // Another period is shown.
        picker.Render(p => p.Add(c => c.Value, Period.Year(2022)));
        Assert.True(select.RenderCount > renders);
        Assert.Equal(Period.Year(2022).Label, picker.Find("[data-testid=period-label]").TextContent);

        // Its own choice (« Personnalisée… ») renders the two date fields, though no parameter changed.
        await picker.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("custom"));
        Assert.Equal(2, picker.FindAll("input[type=date]").Count);
    }
}
