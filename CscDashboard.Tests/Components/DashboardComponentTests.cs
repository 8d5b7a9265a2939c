using Bunit;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Components.Pages.Dashboards;

namespace CscDashboard.Tests.Components;

/// <summary>The dashboard's pieces render a hand-made result; links carry the matching filters.</summary>
public sealed class DashboardComponentTests : MudTestContext
{
    private static readonly Period Quarter = Period.Quarter(2023, 1);

    private static Overview SampleOverview()
    {
        var art = new AreaFigures(120, 80.5, 300, 40, 6, 5, 18, 7);
        var lil = new AreaFigures(30, 20, 50, 10, 4, 3, 9, 2);
        return new Overview(Quarter, Quarter.Previous(),
            new KpiSet(new(150, 100), new(100.5, 0), new(350, 400), new(50, 50), new(10, 10), new(8, 4), new(27, 30), new(9, 9)),
            [new TerritoryFigures(2, "ART", "Artois", 1, art), new TerritoryFigures(7, "LIL", "Lille & Weppes", 3, lil)],
            [new SectorFigures(1, "Secteur 1", art), new SectorFigures(3, "Secteur 3", lil)],
            [new TypeFigures(ActivityType.PublicAction, 60, 90)],
            [new WorkstreamFigures(4, 1, "Inclusion numérique", 12, 18, 70)],
            Enumerable.Range(0, 12).Select(i => new MonthFigures(new DateOnly(2022, 4, 1).AddMonths(i), i, i)).ToList());
    }

    [Fact]
    public void Kpi_tiles_show_values_changes_and_links_to_the_period()
    {
        var grid = Render<KpiGrid>(p => p
            .Add(g => g.Kpis, SampleOverview().Kpis)
            .Add(g => g.Links, new DashboardLinks(Quarter, Enabled: true)));

        var activities = grid.Find("[data-testid=kpi-activities]");
        Assert.Equal("150", activities.TextContent.Trim());
        Assert.Equal("/activities?from=2023-01-01&to=2023-03-31", activities.GetAttribute("href"));
        Assert.Contains("+50,0 %", grid.Markup);
        Assert.Contains("▼ -12,5 %", grid.Markup);
        // The arrows and colours are for the eye; a screen reader hears the direction in words (issue 15 point 3).
        var spoken = grid.FindAll(".kpi-up .visually-hidden, .kpi-down .visually-hidden").Select(e => e.TextContent).ToList();
        Assert.Contains("hausse de 50,0 % par rapport à la période précédente", spoken);
        Assert.Contains("baisse de 12,5 % par rapport à la période précédente", spoken);
        Assert.All(grid.FindAll(".kpi-up > span:first-child, .kpi-down > span:first-child"), arrow => Assert.Equal("true", arrow.GetAttribute("aria-hidden")));
        Assert.Contains("100,5 h", grid.Find("[data-testid=kpi-hours]").TextContent);
        Assert.Contains("pas de comparaison", grid.Markup);
        Assert.Contains("= stable", grid.Markup);
        Assert.Equal("/activities?from=2023-01-01&to=2023-03-31&type=PublicAction",
            grid.Find("[data-testid=kpi-inhabitants]").GetAttribute("href"));
    }

    [Fact]
    public void Territory_rows_link_to_their_dashboard_and_to_their_activities()
    {
        var table = Render<TerritoryComparison>(p => p
            .Add(c => c.Overview, SampleOverview())
            .Add(c => c.Links, new DashboardLinks(Quarter, Enabled: true)));

        var hrefs = table.FindAll("[data-testid=territories] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/territories/ART?period=2023-Q1", hrefs);
        Assert.Contains("/activities?from=2023-01-01&to=2023-03-31&territory=LIL", hrefs);
        Assert.Contains("Lille &amp; Weppes", table.Markup);
    }

    [Fact]
    public async Task A_national_network_charts_its_most_active_territories_and_sorts_the_table_by_a_figure()
    {
        var quiet = new AreaFigures(1, 1, 1, 1, 1, 1, 1, 1);
        var territories = Enumerable.Range(1, 40)
            .Select(i => new TerritoryFigures(i, $"N{i:000}", $"Territoire {i:000}", 1, quiet with { Activities = i * 37 % 41, Inhabitants = 100 - i }))
            .ToList();
        var overview = SampleOverview() with { Territories = territories };

        var comparison = Render<TerritoryComparison>(p => p.Add(c => c.Overview, overview).Add(c => c.Links, new DashboardLinks(Quarter, Enabled: true)));

        Assert.Equal($"Les {TerritoryComparison.ChartedTerritories} territoires les plus actifs", comparison.Find("[data-testid=territories-chart-title]").TextContent);
        // The chart sizes itself to its box in a browser (no box in bUnit): read the labels it is given.
        var charted = comparison.FindComponent<MudBlazor.MudChart<double>>().Instance.ChartLabels.ToHashSet();
        var mostActive = territories.OrderByDescending(t => t.Figures.Activities).Take(TerritoryComparison.ChartedTerritories).Select(t => t.Code);
        Assert.Equal(mostActive.ToHashSet(), charted);
        string FirstRow() => comparison.Find("[data-testid=territories] tbody tr td").TextContent;
        Assert.Equal("Territoire 001", FirstRow());

        await comparison.FindAll("[data-testid=territories] th button")[1].ClickAsync(new()); // Activités
        var most = territories.MaxBy(t => t.Figures.Activities)!;
        Assert.Equal(most.Name, FirstRow());
        Assert.Equal("descending", comparison.FindAll("[data-testid=territories] th")[1].GetAttribute("aria-sort"));

        await comparison.FindAll("[data-testid=territories] th button")[3].ClickAsync(new()); // Habitants
        Assert.Equal("Territoire 001", FirstRow());
        await comparison.FindAll("[data-testid=territories] th button")[0].ClickAsync(new()); // back to the territories' order
        Assert.Equal("Territoire 001", FirstRow());
        // Forty territories: the first twenty rows in the chosen order, all of them on demand.
        Assert.Equal(TerritoryComparison.CollapsedRows, comparison.FindAll("[data-testid=territories] tbody tr").Count);
        var toggle = comparison.Find("[data-testid=territories-toggle]");
        Assert.Equal("Afficher les 40 territoires", toggle.TextContent.Trim());
        Assert.Equal("false", toggle.GetAttribute("aria-expanded"));
        await toggle.ClickAsync(new());
        Assert.Equal(40, comparison.FindAll("[data-testid=territories] tbody tr").Count);
        Assert.Equal("true", comparison.Find("[data-testid=territories-toggle]").GetAttribute("aria-expanded"));
    }

    [Fact]
    public void Breakdowns_link_types_and_workstreams_to_their_activities()
    {
        var tables = Render<BreakdownTables>(p => p
            .Add(c => c.Overview, SampleOverview())
            .Add(c => c.Links, new DashboardLinks(Quarter, Enabled: true, TerritoryCode: "ART")));

        var hrefs = tables.FindAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/activities?from=2023-01-01&to=2023-03-31&territory=ART&type=PublicAction", hrefs);
        Assert.Contains("/activities?from=2023-01-01&to=2023-03-31&territory=ART&workstream=4", hrefs);
        Assert.Contains("Action grand public", tables.Markup);
    }

    [Fact]
    public void The_committee_sees_the_same_figures_without_links()
    {
        var grid = Render<KpiGrid>(p => p
            .Add(g => g.Kpis, SampleOverview().Kpis)
            .Add(g => g.Links, new DashboardLinks(Quarter, Enabled: false)));
        var table = Render<TerritoryComparison>(p => p
            .Add(c => c.Overview, SampleOverview())
            .Add(c => c.Links, new DashboardLinks(Quarter, Enabled: false)));

        Assert.Equal("150", grid.Find("[data-testid=kpi-activities]").TextContent.Trim());
        Assert.Empty(grid.FindAll("a"));
        Assert.Empty(table.FindAll("[data-testid=territories] a"));
    }
}
