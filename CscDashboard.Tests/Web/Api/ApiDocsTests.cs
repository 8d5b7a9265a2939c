using System.Net;
using System.Text.Json;
using CscDashboard.Web.Api;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using static CscDashboard.Tests.Web.Api.ApiWorld;

namespace CscDashboard.Tests.Web.Api;

/// <summary>The OpenAPI document is valid, in French, lists every endpoint of the API; it and the reference page need an account or a token.</summary>
public sealed class ApiDocsTests(ApiWorld world) : IClassFixture<ApiWorld>
{
    [Fact]
    public async Task The_openapi_document_is_valid_and_describes_every_api_endpoint_in_french()
    {
        using var client = await world.ClientAsync(Committee);
        var text = await client.GetStringAsync("/openapi/v1.json");

        var read = OpenApiDocument.Parse(text, "json", new OpenApiReaderSettings());
        Assert.Empty(read.Diagnostic?.Errors ?? []);
        var document = read.Document!;
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);

        var routes = world.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).Where(p => p.StartsWith("/api/v1/", StringComparison.Ordinal))
            .Select(p => p.Replace(":int", "", StringComparison.Ordinal)).ToHashSet();
        Assert.Equal(routes.Order(), document.Paths.Keys.Order());
        Assert.Equal(ApiMatrixTests.Rows.Select(r => r.Pattern).Distinct().Count(), document.Paths.Count);
        foreach (var (path, item) in document.Paths)
        {
            var get = Assert.Single(item.Operations!).Value;
            Assert.False(string.IsNullOrWhiteSpace(get.Summary), path);
            Assert.False(string.IsNullOrWhiteSpace(get.Description), path);
            Assert.All(get.Parameters ?? [], p => Assert.False(string.IsNullOrWhiteSpace(p.Description), $"{path} {p.Name}"));
            Assert.Contains("401", get.Responses!.Keys);
            Assert.Equal("Jeton absent, inconnu, expiré ou révoqué.", get.Responses["401"].Description);
        }
        Assert.Contains("text/csv", document.Paths["/api/v1/figures"].Operations![HttpMethod.Get].Responses!["200"].Content!.Keys);
        Assert.Equal("bearer", document.Components!.SecuritySchemes!["jeton"].Scheme);
        Assert.Contains("Authorization: Bearer", document.Info.Description);
        Assert.Equal(ApiDocs.DocumentName, document.Info.Version);
    }

    [Fact]
    public async Task The_documentation_needs_an_account_or_a_token()
    {
        using var anonymous = await world.ClientAsync(None);
        using var document = await anonymous.GetAsync("/openapi/v1.json");
        using var page = await anonymous.GetAsync("/api/docs/");
        Assert.Equal(HttpStatusCode.Redirect, document.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        using var revoked = await world.ClientAsync(Revoked);
        using var refused = await revoked.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var browser = await world.ClientAsync(ApiWorld.Cookie);
        using var shown = await browser.GetAsync("/api/docs/");
        var html = await shown.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains("API de données ouvertes", html);
        // The page's scripts carry the response's CSP nonce, and nothing is loaded from another site.
        var nonce = shown.Headers.GetValues("Content-Security-Policy").Single().Split("'nonce-")[1].Split('\'')[0];
        Assert.Contains($"nonce=\"{nonce}\"", html);
        Assert.DoesNotContain("https://", html);
        Assert.Contains("\"telemetry\":false", html);

        using var token = await world.ClientAsync(CoordinatorLil);
        using var json = await token.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("3.1.1", JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.GetProperty("openapi").GetString());
    }
}
