using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Network.Import;

/// <summary>A problem on one line of the file (line 1 is the header when it is the first line; 0 is the file itself).</summary>
public sealed record ImportError(int Line, string Message);

/// <summary>One data line as read, its values in the order of <see cref="ImportPreview.Columns"/>.</summary>
public sealed record ImportRow(int Line, IReadOnlyList<string> Values, bool IsValid);

public sealed record ImportPreview(ImportKind Kind, string FileName, IReadOnlyList<string> Columns, IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportError> Errors)
{
    public int ValidCount => Rows.Count(r => r.IsValid);
    public bool CanImport => Errors.Count == 0 && Rows.Count > 0;
}

/// <summary>
/// Imports centres, members and partners from CSV or XLSX in two steps: <see cref="PreviewAsync"/> reads
/// and checks every line; <see cref="ImportAsync"/> checks again and writes all lines in one transaction,
/// or nothing if any line is wrong. Values are trimmed, never altered otherwise (the apostrophe the export
/// puts before a formula-like value is taken off, so that an export imports as it was).
/// A coordinator imports only lines of their own territories. Lines are read by <see cref="RowReader"/> and turned into
/// entities by <see cref="ImportEntities"/>.
/// </summary>
public sealed class NetworkImportService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, ImportLimits limits)
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 10_000;

    public static string TooLargeMessage => "Le fichier dépasse 5 Mo : découpez-le en plusieurs fichiers.";

    public async Task<ImportPreview> PreviewAsync(Stream stream, string fileName, ImportKind kind, CancellationToken ct = default) =>
        (await AnalyseAsync(stream, fileName, kind, ct)).Preview;

    /// <summary>Writes every line, or nothing: any error throws <see cref="ValidationFailedException"/> keyed "Ligne N" (or "Fichier").</summary>
    public async Task<int> ImportAsync(Stream stream, string fileName, ImportKind kind, CancellationToken ct = default)
    {
        var (preview, entities) = await AnalyseAsync(stream, fileName, kind, ct);
        if (preview.Errors.Count > 0)
        {
            throw new ValidationFailedException(preview.Errors
                .GroupBy(e => e.Line == 0 ? "Fichier" : $"Ligne {e.Line}")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
        }
        if (entities.Count == 0)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["Fichier"] = ["Le fichier ne contient aucune ligne à importer."] });
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        // One SaveChanges: the audit interceptor wraps rows and audit entries in a single transaction.
        db.AddRange(entities);
        await db.SaveChangesAsync(ct);
        return entities.Count;
    }

    /// <summary>
    /// Reads and checks the file within <see cref="ImportLimits"/>, its time included: past it, the file is refused with a
    /// message. A cancelled <paramref name="callerToken"/> (the page closed, the host stopping) stops it with
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    private async Task<(ImportPreview Preview, List<object> Entities)> AnalyseAsync(Stream stream, string fileName, ImportKind kind, CancellationToken callerToken)
    {
        using var timeout = new CancellationTokenSource(limits.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, timeout.Token);
        try
        {
            return await AnalyseWithinAsync(stream, fileName, kind, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !callerToken.IsCancellationRequested)
        {
            var columns = NetworkColumns.Headers(kind);
            return (new ImportPreview(kind, fileName, columns, [], [new ImportError(0, limits.TimeoutMessage)]), []);
        }
    }

    private async Task<(ImportPreview Preview, List<object> Entities)> AnalyseWithinAsync(Stream stream, string fileName, ImportKind kind, CancellationToken ct)
    {
        var user = users.Current;
        NetworkAccess.EnsureCanWriteSomewhere(user);
        if (kind == ImportKind.Members)
        {
            NetworkAccess.EnsureCanReadMembers(user);
        }
        var columns = NetworkColumns.Headers(kind);
        ImportPreview Failed(int line, string message) => new(kind, fileName, columns, [], [new ImportError(line, message)]);

        IReadOnlyList<TabularLine> lines;
        try
        {
            var content = await TabularReader.ReadBoundedAsync(stream, MaxBytes, ct) ?? throw new ImportFileException(TooLargeMessage);
            // Off the caller's thread (a page's circuit): reading is CPU work, cancelled between lines.
            lines = await Task.Run(() => TabularReader.Read(content, fileName, limits, ct), ct);
        }
        catch (ImportFileException e)
        {
            return (Failed(0, e.Message), []);
        }

        var header = lines.FirstOrDefault(l => !l.IsBlank);
        if (header is null)
        {
            return (Failed(0, "Le fichier est vide."), []);
        }
        var positions = new Dictionary<string, int>();
        var errors = new List<ImportError>();
        foreach (var spec in NetworkColumns.For(kind))
        {
            var wanted = NetworkLabels.Fold(spec.Header);
            var position = -1;
            for (var i = 0; i < header.Cells.Count && position < 0; i++)
            {
                if (NetworkLabels.Fold(header.Cells[i]) == wanted)
                {
                    position = i;
                }
            }
            if (position >= 0)
            {
                positions[spec.Header] = position;
            }
            else if (spec.ColumnRequired)
            {
                errors.Add(new ImportError(header.Number, $"Colonne « {spec.Header} » manquante dans la ligne d'en-tête."));
            }
        }
        if (errors.Count > 0)
        {
            return (new ImportPreview(kind, fileName, columns, [], errors), []);
        }
        var data = lines.Where(l => l.Number > header.Number && !l.IsBlank)
            .Select(l => new RowReader(l.Number, columns.Select(h => Cell(l, positions, h)).ToArray(), columns))
            .ToList();
        if (data.Count == 0)
        {
            return (Failed(header.Number, "Le fichier ne contient aucune ligne de données sous la ligne d'en-tête."), []);
        }
        if (data.Count > limits.MaxRows)
        {
            return (Failed(0, TabularReader.TooManyRowsMessage(limits.MaxRows)), []);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var territories = new TerritoryLookup(await db.Territories.AsNoTracking().Select(t => new TerritoryRef(t.Id, t.Code, t.Name)).ToListAsync(ct), user);
        foreach (var spec in NetworkColumns.For(kind).Where(s => s.ValueRequired))
        {
            foreach (var row in data.Where(r => r[spec.Header].Length == 0))
            {
                row.Error(spec.Header, "cette valeur est obligatoire.");
            }
        }
        var entities = kind switch
        {
            ImportKind.Centres => await ImportEntities.CentresAsync(db, data, territories, ct),
            ImportKind.Members => await ImportEntities.MembersAsync(db, data, territories, ct),
            _ => await ImportEntities.PartnersAsync(db, data, territories, user, ct),
        };
        var rows = data.Select(r => new ImportRow(r.Line, r.Values, r.Errors.Count == 0)).ToList();
        var allErrors = data.SelectMany(r => r.Errors.Select(e => new ImportError(r.Line, e))).ToList();
        return (new ImportPreview(kind, fileName, columns, rows, allErrors), entities);
    }

    private static string Cell(TabularLine line, Dictionary<string, int> positions, string header) =>
        positions.TryGetValue(header, out var i) && i < line.Cells.Count ? TabularWriter.Unneutralise(line.Cells[i].Trim()) : "";
}
