using System.Text.Encodings.Web;
using System.Text.Json;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Indicators;
using CscDashboard.Core.Reporting;
using CscDashboard.Tests.Core.Evidence;
using CscDashboard.Tests.Infrastructure;

namespace CscDashboard.Tests.Core.Indicators;

/// <summary>
/// The partner committee sees indicators and targets as aggregates: the overview's section and the reports, never a name —
/// not the coordinators', not those a declared value's note or its evidence carries; what holds them is refused.
/// </summary>
public sealed class IndicatorCommitteeTests
{
    private static readonly string[] Names = ["Jeanne", "Dupont", "oscar.coord", "Oscar Coordinateur"];

    [Fact]
    public async Task The_committee_reads_the_figures_and_no_name()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var lead = await IndicatorTestData.LeadAsync(ctx);
        var indicators = await IndicatorTestData.CatalogueAsync(ctx, await IndicatorTestData.OperationIdAsync(ctx));
        var art = await ctx.TerritoryIdAsync("ART");
        var coordinator = await ctx.AddUserAsync("oscar.coord@test.csc", Roles.Coordinator, "ART");
        ctx.ActAs(coordinator);
        var centre = await ActivityTestData.AddCentreAsync(ctx, "ART", "Centre Artois");
        var activity = await EvidenceTestData.AddActivityAsync(ctx, art, "Atelier avec Jeanne Dupont", centreIds: centre);
        var evidence = await ctx.Get<EvidenceService>().UploadAsync(new EvidenceUpload("convention-jeanne-dupont.pdf", EvidenceCategory.Other,
            new EvidenceLinks(ActivityId: activity)), new MemoryStream(EvidenceTestData.Pdf()));
        await ctx.Get<DeclarationService>().CreateAsync(new DeclarationInput
        {
            IndicatorId = indicators["COF"], TerritoryId = art, From = new DateOnly(2023, 1, 1), To = new DateOnly(2023, 3, 1), Value = 12_000,
            Note = "Convention signée par Jeanne Dupont, adjointe au maire.", EvidenceDocumentId = evidence.Id,
        });
        ctx.ActAs(lead);
        await ctx.Get<IndicatorService>().SetTargetAsync(new TargetInput { IndicatorId = indicators["COF"], TerritoryId = art, Value = 40_000 });
        var quarter = Period.Quarter(2023, 1);
        var report = await ctx.Get<ProgressReportBuilder>().BuildAsync(ReportKind.QuarterlyCommittee, quarter, null);

        ctx.ActAs(await ctx.AddUserAsync("comite@test.csc", Roles.Committee));
        var section = await ctx.Get<IndicatorDashboardService>().GetOverviewAsync(quarter);
        var overview = await ctx.Get<DashboardService>().GetOverviewWithIndicatorsAsync(quarter);

        // The figures are there: the declared co-funding against the territory's target (the operation's is their sum).
        var cofunding = section.Lines.Single(l => l.Code == "COF");
        Assert.Equal((12_000m, 40_000m, true), (cofunding.Cumulative, cofunding.Target!.Value, cofunding.TargetIsSum));
        Assert.Equal(12, section.Audience.Inhabitants);
        foreach (var (what, text) in new[] { ("section", Json(section)), ("tableau de bord", Json(overview)), ("bilan", Json(report.Indicators)) })
        {
            Assert.True(Names.All(n => !text.Contains(n, StringComparison.OrdinalIgnoreCase)), $"{what} : un nom apparaît\n{text}");
        }
        Assert.Contains("Indicateur COF", Json(report.Indicators));

        // What holds names or notes is refused: a territory's section, the declarations, the catalogue page.
        await Assert.ThrowsAsync<ScopeViolationException>(() => ctx.Get<IndicatorDashboardService>().GetTerritoryAsync("ART", quarter));
        var operationId = await IndicatorTestData.OperationIdAsync(ctx);
        await Assert.ThrowsAsync<ScopeViolationException>(() => ctx.Get<DeclarationService>().ListAsync(operationId));
        await Assert.ThrowsAsync<ScopeViolationException>(() => ctx.Get<IndicatorService>().GetCatalogueAsync(operationId));
        Assert.Empty(await ctx.Get<IndicatorDashboardService>().GetMyTerritoriesAsync());
    }

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Json(object? value) => JsonSerializer.Serialize(value, Readable);
}
