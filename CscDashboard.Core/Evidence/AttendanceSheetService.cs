using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Reporting;
using CscDashboard.Core.Reporting.Pdf;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Evidence;

/// <summary>
/// Prints an activity's attendance sheet (feuille d'émargement), pre-filled from the activity; the
/// signed scan comes back through <see cref="EvidenceService.UploadAsync(EvidenceUpload, Stream, CancellationToken)"/>
/// as <see cref="EvidenceCategory.AttendanceSheet"/> linked to the activity.
/// </summary>
public sealed class AttendanceSheetService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users,
    IDocumentComposerFactory composers, TimeProvider clock)
{
    public async Task<AttendanceSheetModel> BuildAsync(int activityId, CancellationToken ct = default)
    {
        var user = users.Current;
        EvidenceAccess.EnsureCanUse(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var activity = await db.Activities.AsNoTracking().Where(a => a.Id == activityId && a.DeletedAt == null)
            .Select(a => new
            {
                a.Title, a.Date, a.StartTime, a.DurationMinutes, a.Type, a.Place, a.TerritoryId,
                TerritoryName = a.Territory!.Name, OperationCode = a.Operation!.Code, OperationName = a.Operation.Name,
                a.Operation.Programme, a.Operation.ManagingAuthority,
            })
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Cette activité n'existe pas ou a été supprimée.");
        EvidenceAccess.EnsureCanAccess(user, activity.TerritoryId);
        // By activity key in a second query: projected with the activity, SQLite joined every link of the database first.
        var centres = await db.ActivityCentres.AsNoTracking().Where(l => l.ActivityId == activityId)
            .OrderBy(l => l.Centre!.Name).Select(l => l.Centre!.Name + " (" + l.Centre.Commune + ")").ToListAsync(ct);
        return new AttendanceSheetModel
        {
            OperationLabel = $"Opération {activity.OperationCode} — {activity.OperationName}",
            FundingMention = Operation.FundingMentionOf(activity.Programme),
            ManagingAuthority = activity.ManagingAuthority,
            Title = activity.Title,
            Date = activity.Date,
            StartTime = activity.StartTime,
            DurationMinutes = activity.DurationMinutes,
            Type = FrenchLabels.Of(activity.Type),
            Place = FrenchLabels.Of(activity.Place),
            Centres = centres,
            TerritoryName = activity.TerritoryName,
            GeneratedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
    }

    public async Task<GeneratedPdf> RenderAsync(int activityId, CancellationToken ct = default)
    {
        var model = await BuildAsync(activityId, ct);
        return new GeneratedPdf(SignableDocuments.AttendanceSheet(model, composers), $"feuille-emargement_{model.Date:yyyy-MM-dd}_{activityId}.pdf");
    }

    public static string Url(int activityId) => $"/activities/{activityId}/attendance-sheet.pdf";
}
