using CscDashboard.Core.Common;
using CscDashboard.Core.Network;
using CscDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CscDashboard.Tests.Web;

/// <summary>
/// Issue 14 point 6 (ADR 020): every endpoint answers bad parameters with 400 (a French message) or 404,
/// never 500; every page's shell answers 200 over HTTP (what the page then shows is walked in the browser).
/// </summary>
public sealed class UrlParameterTests(UrlParameterTests.Fixture app) : IClassFixture<UrlParameterTests.Fixture>
{
    /// <summary>Endpoints that take no parameter of their own, or are not the app's (Hangfire's dashboard).</summary>
    private static readonly HashSet<string> WithoutParameters = ["/health", "/account/logout", "/hangfire/{**path}", "/{**path:file}",
        "/api/docs/scalar.js", "/api/docs/scalar.aspnetcore.js", "/api/docs/favicon.svg",
        // The offline entry's script endpoints take a JSON answer or body, no parameter (ADR 032).
        "/activities/quick/context", "/activities/quick/sync"];

    public static TheoryData<int, string> EndpointUrls
    {
        get
        {
            var data = new TheoryData<int, string>();
            foreach (var (row, index) in BadUrls.Endpoints(1).Select((row, index) => (row, index)))
            {
                data.Add(index, row.Url);
            }
            return data;
        }
    }

    public static TheoryData<string> PageUrls => new(BadUrls.Pages(1).Select(c => c.Url));

    [Theory]
    [MemberData(nameof(EndpointUrls))]
    public async Task An_endpoint_answers_a_bad_parameter_with_400_or_404_never_500(int index, string shown)
    {
        Assert.NotEmpty(shown);
        var row = BadUrls.Endpoints(app.MemberId)[index];
        var client = await app.ClientAsync();

        using var response = await client.GetAsync(row.Url);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(row.Status == (int)response.StatusCode, $"{row.Url}: {(int)response.StatusCode} {body}");
        if (row.Shows is not null)
        {
            Assert.Contains(row.Shows, body);
        }
    }

    [Theory]
    [MemberData(nameof(PageUrls))]
    public async Task A_page_with_bad_parameters_answers_its_shell(string url)
    {
        var client = await app.ClientAsync();

        using var response = await client.GetAsync(url);

        Assert.Equal(200, (int)response.StatusCode);
    }

    public static TheoryData<string> StaticPageUrls => new(BadUrls.StaticPages.Select(c => c.Url));

    /// <summary>The sign-in steps and the account's security page render on the server alone: a bad value is an error page or nothing, never a 500.</summary>
    [Theory]
    [MemberData(nameof(StaticPageUrls))]
    public async Task A_static_account_page_with_bad_parameters_answers_without_error(string url)
    {
        var client = await app.ClientAsync();

        using var response = await client.GetAsync(url);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is System.Net.HttpStatusCode.OK or System.Net.HttpStatusCode.Redirect, $"{url}: {(int)response.StatusCode} {body}");
    }

    [Fact]
    public void Every_endpoint_with_parameters_has_bad_values_in_the_list()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null && e.Metadata.GetMetadata<ComponentTypeMetadata>() is null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => !p.StartsWith("/_", StringComparison.Ordinal) && !WithoutParameters.Contains(p))
            .ToHashSet();
        var listed = BadUrls.Endpoints(1).Select(c => c.Pattern).ToHashSet();

        Assert.Empty(endpoints.Except(listed));
        Assert.Empty(listed.Except(endpoints));
    }

    /// <summary>The app, an administrator (reads everything, the accounts page too) and a member of ART for the timesheet.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        private readonly CscWebFactory _app = new();
        private HttpClient? _client;

        public int MemberId { get; private set; }
        public IServiceProvider Services => _app.Services;

        public async Task InitializeAsync()
        {
            await using var db = await _app.CreateDbAsync();
            var art = await db.Territories.Where(t => t.Code == "ART").Select(t => t.Id).SingleAsync();
            var member = new NetworkMember { FirstName = "Awa", LastName = "Paramètres", TerritoryId = art, Role = MemberRole.Ctn, ActiveFrom = new DateOnly(2021, 9, 1) };
            db.Members.Add(member);
            await db.SaveChangesAsync();
            MemberId = member.Id;
        }

        /// <summary>An administrator's browser, which also sends the administrator's token (read by the API only).</summary>
        public async Task<HttpClient> ClientAsync()
        {
            if (_client is null)
            {
                var id = await _app.AddUserAsync("admin-parametres@test.csc", Roles.Admin);
                _client = _app.CreateBrowserlikeClient();
                await CscWebFactory.SignInAsync(_client, "admin-parametres@test.csc");
                CscWebFactory.WithToken(_client, (await _app.CreateTokenAsync(id)).Secret);
            }
            return _client;
        }

        public async Task DisposeAsync()
        {
            _client?.Dispose();
            await _app.DisposeAsync();
        }
    }
}
