using System.Text.Json;
using System.Text.Json.Serialization;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Reporting.Pdf;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Reporting;

/// <summary>
/// Builds one requested snapshot: the model from the database, frozen as JSON, then the PDF written
/// under the data directory's reports/ folder. Safe to run twice: a ready snapshot is left as it is
/// (a report is never recomputed silently), and a run that finds another one holding the snapshot stops.
/// A failure is recorded on the snapshot in French and rethrown so that Hangfire retries.
/// </summary>
public sealed class ReportJob(
    IDbContextFactory<AppDbContext> factory,
    ICurrentUserAccessor users,
    ProgressReportBuilder builder,
    IDocumentComposerFactory composer,
    StorageOptions storage,
    TimeProvider clock,
    ChangeNotifier notifier)
{
    public const string StepData = "Calcul des chiffres";
    public const string StepPdf = "Mise en page du PDF";

    internal static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public async Task RunAsync(int snapshotId, CancellationToken ct)
    {
        // Hangfire runs it as the system; a page must go through ReportService.RequestAsync, which has the same rule.
        if (!ReportService.CanRequest(users.Current))
        {
            throw new ScopeViolationException("Seules la cheffe de projet et l'administration peuvent générer un bilan.");
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var snapshot = await db.ReportSnapshots.Include(s => s.Territory).FirstOrDefaultAsync(s => s.Id == snapshotId, ct);
        if (snapshot is null || snapshot.Status == ReportStatus.Ready)
        {
            return;
        }
        snapshot.Status = ReportStatus.Running;
        snapshot.Error = null;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another run claimed the snapshot in between: it does the work.
            return;
        }
        Notify(snapshot, StepData);

        try
        {
            var operations = await db.OperationPeriodsAsync(ct);
            if (!Period.TryParse(snapshot.PeriodCode, operations, out var period, out var error))
            {
                throw new ValidationFailedException(new Dictionary<string, string[]> { ["PeriodCode"] = [error] });
            }
            var model = await builder.BuildAsync(snapshot.Kind, period, snapshot.Territory?.Code, ct);
            snapshot.DataJson = JsonSerializer.Serialize(model, Json);
            Notify(snapshot, StepPdf);

            var pdf = await new ProgressReportDocument(model).RenderAsync(composer, ct);
            var relative = $"{snapshot.Id:D6}-{ReportService.FileNameOf(snapshot.Kind, snapshot.PeriodCode, snapshot.Scope, snapshot.ReportVersion)}";
            await WriteAtomicallyAsync(Path.Combine(storage.ReportsDirectory, relative), pdf, ct);

            snapshot.PdfPath = relative;
            snapshot.Status = ReportStatus.Ready;
            snapshot.CompletedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            Notify(snapshot, null);
        }
        catch (Exception ex)
        {
            await RecordFailureAsync(snapshotId, ReasonOf(ex));
            throw;
        }
    }

    /// <summary>The French sentence shown in the library: our own exceptions already speak French.</summary>
    public static string ReasonOf(Exception ex) => ex switch
    {
        ValidationFailedException v => string.Join(" ", v.Errors.SelectMany(e => e.Value)),
        NotFoundException or ScopeViolationException => ex.Message,
        OperationCanceledException => "La génération a été interrompue (arrêt du serveur) ; elle sera relancée.",
        IOException => $"Le PDF n'a pas pu être écrit dans le dossier des bilans : {ex.Message}",
        _ => $"Erreur inattendue pendant la génération ({ex.GetType().Name}) : {ex.Message}",
    };

    /// <summary>In a fresh context: the failed one may hold half-done changes.</summary>
    private async Task RecordFailureAsync(int snapshotId, string reason)
    {
        await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
        var snapshot = await db.ReportSnapshots.FirstOrDefaultAsync(s => s.Id == snapshotId, CancellationToken.None);
        if (snapshot is null)
        {
            return;
        }
        snapshot.Status = ReportStatus.Failed;
        snapshot.Error = reason.Length > 4000 ? reason[..4000] : reason;
        snapshot.CompletedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(CancellationToken.None);
        Notify(snapshot, null);
    }

    private void Notify(ReportSnapshot snapshot, string? step) =>
        notifier.NotifyReportChanged(new ReportChange(snapshot.Id, snapshot.Status, step));

    /// <summary>Written beside, then moved: a reader never sees half a PDF.</summary>
    private static async Task WriteAtomicallyAsync(string path, byte[] content, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, content, ct);
        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>
/// The scheduled reports (recurring Hangfire jobs, registered by the host): the monthly report of the
/// previous month and the quarterly committee report of the previous quarter, for the federation,
/// computed from "today" in Paris. Running one twice gives one snapshot.
/// </summary>
public sealed class ScheduledReportJob(ReportService reports, ReportJob job)
{
    public Task RunMonthlyAsync(CancellationToken ct) => RunAsync(ReportKind.Monthly, PeriodKind.Month, ct);

    public Task RunQuarterlyAsync(CancellationToken ct) => RunAsync(ReportKind.QuarterlyCommittee, PeriodKind.Quarter, ct);

    private async Task RunAsync(ReportKind kind, PeriodKind periodKind, CancellationToken ct)
    {
        var period = reports.PreviousPeriod(periodKind);
        ReportRequestResult requested;
        try
        {
            requested = await reports.RequestAsync(new ReportRequest(kind, period.Code), ct);
        }
        catch (ValidationFailedException)
        {
            // No operation covers the previous period (between two phases): nothing to report, nothing to retry.
            return;
        }
        await job.RunAsync(requested.Report.Id, ct);
    }
}
