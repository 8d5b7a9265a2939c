using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Reporting.Pdf;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Governance;

/// <summary>A decision as a progress report prints it (« Suivi des décisions »): the owner's role, never a name, unless a member of the committee.</summary>
public sealed record DecisionLine(DateOnly MeetingDate, string Body, string Text, string Owner, DateOnly? DueDate, string Status, bool Overdue);

/// <summary>
/// The « Suivi des décisions » section of the progress reports (issue 20 point 2): the decisions taken in the period and
/// those still open when it began, with their status when the report is made. The report goes to the partner committee:
/// an owner who is not a member of the committee (every account but the Committee role) is named by their function.
/// </summary>
public static class DecisionReport
{
    public static async Task<IReadOnlyList<DecisionLine>> ReadAsync(AppDbContext db, Period period, int? territoryId, DateOnly today, CancellationToken ct)
    {
        var query = db.Decisions.AsNoTracking().Where(d =>
            d.Meeting!.Date <= period.To
            && (d.Meeting.Date >= period.From || d.ClosedOn == null || d.ClosedOn >= period.From));
        if (territoryId is { } territory)
        {
            query = query.Where(d => d.Meeting!.TerritoryId == territory);
        }
        var rows = await query.OrderBy(d => d.Meeting!.Date).ThenBy(d => d.Id).Take(200)
            .Select(d => new { d.Meeting!.Date, d.Meeting.Kind, d.Text, d.OwnerId, OwnerName = d.Owner!.DisplayName, d.DueDate, d.Status }).ToListAsync(ct);
        var owners = rows.Select(r => r.OwnerId).Distinct().ToList();
        var roles = await db.UserRoles.AsNoTracking().Where(r => owners.Contains(r.UserId))
            .Join(db.Roles, r => r.RoleId, role => role.Id, (r, role) => new { r.UserId, role.Name }).ToListAsync(ct);
        var territories = await db.CoordinatorTerritories.AsNoTracking().Where(c => owners.Contains(c.UserId))
            .Select(c => new { c.UserId, c.Territory!.Code, c.Territory.Number }).ToListAsync(ct);
        string OwnerOf(string id, string name)
        {
            var names = roles.Where(r => r.UserId == id).Select(r => r.Name).ToList();
            if (names.Contains(Roles.Committee))
            {
                return name;
            }
            var codes = territories.Where(t => t.UserId == id).OrderBy(t => t.Number).Select(t => t.Code).ToList();
            return codes.Count > 0 ? $"Coordination {string.Join(", ", codes)}" : "Équipe fédérale";
        }
        return rows.Select(r => new DecisionLine(r.Date, GovernanceLabels.Of(r.Kind), r.Text, OwnerOf(r.OwnerId, r.OwnerName), r.DueDate,
            GovernanceLabels.Of(r.Status), r.Status is DecisionStatus.Todo or DecisionStatus.InProgress && r.DueDate < today)).ToList();
    }

    /// <summary>The section of the PDF; nothing in reports frozen before decisions existed (null).</summary>
    public static void Compose(IDocumentComposer pdf, IReadOnlyList<DecisionLine>? lines)
    {
        if (lines is null)
        {
            return;
        }
        pdf.Heading("Suivi des décisions");
        if (lines.Count == 0)
        {
            pdf.Paragraph("Aucune décision prise ni en cours sur la période.", TextStyle.Muted);
            return;
        }
        pdf.Paragraph("Décisions prises pendant la période et décisions encore ouvertes à son début, avec leur statut à la date du bilan.", TextStyle.Muted);
        pdf.Table(
            [
                new TableColumn("Réunion", 1.6), new TableColumn("Décision", 3.2), new TableColumn("Porteur", 1.5),
                new TableColumn("Échéance", 1), new TableColumn("Statut", 1.1),
            ],
            lines.Select(l => (IReadOnlyList<string>)[
                $"{l.Body}\n{l.MeetingDate.ToString("dd/MM/yyyy", French.Culture)}", l.Text, l.Owner,
                l.DueDate?.ToString("dd/MM/yyyy", French.Culture) ?? "—", l.Overdue ? $"{l.Status} — en retard" : l.Status,
            ]).ToList());
    }
}
