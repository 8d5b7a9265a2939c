using System.Globalization;
using System.Net;
using System.Text;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace CscDashboard.Tests.Web;

public sealed class ActivityExportEndpointTests(CscWebFactory app) : IClassFixture<CscWebFactory>
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Two activities in Artois (one of them a public action) and one in Lille, written straight to the database.</summary>
    private async Task SeedAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        if (await db.Activities.AnyAsync(a => a.Title.StartsWith("Export ")))
        {
            return;
        }
        var author = await app.AddUserAsync("author-export@test.csc", Roles.Coordinator, "ART");
        var operation = await db.Operations.OrderBy(o => o.StartDate).Select(o => o.Id).FirstAsync();
        var art = await db.Territories.Where(t => t.Code == "ART").Select(t => t.Id).SingleAsync();
        var lil = await db.Territories.Where(t => t.Code == "LIL").Select(t => t.Id).SingleAsync();
        Activity Activity(int territory, string title, ActivityType type, DateOnly date) => new()
        {
            OperationId = operation, Date = date, DurationMinutes = 90, TerritoryId = territory, AuthorId = author, Type = type,
            Format = ActivityFormat.Workshop, Place = ActivityPlace.InCentre, Title = title, InhabitantCount = 5,
        };
        db.Activities.AddRange(
            Activity(art, "Export atelier Arras", ActivityType.PublicAction, new DateOnly(2023, 3, 10)),
            Activity(art, "=Export piégé", ActivityType.Coordination, new DateOnly(2023, 3, 9)),
            Activity(lil, "Export Lille", ActivityType.PublicAction, new DateOnly(2023, 3, 8)));
        await db.SaveChangesAsync();
    }

    [Theory]
    [InlineData("/activities/export.csv")]
    [InlineData("/activities/export.xlsx?territory=ART")]
    public async Task An_anonymous_request_is_sent_to_sign_in(string path)
    {
        using var client = app.CreateBrowserlikeClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_committee_is_refused()
    {
        using var client = await app.SignedInClientAsync(Roles.Committee);

        var response = await client.GetAsync("/activities/export.csv");

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"got {response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_coordinator_downloads_the_filtered_log_as_a_french_csv()
    {
        await SeedAsync();
        using var client = await app.SignedInClientAsync(Roles.Coordinator, "LIL");

        var response = await client.GetAsync("/activities/export.csv?territory=ART&from=2023-03-01&q=Export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Matches(@"^journal-activites_\d{4}-\d{2}-\d{2}\.csv$", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Date;Heure de début;Durée (minutes);Territoire;Type;Format;Lieu;Titre;Auteur;", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("10/03/2023;;90;Artois;Action grand public;Atelier;Dans un centre;Export atelier Arras;author-export;", lines[1], StringComparison.Ordinal);
        Assert.Contains(";'=Export piégé;", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_xlsx_reads_back_with_the_same_rows_and_an_unknown_format_is_not_found()
    {
        await SeedAsync();
        using var client = await app.SignedInClientAsync(Roles.ProjectLead);

        var response = await client.GetAsync("/activities/export.xlsx?type=PublicAction&q=Export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxType, response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".xlsx", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'), StringComparison.Ordinal);
        using var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = workbook.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["Export atelier Arras", "Export Lille"], rows.Select(r => (string)r["Titre"]));
        Assert.Equal(["Artois", "Lille & Weppes"], rows.Select(r => (string)r["Territoire"]));
        Assert.Equal(5d, Convert.ToDouble(rows[0]["Habitants"], CultureInfo.InvariantCulture));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/activities/export.pdf")).StatusCode);
    }

    /// <summary>A coordinator's bare list is « Mes activités »: so is its export, and <c>scope=all</c> exports the network.</summary>
    [Fact]
    public async Task A_coordinators_export_follows_the_lists_scope_mine_by_default_and_all_on_request()
    {
        await SeedAsync();
        using var author = app.CreateBrowserlikeClient();
        await CscWebFactory.SignInAsync(author, "author-export@test.csc");
        using var newcomer = await app.SignedInClientAsync(Roles.Coordinator, "ART");

        async Task<string[]> TitlesAsync(HttpClient client, string path)
        {
            var text = Encoding.UTF8.GetString((await client.GetByteArrayAsync(path))[3..]);
            return [.. text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(';')[7])];
        }

        Assert.Equal(["Export atelier Arras", "'=Export piégé", "Export Lille"], await TitlesAsync(author, "/activities/export.csv"));
        Assert.Empty(await TitlesAsync(newcomer, "/activities/export.csv"));
        Assert.Empty(await TitlesAsync(newcomer, "/activities/export.csv?scope=mine&territory=ART"));
        Assert.Contains("Export atelier Arras", await TitlesAsync(newcomer, "/activities/export.csv?scope=all"));
        Assert.Contains("Export Lille", await TitlesAsync(newcomer, "/activities/export.csv?q=Export"));
    }
}
