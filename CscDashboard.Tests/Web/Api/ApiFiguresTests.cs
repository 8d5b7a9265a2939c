using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using Microsoft.Extensions.DependencyInjection;
using static CscDashboard.Tests.Web.Api.ApiWorld;

namespace CscDashboard.Tests.Web.Api;

/// <summary>The figures endpoint gives the dashboards' numbers for the same period (ADR 023's one query), with an ETag.</summary>
public sealed class ApiFiguresTests(ApiWorld world) : IClassFixture<ApiWorld>
{
    private async Task<JsonElement> FiguresAsync(string period, string groupBy, string caller = Committee)
    {
        using var client = await world.ClientAsync(caller);
        using var response = await client.GetAsync($"/api/v1/figures?period={period}&groupBy={groupBy}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private Task<Overview> OverviewAsync(Period period) =>
        world.AsAsync(Committee, s => s.GetRequiredService<DashboardService>().GetOverviewAsync(period));

    public static TheoryData<string> Periods => new("2023-Q1", "2023-01-10_2023-03-20", "2023-02", "2023");

    [Theory]
    [MemberData(nameof(Periods))]
    public async Task Figures_per_territory_sector_type_and_workstream_equal_the_overview_dashboard(string code)
    {
        Assert.True(Period.TryParse(code, [], out var period, out _));
        var overview = await OverviewAsync(period);

        var territories = (await FiguresAsync(code, "territory")).GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("territoryCode").GetString()!);
        var active = overview.Territories.Where(t => t.Figures.Activities > 0).ToList();
        Assert.NotEmpty(active);
        Assert.Equal(active.Select(t => t.Code).Order(), territories.Keys.Order());
        foreach (var t in active)
        {
            var line = territories[t.Code];
            Assert.Equal(t.Figures.Activities, line.GetProperty("activities").GetInt32());
            Assert.Equal(t.Figures.Hours, line.GetProperty("hours").GetDouble());
            Assert.Equal(t.Figures.Inhabitants, line.GetProperty("inhabitants").GetInt32());
            Assert.Equal(t.Figures.ProfessionalsAndVolunteers, line.GetProperty("professionals").GetInt32() + line.GetProperty("volunteers").GetInt32());
        }

        var sectors = (await FiguresAsync(code, "sector")).GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("sectorNumber").GetInt32());
        foreach (var s in overview.Sectors.Where(s => s.Figures.Activities > 0))
        {
            Assert.Equal(s.Figures.Activities, sectors[s.Number].GetProperty("activities").GetInt32());
            Assert.Equal(s.Figures.Inhabitants, sectors[s.Number].GetProperty("inhabitants").GetInt32());
            // The overview adds its territories' rounded hours: at most a twentieth of an hour apart per territory.
            Assert.True(Math.Abs(s.Figures.Hours - sectors[s.Number].GetProperty("hours").GetDouble()) <= 0.05 * active.Count);
        }

        var types = (await FiguresAsync(code, "type")).GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("type").GetString()!);
        Assert.Equal(overview.Types.Select(t => t.Type.ToString()).Order(), types.Keys.Order());
        foreach (var t in overview.Types)
        {
            Assert.Equal((t.Activities, t.Hours), (types[t.Type.ToString()].GetProperty("activities").GetInt32(), types[t.Type.ToString()].GetProperty("hours").GetDouble()));
        }

        var workstreams = (await FiguresAsync(code, "workstream")).GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("workstreamNumber").GetInt32());
        foreach (var w in overview.Workstreams.Where(w => w.Activities > 0))
        {
            var line = workstreams[w.Number];
            Assert.Equal((w.Activities, w.Hours, w.Inhabitants), (line.GetProperty("activities").GetInt32(), line.GetProperty("hours").GetDouble(), line.GetProperty("inhabitants").GetInt32()));
            Assert.Equal(JsonValueKind.Null, line.GetProperty("professionals").ValueKind);
        }
        Assert.Equal(overview.Workstreams.Count(w => w.Activities > 0), workstreams.Count);
    }

    [Fact]
    public async Task Figures_per_month_equal_the_dashboard_trend_of_the_year()
    {
        var overview = await OverviewAsync(Period.Year(2023));
        var months = (await FiguresAsync("2023", "month", CoordinatorArt)).GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("month").GetString()!, i => (i.GetProperty("activities").GetInt32(), i.GetProperty("hours").GetDouble()));

        Assert.Equal(12, overview.Trend.Count);
        Assert.True(months.Count >= 6);
        foreach (var m in overview.Trend)
        {
            Assert.Equal((m.Activities, m.Hours), months.GetValueOrDefault(m.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public async Task Figures_carry_an_etag_and_answer_304_while_nothing_changed_and_200_once_an_activity_is_added()
    {
        using var client = await world.ClientAsync(Lead);
        const string url = "/api/v1/figures?period=2023-03&groupBy=territory";
        using var first = await client.GetAsync(url);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.True(first.Headers.CacheControl is { Private: true, NoCache: true }, $"{first.Headers.CacheControl}");

        using var unchanged = await client.SendAsync(Conditional(url, etag));
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, unchanged.Headers.ETag);
        // The CSV is another representation: another tag.
        using var csv = await client.SendAsync(Conditional(url + "&format=csv", etag));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);

        await world.App.AddActivityAsync(world.UserIds[CoordinatorArt], "ART", "Visite du 15 mars");
        using var changed = await client.SendAsync(Conditional(url, etag));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    private static HttpRequestMessage Conditional(string url, EntityTagHeaderValue etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(etag);
        return request;
    }

    [Theory]
    [InlineData("", "period")]
    [InlineData("period=2023-13", "non reconnue")]
    [InlineData("period=9999", "Période invalide")]
    [InlineData("period=2023-Q1&groupBy=type,workstream", "chantier ne se croise pas")]
    [InlineData("period=2023-Q1&groupBy=centre", "Regroupez par")]
    [InlineData("period=2023-Q1&format=xml", "json ou csv")]
    public async Task Bad_figures_parameters_get_a_french_problem(string query, string detail)
    {
        using var client = await world.ClientAsync(Admin);
        using var response = await client.GetAsync("/api/v1/figures?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Requête invalide", problem.GetProperty("title").GetString());
        Assert.Contains(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Accept_text_csv_gives_the_figures_as_a_french_spreadsheet_file()
    {
        using var client = await world.ClientAsync(Committee);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/figures?period=2023-Q1&groupBy=territory");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var response = await client.SendAsync(request);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.StartsWith("Code territoire;Territoire;Activités;Heures", System.Text.Encoding.UTF8.GetString(bytes[3..]), StringComparison.Ordinal);
    }
}
