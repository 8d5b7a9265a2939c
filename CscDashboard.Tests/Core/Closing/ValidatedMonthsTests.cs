using System.IO.Compression;
using CscDashboard.Core.Common;
using CscDashboard.Core.Compliance;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Reporting;
using CscDashboard.Core.Reporting.Pdf;

namespace CscDashboard.Tests.Core.Closing;

/// <summary>
/// Issue 18 point 6: dashboards and reports say up to which month the figures are validated; the payment-claim dossier
/// lists the months not approved and marks its synthesis provisional (today 2023-03-15: January and February are over).
/// </summary>
public sealed class ValidatedMonthsTests
{
    private static readonly Period FirstQuarter = Period.Quarter(2023, 1);

    [Fact]
    public async Task Dashboards_say_up_to_which_month_the_figures_of_their_scope_are_approved()
    {
        await using var w = await ClosingWorld.CreateAsync();
        var dashboards = w.Get<DashboardService>();
        Assert.Equal("Chiffres pas encore validés : janvier 2023, février 2023.",
            (await w.AsAsync(w.Coordinator, () => dashboards.GetTerritoryAsync("ART", FirstQuarter))).Overview.Validation!.Sentence);

        await w.CloseAsync(ClosingWorld.January);
        Assert.Equal("Chiffres validés jusqu'à janvier 2023 ; pas encore validés : février 2023.",
            (await w.AsAsync(w.Coordinator, () => dashboards.GetTerritoryAsync("ART", FirstQuarter))).Overview.Validation!.Sentence);
        await w.CloseAsync(ClosingWorld.February);
        var art = (await w.AsAsync(w.Coordinator, () => dashboards.GetTerritoryAsync("ART", FirstQuarter))).Overview.Validation!;
        Assert.Equal("Chiffres validés jusqu'à février 2023.", art.Sentence);
        Assert.False(art.IsProvisional);

        // The federation's months are validated when every territory's are.
        var federation = (await w.AsAsync(w.Committee, () => dashboards.GetOverviewAsync(FirstQuarter))).Validation!;
        Assert.Null(federation.ValidatedThrough);
        Assert.Equal([ClosingWorld.January, ClosingWorld.February], federation.OpenMonths);
        Assert.Equal("Chiffres provisoires : aucun mois de la période n'est encore terminé.",
            (await w.AsAsync(w.Committee, () => dashboards.GetOverviewAsync(Period.Month(2023, 3)))).Validation!.Sentence);
        Assert.Equal("Chiffres pas encore validés : 18 mois, de septembre 2021 à février 2023.",
            (await w.AsAsync(w.Committee, () => dashboards.GetOverviewAsync(Period.Custom(new DateOnly(2021, 9, 1), new DateOnly(2023, 12, 31))))).Validation!.Sentence);
    }

    [Fact]
    public async Task The_monthly_report_notes_the_open_months_of_its_period()
    {
        await using var w = await ClosingWorld.CreateAsync();
        var report = await w.AsAsync(w.Lead, () => w.Get<ProgressReportBuilder>().BuildAsync(ReportKind.Monthly, Period.Month(2023, 2), null));
        Assert.True(report.Validation!.IsProvisional);

        var text = PdfText(new ProgressReportDocument(report).Render(w.Get<IDocumentComposerFactory>()));

        Assert.Contains("Chiffres pas encore validés : février 2023.", text);
    }

    [Fact]
    public async Task The_dossier_lists_the_months_not_approved_and_marks_its_synthesis_provisional_until_every_one_is()
    {
        await using var w = await ClosingWorld.CreateAsync();
        await w.CloseAsync(ClosingWorld.February);
        var builder = w.Get<PaymentClaimDossierBuilder>();

        var provisional = await SummaryTextAsync(await w.AsAsync(w.Lead, () => builder.BuildAsync(w.OperationId, Period.Month(2023, 2))));
        Assert.Contains("synthèse provisoire", provisional);
        Assert.Contains("Synthèse provisoire : les mois suivants ne sont pas encore approuvés", provisional);
        // PdfPig joins a table's cells without a space.
        Assert.Matches(@"Lille & Weppes\s*février 2023", provisional);
        Assert.DoesNotContain("Artois", provisional);

        foreach (var territory in new[] { "FIA", "LIT", "VAL", "DOU", "LLH", "LIL", "RTL", "SAM", "CAM" })
        {
            await w.CloseAsync(ClosingWorld.February, await w.Ctx.TerritoryIdAsync(territory));
        }
        var validated = await SummaryTextAsync(await w.AsAsync(w.Lead, () => builder.BuildAsync(w.OperationId, Period.Month(2023, 2))));
        Assert.DoesNotContain("provisoire", validated);
        Assert.Contains("Tous les mois de la période sont approuvés", validated);
    }

    private static async Task<string> SummaryTextAsync(string zipPath)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        await using var summary = zip.GetEntry(PaymentClaimDossierBuilder.SummaryName)!.Open();
        using var buffer = new MemoryStream();
        await summary.CopyToAsync(buffer);
        return PdfText(buffer.ToArray());
    }

    private static string PdfText(byte[] content)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(content);
        return string.Join("\n", document.GetPages().Select(p => p.Text));
    }
}
