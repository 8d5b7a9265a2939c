using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Network;
using CscDashboard.Core.Network.Import;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Indicators;

/// <summary>What a targets file holds, line by line, and whether it can be imported.</summary>
public sealed record TargetImportPreview(string FileName, IReadOnlyList<string> Columns, IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportError> Errors, int Targets)
{
    public bool CanImport => Errors.Count == 0 && Rows.Count > 0;
}

/// <summary>
/// Imports an operation's targets from XLSX or CSV, one line per value: <c>Indicateur</c> (code), <c>Territoire</c> (code or
/// name; empty for the operation itself), <c>Échéance</c> (a milestone's day; empty for the target, due on the operation's last
/// day) and <c>Valeur</c>. The lines of one indicator and territory replace its target and milestones; the others are kept.
/// Read with the network import's reader and bounds (<see cref="TabularReader"/>, <see cref="ImportLimits"/>); every line
/// checked, and all written in one transaction or nothing (ADR 025). Project lead and admin only.
/// </summary>
public sealed class TargetImportService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, ImportLimits limits)
{
    public const string IndicatorColumn = "Indicateur";
    public const string TerritoryColumn = "Territoire";
    public const string DateColumn = "Échéance";
    public const string ValueColumn = "Valeur";

    public static readonly IReadOnlyList<string> Columns = [IndicatorColumn, TerritoryColumn, DateColumn, ValueColumn];

    public async Task<TargetImportPreview> PreviewAsync(Stream stream, string fileName, int operationId, CancellationToken ct = default) =>
        (await AnalyseAsync(stream, fileName, operationId, ct)).Preview;

    /// <summary>Writes every target of the file, or nothing: any error throws <see cref="ValidationFailedException"/> keyed "Ligne N" (or "Fichier").</summary>
    public async Task<int> ImportAsync(Stream stream, string fileName, int operationId, CancellationToken ct = default)
    {
        var (preview, targets) = await AnalyseAsync(stream, fileName, operationId, ct);
        if (preview.Errors.Count > 0 || targets.Count == 0)
        {
            var errors = preview.Errors.Count > 0 ? preview.Errors : [new ImportError(0, "Le fichier ne contient aucune ligne à importer.")];
            throw new ValidationFailedException(errors.GroupBy(e => e.Line == 0 ? "Fichier" : $"Ligne {e.Line}")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        foreach (var target in targets)
        {
            await TargetWriter.SetAsync(db, target, ct);
        }
        // One SaveChanges: the audit interceptor wraps every row and its audit entry in a single transaction.
        await db.SaveChangesAsync(ct);
        return targets.Count;
    }

    private async Task<(TargetImportPreview Preview, List<TargetInput> Targets)> AnalyseAsync(Stream stream, string fileName, int operationId, CancellationToken callerToken)
    {
        users.Current.EnsureCanWriteFederation();
        using var timeout = new CancellationTokenSource(limits.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, timeout.Token);
        try
        {
            return await AnalyseWithinAsync(stream, fileName, operationId, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !callerToken.IsCancellationRequested)
        {
            return (Failed(fileName, 0, limits.TimeoutMessage), []);
        }
    }

    private static TargetImportPreview Failed(string fileName, int line, string message) => new(fileName, Columns, [], [new ImportError(line, message)], 0);

    private async Task<(TargetImportPreview Preview, List<TargetInput> Targets)> AnalyseWithinAsync(Stream stream, string fileName, int operationId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var operation = await IndicatorService.OperationAsync(db, operationId, ct);
        IReadOnlyList<TabularLine> lines;
        try
        {
            var content = await TabularReader.ReadBoundedAsync(stream, NetworkImportService.MaxBytes, ct) ?? throw new ImportFileException(NetworkImportService.TooLargeMessage);
            // Off the caller's thread (a page's circuit): reading is CPU work, cancelled between lines.
            lines = await Task.Run(() => TabularReader.Read(content, fileName, limits, ct), ct);
        }
        catch (ImportFileException e)
        {
            return (Failed(fileName, 0, e.Message), []);
        }
        var header = lines.FirstOrDefault(l => !l.IsBlank);
        if (header is null)
        {
            return (Failed(fileName, 0, "Le fichier est vide."), []);
        }
        var positions = Columns.ToDictionary(c => c, c => header.Cells.ToList().FindIndex(h => NetworkLabels.Fold(h) == NetworkLabels.Fold(c)));
        var missing = new[] { IndicatorColumn, ValueColumn }.Where(c => positions[c] < 0).ToList();
        if (missing.Count > 0)
        {
            return (new TargetImportPreview(fileName, Columns, [], missing.Select(c => new ImportError(header.Number, $"Colonne « {c} » manquante dans la ligne d'en-tête.")).ToList(), 0), []);
        }
        var data = lines.Where(l => l.Number > header.Number && !l.IsBlank).ToList();
        if (data.Count == 0)
        {
            return (Failed(fileName, header.Number, "Le fichier ne contient aucune ligne de données sous la ligne d'en-tête."), []);
        }
        if (data.Count > limits.MaxRows)
        {
            return (Failed(fileName, 0, TabularReader.TooManyRowsMessage(limits.MaxRows)), []);
        }
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.OperationId == operationId).Select(i => new { i.Id, i.Code }).ToListAsync(ct);
        var territories = await db.Territories.AsNoTracking().Select(t => new TerritoryRef(t.Id, t.Code, t.Name)).ToListAsync(ct);
        var rows = data.Select(l => TargetImportLines.Read(l, positions, indicators.ToDictionary(i => NetworkLabels.Fold(i.Code), i => i.Id), territories, operation)).ToList();
        var targets = TargetImportLines.Group(rows, operation);
        var errors = rows.SelectMany(r => r.Errors.Select(e => new ImportError(r.Line, e))).OrderBy(e => e.Line).ToList();
        var preview = new TargetImportPreview(fileName, Columns, rows.Select(r => new ImportRow(r.Line, r.Values, r.Errors.Count == 0)).ToList(), errors, targets.Count);
        return (preview, errors.Count == 0 ? targets : []);
    }
}
