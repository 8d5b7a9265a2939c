using System.Net;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Hosting;
using static CscDashboard.Tests.Web.AuthorizationMatrixTests;

namespace CscDashboard.Tests.Web;

/// <summary>
/// Issue 14, point 10: every file endpoint answers with <c>Cache-Control: no-store</c> (files and refusals alike),
/// and a document of another territory answers exactly as an unknown id does (404, same body), while a role that
/// may never download it is still refused at the door (403). On the authorization matrix's app and data.
/// </summary>
public sealed class DownloadHeadersTests(Fixture app) : IClassFixture<Fixture>
{
    private const string DossierName = "dossier_TEST_2023-Q1.zip";

    /// <summary>Every download (path as registered, URL tried) with the caller that may read it.</summary>
    public static TheoryData<string, string> AllDownloads => new()
    {
        { "/evidence/{id:int}/file", Admin },
        { "/activities/{id:int}/attendance-sheet.pdf", Coordinator },
        { "/meetings/{id:int}/attendance-sheet.pdf", Lead },
        { "/network/members/{id:int}/timesheet.pdf", Lead },
        { "/reports/{id:int}/pdf", Committee },
        { "/reports/{id:int}/pdf?download=true", Coordinator },
        { "/compliance/dossiers/{fileName}", Lead },
        { "/network/centres/export.csv", Coordinator },
        { "/network/members/export.xlsx", Admin },
        { "/network/partners/export.csv", Lead },
        { "/activities/export.csv", Coordinator },
        { "/activities/export.xlsx", Admin },
    };

    [Theory]
    [MemberData(nameof(AllDownloads))]
    public async Task Every_download_tells_browsers_and_proxies_to_keep_no_copy(string route, string caller)
    {
        using var client = await app.ClientAsync(caller);

        var response = await client.GetAsync(Url(route));

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route} : {(int)response.StatusCode}");
        AssertNoStore(response, route);
    }

    /// <summary>The documents addressed by an id or a name, for the coordinator of another territory (or, for dossiers, the lead).</summary>
    public static TheoryData<string, string> DocumentsById => new()
    {
        { "/evidence/{0}/file", OtherCoordinator },
        { "/activities/{0}/attendance-sheet.pdf", OtherCoordinator },
        { "/meetings/{0}/attendance-sheet.pdf", OtherCoordinator },
        { "/network/members/{0}/timesheet.pdf?month=2023-03", OtherCoordinator },
    };

    [Theory]
    [MemberData(nameof(DocumentsById))]
    public async Task A_document_of_another_territory_answers_exactly_like_an_unknown_id(string pattern, string caller)
    {
        using var client = await app.ClientAsync(caller);
        var known = pattern switch
        {
            _ when pattern.StartsWith("/evidence", StringComparison.Ordinal) => app.EvidenceId,
            _ when pattern.StartsWith("/activities", StringComparison.Ordinal) => app.ActivityId,
            _ when pattern.StartsWith("/meetings", StringComparison.Ordinal) => app.MeetingId,
            _ => app.MemberId,
        };

        var otherTerritory = await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, known));
        var unknown = await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, 987654));

        Assert.Equal(HttpStatusCode.NotFound, otherTerritory.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var body = await otherTerritory.Content.ReadAsStringAsync();
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), body);
        Assert.Contains(Downloads.NotFoundMessage, body);
        Assert.Equal(unknown.Content.Headers.ContentType?.ToString(), otherTerritory.Content.Headers.ContentType?.ToString());
        AssertNoStore(otherTerritory, pattern);
        AssertNoStore(unknown, pattern);
    }

    [Fact]
    public async Task A_role_that_may_never_download_a_document_is_still_refused_at_the_door()
    {
        using var committee = await app.ClientAsync(Committee);

        foreach (var url in new[]
        {
            $"/evidence/{app.EvidenceId}/file", "/evidence/987654/file", $"/activities/{app.ActivityId}/attendance-sheet.pdf",
            $"/network/members/{app.MemberId}/timesheet.pdf?month=2023-03", $"/compliance/dossiers/{DossierName}",
        })
        {
            var response = await committee.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal)),
                $"{url} : {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task An_unknown_report_or_dossier_is_not_found_and_not_stored()
    {
        using var lead = await app.ClientAsync(Lead);

        var report = await lead.GetAsync("/reports/987654/pdf");
        var dossier = await lead.GetAsync("/compliance/dossiers/dossier_inconnu.zip");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (report.StatusCode, dossier.StatusCode));
        AssertNoStore(dossier, "dossier");
        Assert.Contains(Downloads.NotFoundMessage, await dossier.Content.ReadAsStringAsync());
    }

    private string Url(string route)
    {
        if (route.StartsWith("/compliance/dossiers", StringComparison.Ordinal))
        {
            var directory = Path.Combine(app.DataDirectory, "dossiers");
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(Path.Combine(directory, DossierName), "PK\u0005\u0006\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"u8.ToArray());
            return $"/compliance/dossiers/{DossierName}";
        }
        return route.Replace("/evidence/{id:int}", $"/evidence/{app.EvidenceId}", StringComparison.Ordinal)
            .Replace("/activities/{id:int}", $"/activities/{app.ActivityId}", StringComparison.Ordinal)
            .Replace("/meetings/{id:int}", $"/meetings/{app.MeetingId}", StringComparison.Ordinal)
            .Replace("/network/members/{id:int}/timesheet.pdf", $"/network/members/{app.MemberId}/timesheet.pdf?month=2023-03", StringComparison.Ordinal)
            .Replace("/reports/{id:int}", $"/reports/{app.ReportId}", StringComparison.Ordinal);
    }

    private static void AssertNoStore(HttpResponseMessage response, string route)
    {
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"{route} : Cache-Control « {response.Headers.CacheControl} »");
        Assert.Contains("no-cache", response.Headers.Pragma.Select(p => p.Name));
    }
}
