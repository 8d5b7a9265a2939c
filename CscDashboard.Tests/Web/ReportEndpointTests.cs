using System.Net;
using CscDashboard.Core.Common;
using CscDashboard.Core.Reporting;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CscDashboard.Tests.Web;

public sealed class ReportEndpointTests(CscWebFactory app) : IClassFixture<CscWebFactory>
{
    /// <summary>A ready quarterly report, built by the real job in a scope acting as a system user (as Hangfire's would).</summary>
    private async Task<int> ReadyReportAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().SetSystemUser(CurrentUser.System("test"));
        var requested = await scope.ServiceProvider.GetRequiredService<ReportService>().RequestAsync(new ReportRequest(ReportKind.QuarterlyCommittee, "2023-Q1"));
        await scope.ServiceProvider.GetRequiredService<ReportJob>().RunAsync(requested.Report.Id, CancellationToken.None);
        return requested.Report.Id;
    }

    [Fact]
    public async Task An_anonymous_request_is_sent_to_sign_in()
    {
        var id = await ReadyReportAsync();
        using var client = app.CreateBrowserlikeClient();

        var response = await client.GetAsync($"/reports/{id}/pdf?download=true");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_user_without_a_role_gets_nothing()
    {
        var id = await ReadyReportAsync();
        var email = $"sans-role-{Guid.NewGuid():N}@test.csc";
        var userId = await app.AddUserAsync(email, Roles.Committee);
        await using (var db = await app.CreateDbAsync())
        {
            await db.UserRoles.Where(r => r.UserId == userId).ExecuteDeleteAsync();
        }
        using var client = app.CreateBrowserlikeClient();
        await CscWebFactory.SignInAsync(client, email);

        var response = await client.GetAsync($"/reports/{id}/pdf");

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"got {response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(Roles.Committee)]
    [InlineData(Roles.Coordinator)]
    public async Task Every_role_previews_the_pdf_in_the_browser_or_downloads_it(string role)
    {
        var id = await ReadyReportAsync();
        using var client = await app.SignedInClientAsync(role);

        var preview = await client.GetAsync($"/reports/{id}/pdf");
        var download = await client.GetAsync($"/reports/{id}/pdf?download=true");

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal("application/pdf", preview.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", preview.Content.Headers.ContentDisposition?.DispositionType);
        Assert.StartsWith("%PDF", await preview.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("bilan-trimestriel-2023-Q1-federation-v1.pdf", download.Content.Headers.ContentDisposition?.FileNameStar
            ?? download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    [Theory]
    [InlineData("/reports/999999/pdf")]
    [InlineData("/reports/..%2F..%2Fcsc.db/pdf")]
    public async Task An_unknown_report_is_not_found(string path)
    {
        using var client = await app.SignedInClientAsync(Roles.ProjectLead);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_report_not_ready_yet_is_not_found()
    {
        int id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().SetSystemUser(CurrentUser.System("test"));
            id = (await scope.ServiceProvider.GetRequiredService<ReportService>().RequestAsync(new ReportRequest(ReportKind.Monthly, "2023-01", "DOU"))).Report.Id;
        }
        using var client = await app.SignedInClientAsync(Roles.ProjectLead);

        var response = await client.GetAsync($"/reports/{id}/pdf");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
