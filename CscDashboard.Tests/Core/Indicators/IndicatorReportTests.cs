using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Indicators;
using CscDashboard.Core.Lookups;
using CscDashboard.Core.Reporting;
using CscDashboard.Core.Reporting.Pdf;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace CscDashboard.Tests.Core.Indicators;

/// <summary>The progress report's « Indicateurs et cibles » section: in its PDF text, the table with the database's values, frozen in the snapshot's model.</summary>
public sealed class IndicatorReportTests
{
    [Fact]
    public async Task The_pdf_holds_the_indicator_table_with_the_databases_values()
    {
        // Today 2023-03-15: the quarter's values run to today.
        await using var ctx = await CoreTestContext.CreateAsync();
        await IndicatorTestData.LeadAsync(ctx);
        var indicators = await IndicatorTestData.CatalogueAsync(ctx, await IndicatorTestData.OperationIdAsync(ctx));
        var art = await ctx.TerritoryIdAsync("ART");
        var centre = await ActivityTestData.AddCentreAsync(ctx, "ART", "Centre Artois");
        var seniors = (await ctx.Get<LookupService>().AudienceGroupsAsync()).Single(g => g.Code == "SENIORS").Id;
        var activities = ctx.Get<ActivityService>();
        // Three public actions in 2022, five in the quarter; 12 inhabitants each, 4 of them seniors.
        foreach (var date in new[] { new DateOnly(2022, 5, 3), new DateOnly(2022, 9, 20), new DateOnly(2022, 12, 6) }
                     .Concat(Enumerable.Range(0, 5).Select(i => new DateOnly(2023, 1, 9).AddDays(7 * i))))
        {
            await activities.CreateAsync(new ActivityInput
            {
                Date = date, DurationMinutes = 120, TerritoryId = art, Type = ActivityType.PublicAction, Format = ActivityFormat.Workshop,
                Place = ActivityPlace.InCentre, Title = "Atelier numérique", InhabitantCount = 12, CentreIds = [centre], Audience = [new AudienceCount(seniors, 4)],
            });
        }
        await ctx.Get<IndicatorService>().SetTargetAsync(new TargetInput { IndicatorId = indicators["ACT"], TerritoryId = art, Value = 40 });

        var model = await ctx.Get<ProgressReportBuilder>().BuildAsync(ReportKind.Territory, Period.Quarter(2023, 1), "ART");
        using var pdf = PdfDocument.Open(new ProgressReportDocument(model).Render(ctx.Get<IDocumentComposerFactory>()));
        var text = string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));

        // The same figures as the database: 5 in the quarter, 8 since 01/09/2021; 40 expected on 31/12/2023, so on 15/03/2023
        // 40 × 560 / 851 days = 26,32; 8 / 40 = 20 %, well below: behind.
        await using var db = ctx.CreateDb();
        var sinceStart = await db.Activities.CountAsync(a => a.TerritoryId == art && a.Type == ActivityType.PublicAction && a.DeletedAt == null);
        var inQuarter = await db.Activities.CountAsync(a => a.TerritoryId == art && a.Type == ActivityType.PublicAction && a.Date >= new DateOnly(2023, 1, 1));
        Assert.Equal((8, 5), (sinceStart, inQuarter));
        Assert.Contains("Indicateurs et cibles", text);
        Assert.Contains($"{inQuarter} {sinceStart} 40 26,32 20 % En retard", text);
        // Inhabitants: 8 × 12 since the start, 5 × 12 in the quarter; the seniors 4 of every 12 (33 %).
        Assert.Contains("60 96", text);
        Assert.Contains("Public : Seniors 20 33 %", text);
        Assert.Contains("60 habitants comptés sur la période", text);
        // Frozen: the model carries the section as built.
        Assert.Equal(40, model.Indicators!.Lines.Single(l => l.Code == "ACT").Target);
    }
}
