using System.IO.Compression;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Compliance;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Network;
using CscDashboard.Core.Reporting;
using CscDashboard.Core.Reporting.Pdf;
using CscDashboard.Core.Timesheets;
using CscDashboard.Tests.Core.Evidence;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace CscDashboard.Tests.Core.Reporting;

/// <summary>
/// Issue 15 point 8 (ADR 022): every kind of PDF the app prints says its title and its language, is drawn in reading
/// order, and a chart's figures are in the document as text.
/// </summary>
public sealed class PdfAccessibilityTests
{
    /// <summary>The title in the document information, /Lang fr-FR in the catalog, and viewers told to show the title.</summary>
    private static void AssertTitledInFrench(byte[] pdf, string title)
    {
        using var document = PdfDocument.Open(pdf);
        Assert.Equal(title, document.Information.Title);
        var catalog = document.Structure.Catalog.CatalogDictionary;
        Assert.True(catalog.TryGet(NameToken.Lang, out StringToken language), "the catalog has no /Lang");
        Assert.Equal("fr-FR", language.Data);
        Assert.True(catalog.TryGet(NameToken.ViewerPreferences, out IToken preferences), "the catalog has no /ViewerPreferences");
        var dictionary = preferences as DictionaryToken
            ?? (DictionaryToken)document.Structure.GetObject(((IndirectReferenceToken)preferences).Data).Data;
        Assert.True(dictionary.TryGet(NameToken.Create("DisplayDocTitle"), out BooleanToken display) && display.Data,
            "viewers are not told to show the title");
    }

    /// <summary>Each page's characters in the order they are drawn (the order a screen reader meets them without tags).</summary>
    private static List<string> DrawnTextOf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => string.Concat(p.Letters.Select(l => l.Value))).ToList();
    }

    private static async Task<int> AddActivitiesAsync(CoreTestContext ctx, string territory, DateOnly first, int count, int minutes)
    {
        var id = await ctx.TerritoryIdAsync(territory);
        for (var i = 0; i < count; i++)
        {
            await EvidenceTestData.AddActivityAsync(ctx, id, $"Atelier {territory} {i}", first.AddDays(i), minutes);
        }
        return id;
    }

    [Fact]
    public async Task Progress_reports_attendance_sheets_timesheets_and_the_dossier_have_a_title_and_the_french_language()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var coordinator = await ctx.AddUserAsync("nadia@test.csc", Roles.Coordinator, "DOU");
        ctx.ActAs(coordinator);
        var dou = await ctx.TerritoryIdAsync("DOU");
        var activityId = await EvidenceTestData.AddActivityAsync(ctx, dou, "Atelier tablettes seniors", new DateOnly(2023, 3, 14), 90);
        int memberId;
        await using (var db = ctx.CreateDb())
        {
            var member = new NetworkMember
            {
                FirstName = "Nadia", LastName = "Benali", Role = MemberRole.Coordinator, TerritoryId = dou,
                Assignment = Assignment.Variable, ActiveFrom = new DateOnly(2021, 9, 1), UserId = coordinator.UserId,
            };
            db.Members.Add(member);
            await db.SaveChangesAsync();
            memberId = member.Id;
        }

        AssertTitledInFrench((await ctx.Get<AttendanceSheetService>().RenderAsync(activityId)).Content,
            "Feuille d'émargement — Atelier tablettes seniors — 14/03/2023");
        AssertTitledInFrench((await ctx.Get<TimesheetService>().RenderAsync(memberId, new DateOnly(2023, 3, 1))).Content,
            "Feuille de temps — Nadia Benali — Mars 2023");

        ctx.ActAs(await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        var builder = ctx.Get<PaymentClaimDossierBuilder>();
        await using (var db = ctx.CreateDb())
        {
            var operationId = await db.Operations.Where(o => o.Code == ReferenceData.FirstOperationCode).Select(o => o.Id).SingleAsync();
            var path = await builder.BuildAsync(operationId, Period.Month(2023, 3));
            using var zip = ZipFile.OpenRead(path);
            using var summary = new MemoryStream();
            await using (var entry = zip.GetEntry(PaymentClaimDossierBuilder.SummaryName)!.Open())
            {
                await entry.CopyToAsync(summary);
            }
            AssertTitledInFrench(summary.ToArray(), "Demande de paiement — CSC-2021-2023 — mars 2023");
        }

        ctx.ActAs(CurrentUser.System("job:test"));
        foreach (var (kind, territory, title) in new[]
        {
            (ReportKind.QuarterlyCommittee, (string?)null, "Bilan trimestriel pour le comité partenarial — 1er trimestre 2023"),
            (ReportKind.Monthly, null, "Bilan mensuel — Mars 2023"),
            (ReportKind.Territory, "DOU", "Bilan du territoire Douaisis — 1er trimestre 2023"),
        })
        {
            var period = kind == ReportKind.Monthly ? Period.Month(2023, 3) : Period.Quarter(2023, 1);
            var model = await ctx.Get<ProgressReportBuilder>().BuildAsync(kind, period, territory);
            Assert.Equal(title, $"{model.Title} — {model.PeriodLabel}");
            AssertTitledInFrench(new ProgressReportDocument(model).Render(ctx.Get<IDocumentComposerFactory>()), title);
        }
    }

    [Fact]
    public async Task The_charts_figures_are_in_the_report_as_text_and_each_page_is_drawn_top_to_bottom()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        ctx.ActAs(await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        await AddActivitiesAsync(ctx, "ART", new DateOnly(2023, 2, 1), 7, 90);
        await AddActivitiesAsync(ctx, "VAL", new DateOnly(2023, 1, 9), 3, 60);
        ctx.ActAs(CurrentUser.System("job:test"));

        var model = await ctx.Get<ProgressReportBuilder>().BuildAsync(ReportKind.QuarterlyCommittee, Period.Quarter(2023, 1), null);
        var pdf = new ProgressReportDocument(model).Render(ctx.Get<IDocumentComposerFactory>());

        using (var document = PdfDocument.Open(pdf))
        {
            var words = string.Join(" ", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
            // The trend chart's figures, month by month, in the table after it.
            Assert.Contains("Les chiffres du graphique :", words);
            Assert.Contains("Janvier 2023 3 3,0", words);
            Assert.Contains("Février 2023 7 10,5", words);
            Assert.Contains("Mars 2023 (en cours) 0 0,0", words); // the clock is on 15 March 2023
            Assert.Contains("Avril 2022 0 0,0", words);
            Assert.Contains("Les chiffres de ce graphique figurent dans la colonne « Activités » du tableau ci-dessus.", words);
        }

        var pages = DrawnTextOf(pdf);
        for (var i = 0; i < pages.Count; i++)
        {
            // The footer comes after the page's content, the page number last.
            Assert.EndsWith($"Page {i + 1} / {pages.Count}", pages[i]);
        }
        var text = string.Concat(pages);
        var chart = text.IndexOf("Activités par territoire", StringComparison.Ordinal);
        Assert.True(chart > text.IndexOf("Les territoires comparés", StringComparison.Ordinal), "the chart is drawn after its section's heading");
        // Each bar's label is followed by its value; the axis' numbers (0 2 4 6 8) come after the last bar, not before the first.
        var artois = text.IndexOf("Artois7", chart, StringComparison.Ordinal);
        var valenciennois = text.IndexOf("Valenciennois3", chart, StringComparison.Ordinal);
        var last = text.IndexOf("Cambrésis0", chart, StringComparison.Ordinal);
        var axis = text.IndexOf("02468", chart, StringComparison.Ordinal);
        Assert.True(artois > chart && valenciennois > artois && last > valenciennois, "the bars are drawn in the order of the territories, each with its value");
        Assert.True(axis > last, "the axis' numbers are drawn after the bars");
        Assert.True(text.IndexOf("Les chiffres de ce graphique", chart, StringComparison.Ordinal) > axis, "the chart's note follows it");
    }
}
