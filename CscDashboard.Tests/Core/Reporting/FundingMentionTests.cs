using System.IO.Compression;
using CscDashboard.Core.Common;
using CscDashboard.Core.Compliance;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Reporting;
using CscDashboard.Core.Reporting.Pdf;
using CscDashboard.Tests.Core.Evidence;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace CscDashboard.Tests.Core.Reporting;

/// <summary>
/// Each operation's documents carry its own EU funding mention (the 2024-2027 phase is not REACT-EU) and dossier
/// titles name their period in words.
/// </summary>
public sealed class FundingMentionTests
{
    private const string SecondProgramme = "FEDER-FSE+ 2021-2027 (Région Hauts-de-France)";

    // Kept beside the screenshots so that a person can render them (pdftoppm) and look at them.
    private static string WordsOf(byte[] pdf, string keepAs)
    {
        File.WriteAllBytes(Browser.BrowserFixture.ScreenshotPath(keepAs), pdf);
        return WordsOf(pdf);
    }

    private static string WordsOf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    private static async Task<int> AddSecondOperationAsync(CoreTestContext ctx)
    {
        await using var db = ctx.CreateDb();
        var operation = new Operation
        {
            Code = "CSC-2024-2027", Name = "Centres Sociaux Connectés (2024-2027)", Programme = SecondProgramme,
            StartDate = new DateOnly(2024, 1, 1), EndDate = new DateOnly(2027, 12, 31), RetentionUntil = new DateOnly(2030, 12, 31),
            EuFundingRate = 0.6m,
        };
        db.Operations.Add(operation);
        await db.SaveChangesAsync();
        return operation.Id;
    }

    private static async Task<byte[]> DossierSummaryAsync(CoreTestContext ctx, int operationId, Period period)
    {
        var path = await ctx.Get<PaymentClaimDossierBuilder>().BuildAsync(operationId, period, new Progress<int>());
        using var zip = ZipFile.OpenRead(path);
        using var summary = new MemoryStream();
        await using (var entry = zip.GetEntry(PaymentClaimDossierBuilder.SummaryName)!.Open())
        {
            await entry.CopyToAsync(summary);
        }
        return summary.ToArray();
    }

    [Fact]
    public void The_mention_names_the_operations_own_programme()
    {
        Assert.Equal("Cofinancé par l'Union européenne — FEDER REACT-EU (Région Hauts-de-France)",
            Operation.FundingMentionOf("FEDER REACT-EU (Région Hauts-de-France)"));
        Assert.Equal($"Cofinancé par l'Union européenne — {SecondProgramme}", Operation.FundingMentionOf(SecondProgramme));
        Assert.Equal("Cofinancé par l'Union européenne", Operation.FundingMentionOf(" "));
    }

    [Fact]
    public async Task The_dossier_title_names_the_period_in_words_with_the_first_operations_mention()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "VAL"));
        var activityId = await EvidenceTestData.AddActivityAsync(ctx, await ctx.TerritoryIdAsync("VAL"), "Atelier tablettes seniors", new DateOnly(2023, 3, 1));
        var sheet = WordsOf((await ctx.Get<AttendanceSheetService>().RenderAsync(activityId)).Content, "emargement-csc-2021-2023.pdf");
        Assert.Contains("Mercredi 1er mars 2023", sheet);
        Assert.Contains("Cofinancé par l'Union européenne — FEDER REACT-EU (Région Hauts-de-France)", sheet);
        ctx.ActAs(await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        await using var db = ctx.CreateDb();
        var operationId = await db.Operations.Where(o => o.Code == "CSC-2021-2023").Select(o => o.Id).SingleAsync();

        var pdf = await DossierSummaryAsync(ctx, operationId, Period.Month(2023, 3));

        using (var document = PdfDocument.Open(pdf))
        {
            Assert.Equal("Demande de paiement — CSC-2021-2023 — mars 2023", document.Information.Title);
        }
        var text = WordsOf(pdf, "dossier-csc-2021-2023-mars-2023.pdf");
        Assert.Contains("mars 2023", text);
        Assert.DoesNotContain("2023-03", text);
        Assert.Contains("Du 1er mars 2023 au 31 mars 2023", text);
        Assert.Contains("Cofinancé par l'Union européenne — FEDER REACT-EU (Région Hauts-de-France)", text);
    }

    [Fact]
    public async Task The_2024_2027_documents_carry_their_own_mention_and_never_REACT_EU()
    {
        await using var ctx = await CoreTestContext.CreateAsync(new DateOnly(2024, 6, 10));
        var operationId = await AddSecondOperationAsync(ctx);
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "VAL"));
        var activityId = await EvidenceTestData.AddActivityAsync(ctx, await ctx.TerritoryIdAsync("VAL"), "Atelier démarches en ligne", new DateOnly(2024, 3, 1));

        var sheet = WordsOf((await ctx.Get<AttendanceSheetService>().RenderAsync(activityId)).Content, "emargement-csc-2024-2027.pdf");
        ctx.ActAs(await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        var dossier = WordsOf(await DossierSummaryAsync(ctx, operationId, Period.Quarter(2024, 1)), "dossier-csc-2024-2027-t1-2024.pdf");
        var model = await ctx.Get<ProgressReportBuilder>().BuildAsync(ReportKind.QuarterlyCommittee, Period.Quarter(2024, 1), null);
        var report = WordsOf(new ProgressReportDocument(model).Render(ctx.Get<IDocumentComposerFactory>()));

        foreach (var text in new[] { sheet, dossier, report })
        {
            Assert.Contains($"Cofinancé par l'Union européenne — {SecondProgramme}", text);
            Assert.DoesNotContain("REACT", text);
        }
        Assert.Contains("Vendredi 1er mars 2024", sheet);
        Assert.Contains("1er trimestre 2024", dossier);
    }
}
