using System.IO.Compression;
using System.Net;
using CscDashboard.Core.Common;
using CscDashboard.Core.Compliance;
using CscDashboard.Core.Finance;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CscDashboard.Tests.Web;

public sealed class DossierEndpointTests(CscWebFactory app) : IClassFixture<CscWebFactory>
{

    /// <summary>Runs the Hangfire job's code directly, as the system user a job runs as.</summary>
    private async Task<string> BuildAsync()
    {
        int operationId;
        await using (var db = await app.CreateDbAsync())
        {
            operationId = await db.Operations.Where(o => o.Code == "CSC-2021-2023").Select(o => o.Id).SingleAsync();
        }
        await using var scope = app.Services.CreateAsyncScope();
        var system = (ICurrentUserAccessor)new FixedCurrentUserAccessor(CurrentUser.System("test"));
        var figures = ActivatorUtilities.CreateInstance<FinanceFiguresService>(scope.ServiceProvider, system);
        var expenses = ActivatorUtilities.CreateInstance<ExpenseService>(scope.ServiceProvider, system);
        var builder = ActivatorUtilities.CreateInstance<PaymentClaimDossierBuilder>(scope.ServiceProvider, system, figures, expenses);
        return Path.GetFileName(await builder.BuildAsync(operationId, Period.Month(2023, 3)));
    }

    [Fact]
    public async Task The_project_lead_downloads_a_built_dossier_and_a_coordinator_may_not()
    {
        var name = await BuildAsync();

        using var lead = await app.SignedInClientAsync(Roles.ProjectLead);
        var response = await lead.GetAsync($"/compliance/dossiers/{name}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using (var zip = new ZipArchive(await response.Content.ReadAsStreamAsync()))
        {
            Assert.NotNull(zip.GetEntry(PaymentClaimDossierBuilder.SummaryName));
        }

        using var coordinator = await app.SignedInClientAsync(Roles.Coordinator, "ART");
        var refused = await coordinator.GetAsync($"/compliance/dossiers/{name}");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("access-denied", refused.Headers.Location?.ToString() ?? "access-denied", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("..%2Fcsc.db")]
    [InlineData("dossier_inconnu.zip")]
    [InlineData("csc.db")]
    public async Task A_name_that_is_not_a_built_dossier_is_not_found(string name)
    {
        using var lead = await app.SignedInClientAsync(Roles.ProjectLead);

        var response = await lead.GetAsync($"/compliance/dossiers/{name}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
