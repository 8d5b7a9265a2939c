using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CscDashboard.Core.Common;
using CscDashboard.Core.Network.Import;
using CscDashboard.Web.Api;
using static CscDashboard.Tests.Web.Api.ApiWorld;

namespace CscDashboard.Tests.Web.Api;

/// <summary>Every list in CSV holds what its JSON holds; paging, filters and the French error answers (ADR 026).</summary>
public sealed partial class ApiListTests(ApiWorld world) : IClassFixture<ApiWorld>
{
    /// <summary>Members only in JSON: codes whose French label is a CSV column, and the reports' times.</summary>
    private static readonly HashSet<string> JsonOnly = ["type", "format", "place", "status", "kind", "role", "assignment", "scope", "createdAt", "completedAt"];

    public static TheoryData<string> Lists => new(
        "/api/v1/activities?from=2023-01-01&pageSize=50",
        "/api/v1/centres?archived=true",
        "/api/v1/partners",
        "/api/v1/members",
        "/api/v1/reports",
        "/api/v1/indicators?period=2023&territory=ART",
        "/api/v1/figures?period=2023&groupBy=sector,territory,month",
        "/api/v1/figures?period=2023-Q1&groupBy=type",
        "/api/v1/figures?period=2023-01-10_2023-05-20&groupBy=workstream,month");

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task The_csv_of_a_list_holds_its_json_cell_by_cell(string url)
    {
        using var client = await world.ClientAsync(Admin);
        var json = JsonDocument.Parse(await client.GetStringAsync(url)).RootElement;
        var csv = await client.GetByteArrayAsync(url + (url.Contains('?') ? "&" : "?") + "format=csv");

        var items = json.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        var lines = TabularReader.Read(csv, "liste.csv", 10_000);
        var columns = ColumnsOf(url, json);
        Assert.Equal(columns.Select(c => c.Header), lines[0].Cells);
        Assert.Equal(items.Count, lines.Count - 1);
        for (var i = 0; i < items.Count; i++)
        {
            for (var j = 0; j < columns.Count; j++)
            {
                Assert.True(Expected(items[i].GetProperty(columns[j].Json)) == lines[i + 1].Cells[j],
                    $"{url} ligne {i + 1}, {columns[j].Header} : JSON {items[i].GetProperty(columns[j].Json)}, CSV « {lines[i + 1].Cells[j]} »");
            }
            var shown = columns.Select(c => c.Json).ToHashSet();
            Assert.All(items[i].EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null),
                p => Assert.True(shown.Contains(p.Name) || JsonOnly.Contains(p.Name), $"{url} : « {p.Name} » manque au CSV"));
        }
    }

    private static List<(string Header, string Json)> ColumnsOf(string url, JsonElement json) => new Uri("http://x" + url).AbsolutePath switch
    {
        "/api/v1/activities" => Pairs(ApiTables.Activities),
        "/api/v1/centres" => Pairs(ApiTables.Centres),
        "/api/v1/partners" => Pairs(ApiTables.Partners),
        "/api/v1/members" => Pairs(ApiTables.Members),
        "/api/v1/reports" => Pairs(ApiTables.Reports),
        "/api/v1/indicators" => Pairs(ApiTables.Indicators),
        _ => Pairs(ApiTables.Figures([.. json.GetProperty("groupBy").EnumerateArray().Select(g => g.GetString()!)])),
    };

    private static List<(string, string)> Pairs<T>(IReadOnlyList<ApiColumn<T>> columns) => [.. columns.Select(c => (c.Header, c.Json))];

    /// <summary>The cell a French spreadsheet should read for a JSON value, written here from the JSON alone.</summary>
    private static string Expected(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "",
        JsonValueKind.True => "Oui",
        JsonValueKind.False => "Non",
        JsonValueKind.Number => value.TryGetInt64(out var whole) ? whole.ToString(CultureInfo.InvariantCulture) : value.GetDouble().ToString("0.##", French.Culture),
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Expected)),
        _ when Day().IsMatch(value.GetString()!) => DateOnly.ParseExact(value.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        _ when Time().IsMatch(value.GetString()!) => value.GetString()![..5],
        _ => value.GetString()!,
    };

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex Day();

    [GeneratedRegex(@"^\d{2}:\d{2}:\d{2}$")]
    private static partial Regex Time();

    [Fact]
    public async Task Pages_follow_each_other_with_the_total_and_the_filters_of_the_activity_log()
    {
        using var client = await world.ClientAsync(Lead);
        var all = JsonDocument.Parse(await client.GetStringAsync("/api/v1/activities?territory=lil&from=2023-01-01&to=2023-12-31&pageSize=500")).RootElement;
        var total = all.GetProperty("total").GetInt32();
        Assert.Equal(20, total);
        Assert.All(all.GetProperty("items").EnumerateArray(), a => Assert.Equal("LIL", a.GetProperty("territoryCode").GetString()));

        using var second = await client.GetAsync("/api/v1/activities?territory=LIL&from=2023-01-01&page=2&pageSize=7");
        var page = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((2, 7, total), (page.GetProperty("page").GetInt32(), page.GetProperty("pageSize").GetInt32(), page.GetProperty("total").GetInt32()));
        Assert.Equal(total.ToString(CultureInfo.InvariantCulture), second.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(all.GetProperty("items").EnumerateArray().Skip(7).Take(7).Select(a => a.GetProperty("id").GetInt32()),
            page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetInt32()));
        Assert.Equal("no-store", second.Headers.CacheControl?.ToString());

        var workshops = JsonDocument.Parse(await client.GetStringAsync("/api/v1/activities?q=n%C2%B05&type=" + all.GetProperty("items")[0].GetProperty("type").GetString())).RootElement;
        Assert.All(workshops.GetProperty("items").EnumerateArray(), a => Assert.Contains("n°5", a.GetProperty("title").GetString()));
    }

    [Theory]
    [InlineData("/api/v1/activities?pageSize=501", 400, "pageSize")]
    [InlineData("/api/v1/activities?page=0", 400, "page")]
    [InlineData("/api/v1/activities?page=abc", 400, "paramètre")]
    [InlineData("/api/v1/activities?from=2023-02-30", 400, "paramètre")]
    [InlineData("/api/v1/activities?from=2023-03-01&to=2023-02-01", 400, "précéder")]
    [InlineData("/api/v1/activities?territory=ZZZ", 400, "Territoire « ZZZ » inconnu")]
    [InlineData("/api/v1/activities?type=7", 400, "inconnu")]
    [InlineData("/api/v1/centres?status=Ouvert", 400, "Statut")]
    [InlineData("/api/v1/partners?kind=zzz", 400, "Nature")]
    [InlineData("/api/v1/members?role=zzz&territory=%00", 400, "Fonction")]
    [InlineData("/api/v1/reports/987654/pdf", 404, "n'existe pas")]
    [InlineData("/api/v1/indicators", 400, "« period » est obligatoire")]
    [InlineData("/api/v1/indicators?period=2023&territory=ZZZ", 400, "Territoire « ZZZ » inconnu")]
    [InlineData("/api/v1/inconnue", 404, "n'existe pas dans l'API")]
    [InlineData("/api/v1/activities?trash=true", 200, null)]
    public async Task Bad_requests_get_french_problem_details(string url, int status, string? detail)
    {
        using var client = await world.ClientAsync(Admin);
        using var response = await client.GetAsync(url);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{url} : {(int)response.StatusCode} {body}");
        if (detail is not null)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(detail, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task The_api_only_reads_and_a_coordinator_token_has_no_trash()
    {
        using var admin = await world.ClientAsync(Admin);
        using var post = await admin.PostAsync("/api/v1/activities", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Contains("GET", await post.Content.ReadAsStringAsync());

        using var coordinator = await world.ClientAsync(CoordinatorArt);
        using var trash = await coordinator.GetAsync("/api/v1/activities?trash=true");
        Assert.Equal(HttpStatusCode.Forbidden, trash.StatusCode);
        Assert.Contains("corbeille", await trash.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Cors_is_closed_to_other_sites_by_default()
    {
        using var client = await world.ClientAsync(Admin);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports");
        request.Headers.Add("Origin", "https://tableau.exemple.fr");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Each_use_of_a_token_is_audited_and_shown_as_its_last_use()
    {
        var issued = await world.CreateTokenAsync(CoordinatorLil, new() { Name = "Audit", Days = 10 });
        using var client = world.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", issued.Secret);
        await client.GetAsync("/api/v1/centres?q=Lilas");
        await client.GetAsync("/api/v1/reports");

        await using var db = await world.App.CreateDbAsync();
        var key = issued.Id.ToString(CultureInfo.InvariantCulture);
        var uses = db.AuditEntries.Where(a => a.Entity == "AccessToken" && a.EntityKey == key).OrderBy(a => a.Id).ToList();
        Assert.Equal(["Insert", "Use", "Use"], uses.Select(u => u.Action));
        Assert.Contains("/api/v1/centres?q=Lilas", uses[1].Changes);
        Assert.All(uses, u => Assert.Equal(world.UserIds[CoordinatorLil], u.UserId));
        Assert.DoesNotContain(issued.Secret, string.Concat(uses.Select(u => u.Changes)));
        Assert.DoesNotContain(CscDashboard.Core.OpenData.AccessTokenService.HashOf(issued.Secret), uses[0].Changes);
        Assert.NotNull(db.AccessTokens.Single(t => t.Id == issued.Id).LastUsedAt);
    }
}
