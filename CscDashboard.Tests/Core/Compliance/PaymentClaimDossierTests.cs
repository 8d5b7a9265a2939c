using System.IO.Compression;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Compliance;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Finance;
using CscDashboard.Tests.Core.Evidence;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core.Compliance;

public sealed class PaymentClaimDossierTests
{
    [Fact]
    public async Task The_zip_holds_every_current_piece_of_the_period_and_the_index_lists_each_exactly_once()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        var lead = await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead);
        ctx.ActAs(lead);
        await using var db = ctx.CreateDb();
        var operationId = await db.Operations.Where(o => o.Code == ReferenceData.FirstOperationCode).Select(o => o.Id).SingleAsync();
        var expenseId = await ctx.Get<ExpenseService>().CreateExpenseAsync(new ExpenseInput
        {
            OperationId = operationId, TerritoryId = art, Supplier = "Imprimerie du Nord", InvoiceNumber = "IMP-1",
            InvoiceDate = new DateOnly(2023, 3, 6), Category = CostCategory.Communication, AmountExclVat = 100m, Vat = 20m, EligibleAmount = 120m,
        });
        var activityId = await EvidenceTestData.AddActivityAsync(ctx, art, "Atelier parents-enfants", new DateOnly(2023, 3, 14));
        var evidence = ctx.Get<EvidenceService>();
        var sheet = EvidenceTestData.Pdf("Émargement atelier");
        Task<EvidenceSaved> Upload(string name, EvidenceCategory category, EvidenceLinks links, byte[] content) =>
            evidence.UploadAsync(new EvidenceUpload(name, category, links), new MemoryStream(content));
        var invoice = await Upload("Facture n°1 (scan).pdf", EvidenceCategory.Invoice, new EvidenceLinks(ExpenseId: expenseId), EvidenceTestData.Pdf("Facture"));
        var attendance = await Upload("émargement.pdf", EvidenceCategory.AttendanceSheet, new EvidenceLinks(ActivityId: activityId), sheet);
        // The same bytes uploaded twice are two pieces of evidence sharing one stored file: both are in the dossier.
        var copy = await Upload("emargement-copie.pdf", EvidenceCategory.Other, new EvidenceLinks(ActivityId: activityId), sheet);
        var withdrawn = await Upload("erreur.png", EvidenceCategory.Invoice, new EvidenceLinks(ExpenseId: expenseId), EvidenceTestData.Png);
        await evidence.WithdrawAsync(withdrawn.Id, "Mauvaise pièce");
        await Upload("fevrier.pdf", EvidenceCategory.Other, new EvidenceLinks(ActivityId: activityId, PeriodMonth: new DateOnly(2023, 2, 1)), EvidenceTestData.Pdf("Février"));

        var builder = ctx.Get<PaymentClaimDossierBuilder>();
        var progress = new List<int>();
        var path = await builder.BuildAsync(operationId, Period.Month(2023, 3), new SynchronousProgress(progress.Add));

        Assert.StartsWith(builder.DossiersDirectory, path, StringComparison.Ordinal);
        Assert.Equal(100, progress[^1]);
        using var zip = ZipFile.OpenRead(path);
        var index = await builder.IndexAsync(operationId, Period.Month(2023, 3));
        Assert.Equal(new[] { invoice.Id, attendance.Id, copy.Id }.Order(), index.Select(e => e.EvidenceId).Order());
        var pieces = zip.Entries.Where(e => e.FullName is not PaymentClaimDossierBuilder.SummaryName and not PaymentClaimDossierBuilder.SpreadsheetName).ToList();
        Assert.Equal(index.Select(e => e.Path).Order(), pieces.Select(e => e.FullName).Order());
        var invoiceEntry = index.Single(e => e.EvidenceId == invoice.Id);
        Assert.Equal($"03-facture/{invoice.Id:00000}_facture-n-1--scan.pdf", invoiceEntry.Path);
        Assert.Equal("Imprimerie du Nord — IMP-1", invoiceEntry.LinkedTo);
        Assert.Equal("Atelier parents-enfants", index.Single(e => e.EvidenceId == attendance.Id).LinkedTo);
        foreach (var entry in index)
        {
            await using var stored = File.OpenRead(ctx.Get<EvidenceStore>().PathOf(entry.Sha256));
            using var expected = new MemoryStream();
            await stored.CopyToAsync(expected);
            await using var zipped = zip.GetEntry(entry.Path)!.Open();
            using var actual = new MemoryStream();
            await zipped.CopyToAsync(actual);
            Assert.Equal(expected.ToArray(), actual.ToArray());
        }

        using var summaryStream = new MemoryStream();
        await using (var summary = zip.GetEntry(PaymentClaimDossierBuilder.SummaryName)!.Open())
        {
            await summary.CopyToAsync(summaryStream);
        }
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(summaryStream.ToArray());
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));
        foreach (var entry in index)
        {
            var name = Path.GetFileName(entry.Path);
            Assert.Equal(1, CountOf(text, name));
        }
        Assert.Contains("Index des pièces justificatives", text);
        Assert.NotNull(zip.GetEntry(PaymentClaimDossierBuilder.SpreadsheetName));
    }

    [Fact]
    public async Task Only_the_project_lead_and_the_admin_build_a_dossier()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));
        await Assert.ThrowsAsync<ScopeViolationException>(() => ctx.Get<PaymentClaimDossierBuilder>().BuildAsync(1, Period.Month(2023, 3)));
        Assert.False(Directory.Exists(ctx.Get<PaymentClaimDossierBuilder>().DossiersDirectory));
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    /// <summary>Reports on the calling thread (<see cref="Progress{T}"/> posts to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
