using System.Net;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Evidence;
using CscDashboard.Tests.Core.Evidence;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CscDashboard.Tests.Web;

public sealed class EvidenceEndpointTests(CscWebFactory app) : IClassFixture<CscWebFactory>
{
    /// <summary>An activity in VAL with an attendance-sheet scan, stored through the real service.</summary>
    private async Task<(int ActivityId, int EvidenceId, byte[] Content)> SeedAsync()
    {
        var authorId = await app.AddUserAsync($"author-{Guid.NewGuid():N}@test.csc", Roles.Coordinator, "VAL");
        int activityId;
        await using (var db = await app.CreateDbAsync())
        {
            var activity = new Activity
            {
                AuthorId = authorId, Title = "Atelier démarches en ligne", Date = new DateOnly(2023, 3, 14), DurationMinutes = 90,
                TerritoryId = await db.Territories.Where(t => t.Code == "VAL").Select(t => t.Id).SingleAsync(),
                OperationId = await db.Operations.Where(o => o.Code == "CSC-2021-2023").Select(o => o.Id).SingleAsync(),
                Type = ActivityType.Coordination, Format = ActivityFormat.Meeting, Place = ActivityPlace.Elsewhere,
            };
            activity.RefreshDerivedValues();
            db.Activities.Add(activity);
            await db.SaveChangesAsync();
            activityId = activity.Id;
        }
        var content = EvidenceTestData.Pdf($"Scan {Guid.NewGuid()}");
        await using var scope = app.Services.CreateAsyncScope();
        var service = ActivatorUtilities.CreateInstance<EvidenceService>(scope.ServiceProvider,
            (ICurrentUserAccessor)new FixedCurrentUserAccessor(CurrentUser.System("test")));
        var saved = await service.UploadAsync(new EvidenceUpload("emargement signé.pdf", EvidenceCategory.AttendanceSheet,
            new EvidenceLinks(ActivityId: activityId)), new MemoryStream(content));
        return (activityId, saved.Id, content);
    }

    [Fact]
    public async Task An_anonymous_download_is_sent_to_sign_in()
    {
        var (_, evidenceId, _) = await SeedAsync();
        using var client = app.CreateBrowserlikeClient();

        var response = await client.GetAsync($"/evidence/{evidenceId}/file");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_committee_gets_no_file()
    {
        var (activityId, evidenceId, _) = await SeedAsync();
        using var client = await app.SignedInClientAsync(Roles.Committee);

        foreach (var path in new[] { $"/evidence/{evidenceId}/file", $"/activities/{activityId}/attendance-sheet.pdf" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{path}: {response.StatusCode}");
            Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_coordinator_of_another_territory_gets_the_same_french_404_as_for_an_unknown_piece()
    {
        var (activityId, evidenceId, _) = await SeedAsync();
        using var client = await app.SignedInClientAsync(Roles.Coordinator, "LIL");

        var file = await client.GetAsync($"/evidence/{evidenceId}/file");
        var sheet = await client.GetAsync($"/activities/{activityId}/attendance-sheet.pdf");

        // ADR 017: a document of another territory answers like a missing one, so ids cannot be probed.
        Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        Assert.Contains(Downloads.NotFoundMessage, await file.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, sheet.StatusCode);
    }

    [Fact]
    public async Task The_coordinator_of_the_territory_gets_the_exact_bytes_and_an_unknown_piece_is_not_found()
    {
        var (_, evidenceId, content) = await SeedAsync();
        using var client = await app.SignedInClientAsync(Roles.Coordinator, "VAL");

        var response = await client.GetAsync($"/evidence/{evidenceId}/file");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("emargement signé.pdf", response.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/evidence/999999/file")).StatusCode);
    }

    [Fact]
    public async Task The_project_lead_prints_an_attendance_sheet_and_a_timesheet_needs_a_month()
    {
        var (activityId, _, _) = await SeedAsync();
        using var client = await app.SignedInClientAsync(Roles.ProjectLead);

        var sheet = await client.GetAsync($"/activities/{activityId}/attendance-sheet.pdf");
        var timesheet = await client.GetAsync("/network/members/1/timesheet.pdf?month=mars");

        Assert.Equal(HttpStatusCode.OK, sheet.StatusCode);
        Assert.Equal("application/pdf", sheet.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString((await sheet.Content.ReadAsByteArrayAsync())[..5]), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, timesheet.StatusCode);
    }
}
