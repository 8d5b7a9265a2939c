using System.Net;
using CscDashboard.Web.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static CscDashboard.Tests.Web.Api.ApiWorld;

namespace CscDashboard.Tests.Web.Api;

/// <summary>
/// Every endpoint of <c>/api/v1</c> (discovered from the app, so that a new one without a row fails) against every kind of
/// token: each role's, an "aggregates only" one, none, an unknown, an expired and a revoked one, a deactivated account's,
/// and a signed-in browser's cookie without a token. The status of each answer, and what its body may hold: no one of
/// another territory for a coordinator, nobody at all for the committee and the aggregates, never finance (ADR 026).
/// </summary>
public sealed class ApiMatrixTests(ApiWorld world, ITestOutputHelper output) : IClassFixture<ApiWorld>
{
    /// <summary>One endpoint: its pattern as registered, the address tried, and the status per token holder (others get 401).</summary>
    public sealed record Row(string Pattern, Func<ApiWorld, string> Url, IReadOnlyDictionary<string, int> Status);

    private static Dictionary<string, int> Expect(int staff, int committee) => new()
    {
        [Admin] = staff, [Lead] = staff, [CoordinatorArt] = staff, [CoordinatorLil] = staff, [Committee] = committee, [Aggregates] = committee,
    };

    /// <summary>Every token holder reads it.</summary>
    private static readonly Dictionary<string, int> Everyone = Expect(200, 200);
    /// <summary>Staff tokens; the committee's and "aggregates only" tokens are refused (403).</summary>
    private static readonly Dictionary<string, int> Staff = Expect(200, 403);

    public static readonly IReadOnlyList<Row> Rows =
    [
        new("/api/v1/figures", _ => "/api/v1/figures?period=2023-Q1&groupBy=territory,month", Everyone),
        new("/api/v1/indicators", _ => "/api/v1/indicators?period=2023-Q1", Everyone),
        // A territory's indicators, like its dashboard: staff only.
        new("/api/v1/indicators", _ => "/api/v1/indicators?period=2023-Q1&territory=ART&format=csv", Staff),
        new("/api/v1/activities", _ => "/api/v1/activities?from=2023-01-01&pageSize=500", Staff),
        new("/api/v1/centres", _ => "/api/v1/centres", Staff),
        new("/api/v1/partners", _ => "/api/v1/partners", Staff),
        new("/api/v1/members", _ => "/api/v1/members", Staff),
        new("/api/v1/reports", _ => "/api/v1/reports", Everyone),
        new("/api/v1/reports/{id:int}/pdf", w => $"/api/v1/reports/{w.ReportId}/pdf", Everyone),
    ];

    private List<RouteEndpoint> ApiEndpoints() =>
        world.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => ("/" + e.RoutePattern.RawText!.TrimStart('/')).StartsWith("/api/v1/", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Every_api_endpoint_has_a_row_and_only_token_policies()
    {
        var endpoints = ApiEndpoints();
        var patterns = endpoints.Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).ToHashSet();
        Assert.True(patterns.SetEquals(Rows.Select(r => r.Pattern)),
            $"Routes de l'API sans ligne : {string.Join(", ", patterns.Except(Rows.Select(r => r.Pattern)))} ; lignes sans route : "
            + string.Join(", ", Rows.Select(r => r.Pattern).Except(patterns)));
        var policies = world.App.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        foreach (var endpoint in endpoints)
        {
            var names = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            Assert.True(names.Count > 0 && names.All(n => n is not null && ApiAuth.EndpointPolicies.Contains(n)),
                $"{endpoint.RoutePattern.RawText} : règles {string.Join(", ", names)}");
            Assert.Null(endpoint.Metadata.GetMetadata<IAllowAnonymous>());
            foreach (var name in names)
            {
                var policy = await policies.GetPolicyAsync(name!);
                Assert.Equal([ApiAuth.Scheme], policy!.AuthenticationSchemes);
            }
            Assert.Equal(["GET"], endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods);
        }
    }

    public static TheoryData<string> Callers => new([.. Holders, .. Refused]);

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Each_token_gets_the_expected_answer_and_nothing_outside_its_scope(string caller)
    {
        using var client = await world.ClientAsync(caller);
        var wrong = new List<string>();
        foreach (var row in Rows)
        {
            var url = row.Url(world);
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            var expected = row.Status.GetValueOrDefault(caller, 401);
            output.WriteLine($"{caller,-28} {url,-60} {(int)response.StatusCode}");
            if ((int)response.StatusCode != expected)
            {
                wrong.Add($"{url} : attendu {expected}, obtenu {(int)response.StatusCode} {body}");
                continue;
            }
            if (expected != 200)
            {
                if (response.Content.Headers.ContentType?.MediaType != "application/problem+json" || !body.Contains("\"detail\"", StringComparison.Ordinal))
                {
                    wrong.Add($"{url} : {expected} sans « problem details » ({response.Content.Headers.ContentType}) {body}");
                }
                continue;
            }
            wrong.AddRange(Forbidden(caller).Where(n => body.Contains(n, StringComparison.OrdinalIgnoreCase)).Select(n => $"{url} : montre « {n} »"));
            wrong.AddRange(Expected(caller, row.Pattern).Where(n => !body.Contains(n, StringComparison.OrdinalIgnoreCase)).Select(n => $"{url} : ne montre pas « {n} »"));
        }
        Assert.True(wrong.Count == 0, $"{caller} :\n" + string.Join("\n", wrong));
    }

    /// <summary>What a caller's answers must never hold.</summary>
    private static string[] Forbidden(string caller) => caller switch
    {
        CoordinatorArt => [.. LilNames, .. FederationNames, .. Finance],
        CoordinatorLil => [.. ArtNames, .. FederationNames, .. Finance],
        Committee or Aggregates => [.. ArtNames, .. LilNames, .. FederationNames, .. Finance],
        _ => Finance,
    };

    /// <summary>What the answers must hold, so that the absences above mean something.</summary>
    private static IEnumerable<string> Expected(string caller, string pattern) => (caller, pattern) switch
    {
        (Admin or Lead, "/api/v1/activities") => ["oscar.art", "xavier.lil", "Noté par Lilas"],
        (Admin or Lead, "/api/v1/members") => ["Awa", "Luc"],
        (Admin or Lead, "/api/v1/partners") => ["Paul Contact", "Pia Contact", "Zoé Contact"],
        (CoordinatorArt, "/api/v1/activities") => ["oscar.art", "Noté par Artemis", "Atelier Lilas"],
        (CoordinatorArt, "/api/v1/members") => ["Awa"],
        (CoordinatorArt, "/api/v1/partners") => ["Paul Contact", "Mairie Lilas", "Région Zenith"],
        (CoordinatorLil, "/api/v1/activities") => ["xavier.lil", "Atelier Artemis"],
        (CoordinatorLil, "/api/v1/members") => ["Luc"],
        (_, "/api/v1/figures") => ["\"ART\"", "\"LIL\"", "2023-03"],
        (_, "/api/v1/indicators") => ["ACTIONS-API", "CSC-2021-2023", "50"],
        (_, "/api/v1/reports") => ["2023-Q1"],
        (_, "/api/v1/reports/{id:int}/pdf") => ["%PDF"],
        _ => [],
    };

    [Fact]
    public async Task A_refused_token_says_why_in_french_and_asks_for_a_bearer()
    {
        var answers = new Dictionary<string, string>();
        foreach (var caller in Refused)
        {
            using var client = await world.ClientAsync(caller);
            using var response = await client.GetAsync("/api/v1/reports");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            answers[caller] = await response.Content.ReadAsStringAsync();
        }
        Assert.Contains("Authorization: Bearer", answers[None]);
        Assert.Contains("Authorization: Bearer", answers[ApiWorld.Cookie]);
        Assert.Contains("inconnu", answers[Unknown]);
        Assert.Contains("a expiré", answers[Expired]);
        Assert.Contains("révoqué", answers[Revoked]);
        Assert.Contains("révoqué", answers[Deactivated]);
    }
}
