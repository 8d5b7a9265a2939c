using System.Globalization;
using System.IO.Compression;
using System.Text;
using CscDashboard.Core.Closing;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Finance;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Reporting.Pdf;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace CscDashboard.Core.Compliance;

/// <summary>One evidence file of a dossier: its path inside the ZIP (category folder / id_name) and what it proves.</summary>
public sealed record DossierEntry(int EvidenceId, string Path, EvidenceCategory Category, string OriginalName, string Sha256, string LinkedTo, DateOnly? Month);

/// <summary>
/// The payment-claim dossier of an operation period: a ZIP with <c>synthese.pdf</c> (expenditure by category,
/// resources, indicators, evidence index), <c>depenses-et-frais-de-personnel.xlsx</c> and every current piece of
/// evidence of the period in a folder per category, named as in the index. Project lead and admin only.
/// </summary>
public sealed class PaymentClaimDossierBuilder(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, FinanceFiguresService finance, ExpenseService expenseService,
    EvidenceStore store, IDocumentComposerFactory composers, StorageOptions storage, TimeProvider clock)
{
    public const string SummaryName = "synthese.pdf";
    public const string SpreadsheetName = "depenses-et-frais-de-personnel.xlsx";

    public string DossiersDirectory => storage.DossiersDirectory;

    /// <summary>The evidence of the period (by the document's month), each exactly once, by category then id.</summary>
    public async Task<IReadOnlyList<DossierEntry>> IndexAsync(int operationId, Period period, CancellationToken ct = default)
    {
        users.Current.EnsureCanWriteFederation();
        await using var db = await factory.CreateDbContextAsync(ct);
        var from = new DateOnly(period.From.Year, period.From.Month, 1);
        var rows = await db.EvidenceDocuments.AsNoTracking().Current()
            .Where(e => e.OperationId == operationId && e.PeriodMonth >= from && e.PeriodMonth <= period.To)
            .OrderBy(e => e.Category).ThenBy(e => e.Id)
            .Select(e => new
            {
                e.Id, e.Category, e.OriginalName, e.Sha256, e.PeriodMonth,
                Activity = e.Activity!.Title,
                Expense = e.ExpenseId == null ? null : e.Expense!.Supplier + " — " + e.Expense.InvoiceNumber,
                Member = e.MemberId == null ? null : e.Member!.FirstName + " " + e.Member.LastName,
                Centre = e.Centre!.Name,
            })
            .ToListAsync(ct);
        return [.. rows.Select(r => new DossierEntry(r.Id, $"{Folder(r.Category)}/{r.Id:00000}_{FileName(r.OriginalName)}", r.Category, r.OriginalName, r.Sha256,
            r.Activity ?? r.Expense ?? r.Member ?? r.Centre ?? "Fédération", r.PeriodMonth))];
    }

    /// <summary>Builds the ZIP under <see cref="DossiersDirectory"/> (replacing the same period's); progress 0-100.</summary>
    public async Task<string> BuildAsync(int operationId, Period period, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var index = await IndexAsync(operationId, period, ct);
        var query = new FinanceQuery(operationId, period);
        var figures = await finance.FiguresAsync(query, ct);
        var expenses = await expenseService.ExpensesAsync(query, ct);
        progress?.Report(10);
        Directory.CreateDirectory(DossiersDirectory);
        var target = Path.Combine(DossiersDirectory, $"dossier_{FileName(figures.Operation.Code)}_{period.Code}.zip");
        var temporary = target + ".tmp";
        await using (var file = File.Create(temporary))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            await WriteEntryAsync(zip, SummaryName, await SummaryAsync(figures, period, index, ct), ct);
            await WriteEntryAsync(zip, SpreadsheetName, Spreadsheet(expenses, figures.Staff), ct);
            progress?.Report(20);
            for (var i = 0; i < index.Count; i++)
            {
                var entry = zip.CreateEntry(index[i].Path, CompressionLevel.Fastest);
                await using (var source = File.OpenRead(store.PathOf(index[i].Sha256)))
                await using (var destination = entry.Open())
                {
                    await source.CopyToAsync(destination, ct);
                }
                progress?.Report(20 + 80 * (i + 1) / index.Count);
                // Between files, the pages' queued work runs first (ADR 034).
                await Task.Yield();
            }
        }
        File.Move(temporary, target, overwrite: true);
        progress?.Report(100);
        return target;
    }

    /// <summary>The dossiers already built, newest first (project lead and admin).</summary>
    public IReadOnlyList<(string FileName, DateTime WrittenAtUtc, long Size)> List()
    {
        users.Current.EnsureCanWriteFederation();
        var directory = new DirectoryInfo(DossiersDirectory);
        return directory.Exists
            ? [.. directory.GetFiles("dossier_*.zip").OrderByDescending(f => f.LastWriteTimeUtc).Select(f => (f.Name, f.LastWriteTimeUtc, f.Length))]
            : [];
    }

    /// <summary>The full path of a built dossier; the name must be one of <see cref="List"/>'s, never a path.</summary>
    public string PathOf(string fileName)
    {
        users.Current.EnsureCanWriteFederation();
        if (fileName != Path.GetFileName(fileName) || !fileName.StartsWith("dossier_", StringComparison.Ordinal)
            || !fileName.EndsWith(".zip", StringComparison.Ordinal) || !File.Exists(Path.Combine(DossiersDirectory, fileName)))
        {
            throw new NotFoundException("Ce dossier n'existe pas.");
        }
        return Path.Combine(DossiersDirectory, fileName);
    }

    private async Task<byte[]> SummaryAsync(FinanceFigures figures, Period period, IReadOnlyList<DossierEntry> index, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var activities = db.Activities.AsNoTracking().Where(a => a.OperationId == figures.Operation.Id && a.DeletedAt == null
            && a.Date >= period.From && a.Date <= period.To);
        var indicators = await activities.GroupBy(_ => 1).Select(g => new
        {
            Count = g.Count(), Minutes = g.Sum(a => a.DurationMinutes),
            Participants = g.Sum(a => a.InhabitantCount + a.ProfessionalCount + a.VolunteerCount + a.PartnerCount),
        }).SingleOrDefaultAsync(ct);
        // The period in words ("mars 2023"), not its code ("2023-03"); the operation's own fund, not another phase's.
        var mention = Operation.FundingMentionOf(figures.Operation.Programme);
        // Months the project lead has not approved yet may still move: the synthesis says it is provisional (ADR 027).
        var open = await MonthValidation.OpenByTerritoryAsync(db, period.From, period.To, clock.Today(), ct);
        var provisional = open.Count > 0 ? " — synthèse provisoire" : "";
        var authority = await db.Operations.AsNoTracking().Where(o => o.Id == figures.Operation.Id).Select(o => o.ManagingAuthority).SingleOrDefaultAsync(ct);
        var title = $"Demande de paiement — {figures.Operation.Code} — {French.InWords(period)}{provisional}";
        var doc = composers.Create(new DocumentSettings(title, mention, clock.GetUtcNow()) { Publicity = new(mention, authority) });
        doc.Cover("Demande de paiement" + (open.Count > 0 ? " — synthèse provisoire" : ""), $"{figures.Operation.Name} — {French.InWords(period)}",
            [$"Du {French.DayMonthYear(period.From)} au {French.DayMonthYear(period.To)}", mention]);
        doc.Heading("Clôture des mois");
        if (open.Count == 0)
        {
            doc.Paragraph("Tous les mois de la période sont approuvés par la cheffe de projet : les chiffres ci-dessous sont validés.");
        }
        else
        {
            doc.Paragraph("Synthèse provisoire : les mois suivants ne sont pas encore approuvés par la cheffe de projet ; "
                + "leurs chiffres peuvent encore changer.", TextStyle.Strong);
            doc.Table([new TableColumn("Territoire", 2), new TableColumn("Mois non approuvés", 4)],
                [.. open.Select(t => (IReadOnlyList<string>)[t.Territory, string.Join(", ", t.Months.Select(French.MonthYear))])]);
        }
        doc.Heading("Dépenses présentées par catégorie");
        doc.Table([new TableColumn("Catégorie", 3), new TableColumn("Budget", 1.5, CellAlign.Right), new TableColumn("Présenté", 1.5, CellAlign.Right)],
            [.. figures.Execution.ByCategory.Select(c => (IReadOnlyList<string>)[c.Label, Money(c.Budget), Money(c.Spent)]),
             ["Total", Money(figures.Execution.Total.Budget), Money(figures.Execution.Total.Spent)]]);
        doc.Heading("Ressources");
        doc.KeyValues([
            new("Coûts éligibles présentés", Money(figures.Resources.EligibleCosts)),
            new("Part FEDER demandée", Money(figures.Resources.EuShare)),
            new("Financements engagés", Money(figures.Resources.Committed)),
            new("Financements reçus", Money(figures.Resources.Received)),
        ]);
        doc.Heading("Indicateurs");
        doc.KeyValues([
            new("Activités", (indicators?.Count ?? 0).ToString("N0", French.Culture)),
            new("Heures", ((indicators?.Minutes ?? 0) / 60m).ToString("N1", French.Culture)),
            new("Participants comptés", (indicators?.Participants ?? 0).ToString("N0", French.Culture)),
            new("Pièces justificatives", index.Count.ToString("N0", French.Culture)),
        ]);
        doc.Heading("Index des pièces justificatives");
        if (index.Count == 0)
        {
            doc.Paragraph("Aucune pièce justificative n'est enregistrée pour cette période.");
            return doc.ToPdf();
        }
        doc.Table([new TableColumn("Fichier", 4), new TableColumn("Catégorie", 2), new TableColumn("Objet", 3), new TableColumn("Mois", 1.3)],
            [.. index.Select(e => (IReadOnlyList<string>)[e.Path, EvidenceLabels.Of(e.Category), e.LinkedTo, e.Month?.ToString("MM/yyyy", French.Culture) ?? ""])]);
        return doc.ToPdf();
    }

    private static byte[] Spreadsheet(IReadOnlyList<ExpenseRow> expenses, StaffCosts staff)
    {
        var sheets = new Dictionary<string, object>
        {
            ["Dépenses"] = expenses.Select(e => new Dictionary<string, object?>
            {
                ["Territoire"] = e.TerritoryCode, ["Fournisseur"] = e.Supplier, ["N° de facture"] = e.InvoiceNumber,
                ["Date de facture"] = e.InvoiceDate.ToDateTime(TimeOnly.MinValue), ["Date de paiement"] = e.PaymentDate?.ToDateTime(TimeOnly.MinValue),
                ["Catégorie"] = FinanceLabels.Of(e.Category), ["HT"] = e.AmountExclVat, ["TVA"] = e.Vat, ["Éligible"] = e.EligibleAmount,
            }).ToList(),
            ["Frais de personnel"] = staff.Lines.Select(l => new Dictionary<string, object?>
            {
                ["Territoire"] = l.TerritoryCode, ["Membre"] = l.MemberName, ["Mois"] = l.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                ["Heures"] = l.Hours, ["Taux horaire"] = l.HourlyRate, ["Montant"] = l.Amount,
            }).ToList(),
        };
        using var buffer = new MemoryStream();
        buffer.SaveAs(sheets, excelType: ExcelType.XLSX);
        return buffer.ToArray();
    }

    private static async Task WriteEntryAsync(ZipArchive zip, string name, byte[] content, CancellationToken ct)
    {
        await using var stream = zip.CreateEntry(name).Open();
        await stream.WriteAsync(content, ct);
    }

    private static string Money(decimal amount) => amount.ToString("N2", French.Culture) + " €";

    /// <summary>The folder of a category: its number and French label without accents (<c>03-facture</c>).</summary>
    public static string Folder(EvidenceCategory category) => $"{(int)category + 1:00}-{Slug(EvidenceLabels.Of(category))}";

    /// <summary>A safe file name: no path, accents folded, anything but letters, digits, dot, dash and underscore replaced.</summary>
    private static string FileName(string name)
    {
        var stem = Slug(Path.GetFileNameWithoutExtension(name));
        stem = stem.Length == 0 ? "piece" : stem[..Math.Min(stem.Length, 80)];
        var extension = Slug(Path.GetExtension(name).TrimStart('.'));
        return extension.Length == 0 ? stem : $"{stem}.{extension}";
    }

    private static string Slug(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? char.ToLowerInvariant(c) : '-');
        }
        return builder.ToString().Trim('-');
    }
}

/// <summary>
/// Hangfire job building a dossier, reporting its progress through <see cref="ChangeNotifier.DossierChanged"/>.
/// Safe to run twice: the second run rebuilds the same file in place (written aside, then moved).
/// </summary>
public sealed class PaymentClaimDossierJob(PaymentClaimDossierBuilder builder, IDbContextFactory<AppDbContext> factory, ChangeNotifier notifier)
{
    public async Task RunAsync(int operationId, string periodCode, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var operations = await db.OperationPeriodsAsync(ct);
        if (!Period.TryParse(periodCode, operations, out var period, out var error))
        {
            notifier.NotifyDossierChanged(new DossierChange(operationId, periodCode, 0, null, error));
            return;
        }
        notifier.NotifyDossierChanged(new DossierChange(operationId, periodCode, 0, null));
        try
        {
            var path = await builder.BuildAsync(operationId, period,
                new InlineProgress(p => notifier.NotifyDossierChanged(new DossierChange(operationId, periodCode, p, null))), ct);
            notifier.NotifyDossierChanged(new DossierChange(operationId, periodCode, 100, Path.GetFileName(path)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            notifier.NotifyDossierChanged(new DossierChange(operationId, periodCode, 0, null, "La préparation du dossier a échoué ; elle sera relancée."));
            throw;
        }
    }

    /// <summary>Reports on the job's thread (<see cref="Progress{T}"/> would post to the thread pool, out of order).</summary>
    private sealed class InlineProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
