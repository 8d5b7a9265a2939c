using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Network;
using CscDashboard.Core.Operations;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Evidence;

/// <summary>
/// Where a piece of evidence belongs, from its links: territory (checked against the caller by the upload), operation,
/// month and retention date. Links to two territories, or to something that does not exist, are refused per field.
/// </summary>
internal sealed record EvidenceTarget(int? TerritoryId, int OperationId, DateOnly Month, DateOnly RetentionUntil, int? MemberId)
{
    /// <summary>Reads the links; <paramref name="today"/> dates a piece linked to nothing dated.</summary>
    public static async Task<EvidenceTarget> ResolveAsync(AppDbContext db, EvidenceLinks links, DateOnly today, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var territories = new HashSet<int>();
        int? operationId = null;
        DateOnly? date = links.PeriodMonth;
        var memberId = links.MemberId;
        if (links.ActivityId is { } activityId)
        {
            var activity = await db.Activities.AsNoTracking().Where(a => a.Id == activityId && a.DeletedAt == null)
                .Select(a => new { a.TerritoryId, a.OperationId, a.Date }).SingleOrDefaultAsync(ct);
            if (activity is null)
            {
                errors.Add(EvidenceService.LinksField, "Cette activité n'existe pas ou a été supprimée.");
            }
            else
            {
                territories.Add(activity.TerritoryId);
                operationId = activity.OperationId;
                date ??= activity.Date;
            }
        }
        if (links.ExpenseId is { } expenseId)
        {
            var expense = await db.Expenses.AsNoTracking().Where(x => x.Id == expenseId)
                .Select(x => new { x.TerritoryId, x.OperationId, x.InvoiceDate }).SingleOrDefaultAsync(ct);
            if (expense is null)
            {
                errors.Add(EvidenceService.LinksField, "Cette dépense n'existe pas.");
            }
            else
            {
                territories.Add(expense.TerritoryId);
                operationId ??= expense.OperationId;
                date ??= expense.InvoiceDate;
            }
        }
        if (links.TimesheetId is { } timesheetId)
        {
            var timesheet = await db.Timesheets.AsNoTracking().Where(t => t.Id == timesheetId)
                .Select(t => new { t.MemberId, t.Month, t.Member!.TerritoryId }).SingleOrDefaultAsync(ct);
            if (timesheet is null)
            {
                errors.Add(EvidenceService.LinksField, "Cette feuille de temps n'existe pas.");
            }
            else if (memberId is not null && memberId != timesheet.MemberId)
            {
                errors.Add(EvidenceService.LinksField, "La feuille de temps est celle d'un autre membre du réseau.");
            }
            else
            {
                territories.Add(timesheet.TerritoryId);
                memberId = timesheet.MemberId;
                date ??= timesheet.Month;
            }
        }
        if (links.MemberId is { } linkedMember)
        {
            var territory = await db.Members.Where(m => m.Id == linkedMember).Select(m => (int?)m.TerritoryId).SingleOrDefaultAsync(ct);
            if (territory is null)
            {
                errors.Add(EvidenceService.LinksField, "Ce membre du réseau n'existe pas.");
            }
            else
            {
                territories.Add(territory.Value);
            }
        }
        if (links.CentreId is { } centreId)
        {
            var territory = await db.Centres.Where(c => c.Id == centreId).Select(c => (int?)c.TerritoryId).SingleOrDefaultAsync(ct);
            if (territory is null)
            {
                errors.Add(EvidenceService.LinksField, "Ce centre n'existe pas.");
            }
            else
            {
                territories.Add(territory.Value);
            }
        }
        if (territories.Count > 1)
        {
            errors.Add(EvidenceService.LinksField, "Les éléments liés à une pièce doivent appartenir au même territoire.");
        }
        errors.ThrowIfAny();

        var day = date ?? today;
        var month = new DateOnly(day.Year, day.Month, 1);
        var operation = await db.Operations.AsNoTracking()
            .Where(o => operationId != null ? o.Id == operationId : o.StartDate <= day && o.EndDate >= day)
            .OrderBy(o => o.StartDate)
            .Select(o => new { o.Id, o.EndDate, o.RetentionUntil })
            .FirstOrDefaultAsync(ct);
        if (operation is null)
        {
            EvidenceService.Fail(EvidenceService.LinksField, $"Aucune opération ne couvre le mois de {month.ToString("MMMM yyyy", French.Culture)} : la pièce ne peut être rattachée à rien.");
        }
        // The operation's own retention date when set (editable by the project lead), else end + 3 years on 31 December.
        var retention = operation!.RetentionUntil == default ? Operation.DefaultRetention(operation.EndDate) : operation.RetentionUntil;
        return new EvidenceTarget(territories.Count == 1 ? territories.Single() : null, operation.Id, month, retention, memberId);
    }
}
