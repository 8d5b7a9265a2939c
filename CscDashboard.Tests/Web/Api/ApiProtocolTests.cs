using System.Net;
using CscDashboard.Tests.Infrastructure;
using static CscDashboard.Tests.Web.Api.ApiWorld;

namespace CscDashboard.Tests.Web.Api;

/// <summary>The settings of the protocol (ADR 026): the per-token burst, then 429 with Retry-After; CORS origins when configured.</summary>
public sealed class ApiProtocolTests(ApiProtocolTests.Fixture world) : IClassFixture<ApiProtocolTests.Fixture>
{
    public const string Origin = "https://tableau.exemple.fr";

    /// <summary>A burst of 3 requests, then one a minute; one web origin allowed.</summary>
    public sealed class Fixture() : ApiWorld(new CscWebFactory
    {
        ExtraSettings = new Dictionary<string, string>
        {
            ["Api:RateLimit:Burst"] = "3",
            ["Api:RateLimit:PerMinute"] = "1",
            ["Api:Cors:Origins"] = Origin + ", https://autre.exemple.fr",
        },
    });

    [Fact]
    public async Task A_token_gets_429_with_retry_after_past_its_burst_and_another_token_is_not_slowed()
    {
        using var client = await world.ClientAsync(Lead);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await client.GetAsync("/api/v1/reports");
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        var retryAfter = last!.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Trop de requêtes avec ce jeton", await last.Content.ReadAsStringAsync());
        last.Dispose();

        using var other = await world.ClientAsync(Committee);
        using var answer = await other.GetAsync("/api/v1/reports");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    [Fact]
    public async Task A_configured_origin_may_read_the_api_from_a_browser_and_others_may_not()
    {
        using var client = await world.ClientAsync(Admin);
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/figures?period=2023-Q1");
        preflight.Headers.Add("Origin", Origin);
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization");
        using var allowed = await client.SendAsync(preflight);
        Assert.True(allowed.IsSuccessStatusCode, $"{allowed.StatusCode}");
        Assert.Equal(Origin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());

        using var get = new HttpRequestMessage(HttpMethod.Get, "/api/v1/figures?period=2023-Q1");
        get.Headers.Add("Origin", Origin);
        using var read = await client.SendAsync(get);
        Assert.Equal(Origin, read.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("ETag", read.Headers.GetValues("Access-Control-Expose-Headers").Single());

        using var stranger = new HttpRequestMessage(HttpMethod.Get, "/api/v1/figures?period=2023-Q2");
        stranger.Headers.Add("Origin", "https://pirate.exemple.fr");
        using var refused = await client.SendAsync(stranger);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
