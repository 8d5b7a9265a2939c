using System.Net;
using System.Text;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Network;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CscDashboard.Tests.Web;

public sealed class NetworkExportEndpointTests(CscWebFactory app) : IClassFixture<CscWebFactory>
{
    private async Task SeedCentresAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        if (await db.Centres.AnyAsync())
        {
            return;
        }
        var art = await db.Territories.SingleAsync(t => t.Code == "ART");
        var lil = await db.Territories.SingleAsync(t => t.Code == "LIL");
        db.Centres.AddRange(
            new SocialCentre { Name = "Centre social Jean Jaurès", Commune = "Arras", Postcode = "62000", TerritoryId = art.Id, Status = CentreStatus.Engaged, EngagedOn = new DateOnly(2021, 10, 1) },
            new SocialCentre { Name = "=Centre piégé", Commune = "Lille", Postcode = "59000", TerritoryId = lil.Id });
        await db.SaveChangesAsync();
    }

    [Theory]
    [InlineData("/network/centres/export.csv")]
    [InlineData("/network/members/export.xlsx")]
    public async Task An_anonymous_request_is_sent_to_sign_in(string path)
    {
        using var client = app.CreateBrowserlikeClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/network/centres/export.csv")]
    [InlineData("/network/members/export.csv")]
    [InlineData("/network/partners/export.xlsx")]
    public async Task The_committee_is_refused(string path)
    {
        var email = $"committee-{Guid.NewGuid():N}@test.csc";
        await app.AddUserAsync(email, Roles.Committee);
        using var client = app.CreateBrowserlikeClient();
        await CscWebFactory.SignInAsync(client, email);

        var response = await client.GetAsync(path);

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"got {response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_coordinator_downloads_the_filtered_centres_as_a_french_csv()
    {
        await SeedCentresAsync();
        await app.AddUserAsync("coord-export@test.csc", Roles.Coordinator, "ART");
        using var client = app.CreateBrowserlikeClient();
        await CscWebFactory.SignInAsync(client, "coord-export@test.csc");

        var response = await client.GetAsync("/network/centres/export.csv?territory=LIL");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("centres-sociaux_", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Nom;Commune;Code postal;Adresse;Territoire;Statut;Date de candidature;Date d'engagement;Date de retrait;Centre d'accueil", lines[0]);
        Assert.Equal("'=Centre piégé;Lille;59000;;LIL;Candidat;;;;Non", lines.Single(l => l.Contains("Lille")));
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public async Task A_coordinator_downloads_members_as_xlsx_and_an_unknown_format_is_not_found()
    {
        await app.AddUserAsync("coord-xlsx@test.csc", Roles.Coordinator, "ART");
        using var client = app.CreateBrowserlikeClient();
        await CscWebFactory.SignInAsync(client, "coord-xlsx@test.csc");

        var xlsx = await client.GetAsync("/network/members/export.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        Assert.Equal((byte)'P', (await xlsx.Content.ReadAsByteArrayAsync())[0]); // a zip

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/network/members/export.pdf")).StatusCode);
    }
}
