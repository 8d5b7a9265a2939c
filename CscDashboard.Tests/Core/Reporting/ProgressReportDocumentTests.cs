using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Reporting;
using CscDashboard.Core.Reporting.Pdf;
using CscDashboard.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace CscDashboard.Tests.Core.Reporting;

public sealed class ProgressReportDocumentTests
{
    private static string TextOf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    [Fact]
    public async Task The_numbers_in_the_pdf_are_the_databases()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));
        for (var i = 0; i < 7; i++)
        {
            await ctx.Get<ActivityService>().CreateAsync(new ActivityInput
            {
                Date = new DateOnly(2023, 2, 1).AddDays(i), DurationMinutes = 90, TerritoryId = art, Type = ActivityType.Coordination,
                Format = ActivityFormat.Meeting, Place = ActivityPlace.Remote, Title = $"Réunion {i}", InhabitantCount = 123,
            });
        }
        // Before the quarter: a workshop whose attendance sheet is still owed (evidence since the operation began).
        await ctx.Get<ActivityService>().CreateAsync(new ActivityInput
        {
            Date = new DateOnly(2022, 11, 8), DurationMinutes = 120, TerritoryId = art, Type = ActivityType.Coordination,
            Format = ActivityFormat.Workshop, Place = ActivityPlace.Remote, Title = "Atelier démarches en ligne", InhabitantCount = 9,
        });
        ctx.ActAs(CurrentUser.System("job:test"));

        var model = await ctx.Get<ProgressReportBuilder>().BuildAsync(ReportKind.QuarterlyCommittee, Period.Quarter(2023, 1), null);
        var text = TextOf(new ProgressReportDocument(model).Render(ctx.Get<IDocumentComposerFactory>()));

        Assert.Contains("861", text); // 7 × 123 inhabitants
        Assert.Contains("10,5", text); // 7 × 1 h 30
        Assert.Contains("Cofinancé par l'Union européenne — FEDER REACT-EU (Région Hauts-de-France)", text);
        Assert.Contains("Région Hauts-de-France", text);
        // Evidence: nothing owed in the quarter (100 %), the November sheet owed since the operation began (0 %).
        Assert.Contains("Pièces justificatives", text);
        Assert.Contains("Artois 0 0 100,0 % 0,0 %", text);
        Assert.Contains("Cambrésis 0 0 100,0 % 100,0 %", text);
        Assert.Contains("Total 0 0 100,0 % 0,0 %", text); // one piece owed in the whole federation, not filed
        foreach (var (_, _, name, _) in CscDashboard.Core.Data.Seeding.ReferenceData.Territories)
        {
            foreach (var word in name.Split(' '))
            {
                Assert.Contains(word, text);
            }
        }
    }

    [Fact]
    public void A_long_highlights_list_loses_no_title_and_long_tables_repeat_their_header()
    {
        var highlights = Enumerable.Range(1, 70)
            .Select(i => new HighlightLine(new DateOnly(2023, 1, 1).AddDays(i), $"Temps-fort-{i:000} atelier numérique", "Action grand public", null))
            .ToList();
        var centres = Enumerable.Range(1, 90)
            .Select(i => new CentreFigures(i, $"Centre-{i:000}", "Lens", i, 1, null, null, false, true)).ToList();
        var figures = new AreaFigures(1, 1, 1, 1, 1, 1, 1, 1);
        var kpi = new Kpi(1, 1);
        var model = new ProgressReportModel
        {
            Kind = ReportKind.Territory, Title = "Bilan du territoire Test", FederationName = ProgressReportBuilder.FederationName,
            OperationCode = "CSC-2021-2023", OperationName = "Centres Sociaux Connectés", Programme = "FEDER REACT-EU", PeriodCode = "2023-Q1",
            PeriodLabel = "1er trimestre 2023", PreviousPeriodLabel = "4e trimestre 2022", ScopeLabel = "Test", TerritoryCode = "TST",
            GeneratedAtUtc = new DateTime(2023, 4, 1, 6, 0, 0, DateTimeKind.Utc), Kpis = new KpiSet(kpi, kpi, kpi, kpi, kpi, kpi, kpi, kpi),
            Territories = [new TerritoryFigures(1, "TST", "Test", 1, figures)], Sectors = [], Types = [],
            TerritorySections = [new TerritorySection("TST", "Test", figures, centres, highlights)],
            WorkstreamSections = [], Trend = [], Partners = [], Funding = [], NextSteps = [],
        };

        var pdf = new ProgressReportDocument(model).Render(new PdfDocumentComposerFactory());
        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))).ToList();
        var all = string.Join("\n", pages);

        foreach (var h in highlights)
        {
            Assert.Contains(h.Title.Split(' ')[0], all);
        }
        var withCentreRows = pages.Where(p => p.Contains("Centre-0", StringComparison.Ordinal)).ToList();
        Assert.True(withCentreRows.Count >= 2, "the centres table runs over several pages");
        Assert.All(withCentreRows, p => Assert.Contains("Dernière", p));
        var words = pages.SelectMany(p => p.Split(' ')).ToList();
        Assert.All(Enumerable.Range(1, 90), i => Assert.Single(words, w => w == $"Centre-{i:000}"));
    }
}
