using System.Net;
using CscDashboard.Core.Common;
using CscDashboard.Tests.Infrastructure;

namespace CscDashboard.Tests.Web;

/// <summary>
/// The error and not-found pages are static for every visitor (issue 15): an anonymous visitor has no circuit, so an
/// interactive page would stay on « Chargement… ». Their text is in the HTML the server sends, signed in or not. (An unknown
/// address sends an anonymous visitor to the sign-in page, as every page but the public ones.)
/// </summary>
public sealed class ErrorPagesTests(CscWebFactory app) : IClassFixture<CscWebFactory>
{
    [Theory]
    [InlineData("/not-found", HttpStatusCode.OK, "Page introuvable")]
    [InlineData("/error", HttpStatusCode.OK, "Une erreur s'est produite")]
    public async Task An_anonymous_visitor_reads_the_page_without_a_circuit(string url, HttpStatusCode status, string heading)
    {
        using var client = app.CreateBrowserlikeClient();

        using var response = await client.GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains($">{heading}</h1>", page);
        Assert.DoesNotContain("\"type\":\"server\"", page); // no interactive root waiting for a circuit
    }

    [Fact]
    public async Task A_signed_in_coordinator_reads_the_not_found_page_with_the_way_home()
    {
        using var client = await app.SignedInClientAsync(Roles.Coordinator, "ART");

        using var response = await client.GetAsync("/activities/pas-un-nombre/ni-une-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(">Page introuvable</h1>", page);
        Assert.Contains(">Retour à l'accueil</a>", page);
    }
}
