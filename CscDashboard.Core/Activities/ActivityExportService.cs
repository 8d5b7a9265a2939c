using System.Globalization;
using System.Runtime.CompilerServices;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Network.Import;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Activities;

/// <summary>
/// The activity log as a CSV or XLSX file: the rows of <see cref="ActivityQueries.ListAsync"/> for the same filter
/// (same <see cref="ActivityQueries.Filter"/>, same read rules), newest first, with French headers. Rows are streamed
/// from the database (no tracking, one pass) and written as they come; the links (centres, workstreams, partners)
/// are read per batch of rows from a second context, by activity key, like the list does per page.
/// </summary>
public sealed class ActivityExportService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock)
{
    /// <summary>A worksheet holds 1,048,576 rows, the header included.</summary>
    public const int XlsxMaxRows = 1_048_575;
    private const int BatchSize = 1_000;
    private const string SheetName = "Activités";

    public static readonly IReadOnlyList<string> Headers =
    [
        "Date", "Heure de début", "Durée (minutes)", "Territoire", "Type", "Format", "Lieu", "Titre", "Auteur",
        "Centres", "Chantiers", "Partenaires", "Habitants", "Professionnels", "Bénévoles", "Partenaires, élus",
        "Temps fort", "Notes", "Suites à donner",
    ];

    public string FileName(ExportFormat format) =>
        $"journal-activites_{clock.Today():yyyy-MM-dd}.{format.Extension()}";

    /// <summary>Refuses, before anything is written, what the list would refuse (committee, trash for a coordinator).</summary>
    public CurrentUser EnsureCanExport(ActivityFilter filter)
    {
        var user = users.Current;
        if (!user.CanReadActivities)
        {
            throw new ScopeViolationException("Le journal d'activités n'est pas accessible avec votre rôle.");
        }
        if (filter.Deleted && !user.HasFederationScope)
        {
            throw new ScopeViolationException("La corbeille est réservée à la cheffe de projet.");
        }
        return user;
    }

    /// <summary>Writes the CSV into <paramref name="output"/> (a response body will do) and returns the number of rows.</summary>
    public Task<int> WriteCsvAsync(ActivityFilter filter, Stream output, CancellationToken ct = default)
    {
        var user = EnsureCanExport(filter);
        filter = ActivityQueries.ForCaller(filter, user);
        return TabularWriter.WriteCsvAsync(output, Headers, RowsAsync(filter, user.CanSeeNames, ct), ct);
    }

    /// <summary>
    /// Writes the XLSX into <paramref name="output"/>, which must accept synchronous writes (a file). More rows than a
    /// worksheet holds are refused before writing, with a French message.
    /// </summary>
    public async Task<int> WriteXlsxAsync(ActivityFilter filter, Stream output, CancellationToken ct = default)
    {
        var user = EnsureCanExport(filter);
        filter = ActivityQueries.ForCaller(filter, user);
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var count = await ActivityQueries.Filter(db.Activities.AsNoTracking(), filter).CountAsync(ct);
            if (count > XlsxMaxRows)
            {
                throw new ValidationFailedException(new Dictionary<string, string[]>
                {
                    ["format"] = [$"Ces filtres donnent {count.ToString("N0", French.Culture)} activités, plus qu'une feuille XLSX n'en contient "
                        + $"({XlsxMaxRows.ToString("N0", French.Culture)}) : exportez en CSV ou resserrez les filtres."],
                });
            }
        }
        return await TabularWriter.WriteXlsxAsync(output, SheetName, Headers, RowsAsync(filter, user.CanSeeNames, ct), ct);
    }


    private sealed record Line(
        int Id, DateOnly Date, TimeOnly? StartTime, int DurationMinutes, string Territory, ActivityType Type, ActivityFormat Format,
        ActivityPlace Place, string Title, string? Author, int Inhabitants, int Professionals, int Volunteers, int Partners,
        bool IsHighlight, string? Notes, string? FollowUp);

    /// <summary>The export's rows, in the order of the list's default sort (newest first).</summary>
    internal async IAsyncEnumerable<IReadOnlyList<object?>> RowsAsync(ActivityFilter filter, bool withNames,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var links = await factory.CreateDbContextAsync(ct);
        var lines = ActivityQueries.Filter(db.Activities.AsNoTracking(), filter).NewestFirst()
            .Select(a => new Line(a.Id, a.Date, a.StartTime, a.DurationMinutes, a.Territory!.Name, a.Type, a.Format, a.Place, a.Title,
                withNames ? a.Author!.DisplayName : null, a.InhabitantCount, a.ProfessionalCount, a.VolunteerCount, a.PartnerCount,
                a.IsHighlight, a.Notes, a.FollowUp))
            .AsAsyncEnumerable();
        var batch = new List<Line>(BatchSize);
        await foreach (var line in lines.WithCancellation(ct))
        {
            batch.Add(line);
            if (batch.Count == BatchSize)
            {
                foreach (var row in await CompleteAsync(links, batch, ct))
                {
                    yield return row;
                }
                batch.Clear();
            }
        }
        foreach (var row in await CompleteAsync(links, batch, ct))
        {
            yield return row;
        }
    }

    private static async Task<List<IReadOnlyList<object?>>> CompleteAsync(AppDbContext db, List<Line> batch, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return [];
        }
        var ids = batch.Select(l => l.Id).ToList();
        var centres = (await db.ActivityCentres.AsNoTracking().Where(l => ids.Contains(l.ActivityId))
            .OrderBy(l => l.Centre!.Name).Select(l => new { l.ActivityId, l.Centre!.Name }).ToListAsync(ct))
            .ToLookup(l => l.ActivityId, l => l.Name);
        var workstreams = (await db.ActivityWorkstreams.AsNoTracking().Where(l => ids.Contains(l.ActivityId))
            .OrderBy(l => l.WorkstreamId).Select(l => new { l.ActivityId, l.Workstream!.ShortName }).ToListAsync(ct))
            .ToLookup(l => l.ActivityId, l => l.ShortName);
        var partners = (await db.ActivityPartners.AsNoTracking().Where(l => ids.Contains(l.ActivityId))
            .OrderBy(l => l.Partner!.Name).Select(l => new { l.ActivityId, l.Partner!.Name }).ToListAsync(ct))
            .ToLookup(l => l.ActivityId, l => l.Name);
        return [.. batch.Select(l => (IReadOnlyList<object?>)
        [
            CellFormat.Date(l.Date), l.StartTime?.ToString("HH:mm", CultureInfo.InvariantCulture), l.DurationMinutes, l.Territory,
            FrenchLabels.Of(l.Type), FrenchLabels.Of(l.Format), FrenchLabels.Of(l.Place), l.Title, l.Author,
            string.Join(", ", centres[l.Id]), string.Join(", ", workstreams[l.Id]), string.Join(", ", partners[l.Id]),
            l.Inhabitants, l.Professionals, l.Volunteers, l.Partners, CellFormat.Bool(l.IsHighlight), l.Notes, l.FollowUp,
        ])];
    }
}
