using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Compliance;
using CscDashboard.Core.Data;
using CscDashboard.Core.Network;
using CscDashboard.Core.Timesheets;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Closing;

/// <summary>
/// Builds a territory-month's <see cref="MonthSummary"/> (issue 18 point 1). The caller checked the reader (the month's
/// finance and evidence: its coordinators, the lead, the admin); the missing evidence comes from
/// <see cref="ComplianceService"/>, which checks again.
/// </summary>
internal static class MonthSummaries
{
    /// <summary>A day of one person's work above this (10 h) is worth a second look.</summary>
    public const int LongDayMinutes = 600;

    public static async Task<MonthSummary> BuildAsync(AppDbContext db, ComplianceService compliance, int territoryId, DateOnly month, CancellationToken ct)
    {
        var end = month.AddMonths(1).AddDays(-1);
        var activities = db.Activities.AsNoTracking().Where(a => a.TerritoryId == territoryId && a.Month == month && a.DeletedAt == null);
        var byAuthor = await activities.GroupBy(a => a.AuthorId)
            .Select(g => new { AuthorId = g.Key, Count = g.Count(), Minutes = g.Sum(a => a.DurationMinutes) }).ToListAsync(ct);
        var authorIds = byAuthor.Select(a => a.AuthorId).ToList();
        var names = await db.Users.AsNoTracking().Where(u => authorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var people = byAuthor.Select(a => new PersonMonth(names.GetValueOrDefault(a.AuthorId, "?"), a.Count, a.Minutes))
            .OrderBy(p => p.Name, StringComparer.Create(French.Culture, ignoreCase: true)).ToList();

        var warnings = new List<MonthWarning>();
        var code = await db.Territories.AsNoTracking().Where(t => t.Id == territoryId).Select(t => t.Code).SingleAsync(ct);
        var longDays = await activities.GroupBy(a => new { a.AuthorId, a.Date })
            .Where(g => g.Sum(a => a.DurationMinutes) > LongDayMinutes)
            .Select(g => new { g.Key.AuthorId, g.Key.Date, Minutes = g.Sum(a => a.DurationMinutes) })
            .ToListAsync(ct);
        warnings.AddRange(longDays.OrderBy(d => d.Date).Select(d => new MonthWarning(
            $"{FrenchLabels.Duration(d.Minutes)} de travail le {French.DayMonthYear(d.Date)} pour {names.GetValueOrDefault(d.AuthorId, "?")} (plus de 10 h).",
            $"/activities?from={d.Date:yyyy-MM-dd}&to={d.Date:yyyy-MM-dd}&territory={code}")));
        var withoutCentre = await activities.Where(a => a.Type == ActivityType.PublicAction && !a.Centres.Any())
            .OrderBy(a => a.Date).Select(a => new { a.Id, a.Title, a.Date }).ToListAsync(ct);
        warnings.AddRange(withoutCentre.Select(a => new MonthWarning(
            $"Action grand public sans centre : « {a.Title} » ({French.DayMonthYear(a.Date)}).", $"/activities/{a.Id}")));

        var timesheets = await TimesheetsAsync(db, territoryId, month, ct);
        var expenses = await db.Expenses.AsNoTracking()
            .Where(e => e.TerritoryId == territoryId && e.InvoiceDate >= month && e.InvoiceDate <= end)
            .OrderBy(e => e.InvoiceDate).ThenBy(e => e.Id)
            .Select(e => new ExpenseMonth(e.Id, e.Supplier, e.InvoiceNumber, e.InvoiceDate, e.EligibleAmount))
            .ToListAsync(ct);
        // The month-bound evidence only (invoices, attendance sheets, timesheets); mission letters and publicity proofs are
        // not a month's, the compliance page follows them.
        var operationId = await db.Operations.AsNoTracking().Where(o => o.StartDate <= end && o.EndDate >= month)
            .OrderBy(o => o.StartDate).Select(o => (int?)o.Id).FirstOrDefaultAsync(ct);
        var missing = operationId is { } operation
            ? (await compliance.MissingAsync(new ComplianceQuery(operation, Period.Month(month.Year, month.Month), territoryId), ct)).Where(m => m.Date is not null).ToList()
            : [];
        var withoutSheet = missing.Count(m => m.Rule == ComplianceRule.ActivityAttendanceSheet);
        if (withoutSheet > 0)
        {
            warnings.Add(new MonthWarning(
                $"{French.Plural(withoutSheet, "action collective", "actions collectives")} sans feuille d'émargement (voir les pièces manquantes).", null));
        }
        return new MonthSummary(byAuthor.Sum(a => a.Count), byAuthor.Sum(a => a.Minutes), people, timesheets, expenses, missing, warnings);
    }

    /// <summary>The missing evidence as the submission keeps it, one line each.</summary>
    public static string? MissingLines(MonthSummary summary) => summary.Missing.Count == 0
        ? null
        : string.Join("\n", summary.Missing.Select(m => $"{m.Label} : {m.ObjectTitle}" + (m.Date is { } d ? $" ({d:dd/MM/yyyy})" : "")));

    /// <summary>The territory's members with hours in the month (their activities, in any territory, and manual lines).</summary>
    private static async Task<List<TimesheetMonth>> TimesheetsAsync(AppDbContext db, int territoryId, DateOnly month, CancellationToken ct)
    {
        var authors = db.Activities.Where(a => a.Month == month && a.DeletedAt == null).Select(a => a.AuthorId);
        var rows = await db.Members.AsNoTracking()
            .Where(m => m.TerritoryId == territoryId && m.ArchivedAt == null
                && ((m.UserId != null && authors.Contains(m.UserId)) || db.Timesheets.Any(t => t.MemberId == m.Id && t.Month == month)))
            .OrderBy(m => m.LastName).ThenBy(m => m.FirstName)
            .Select(m => new
            {
                m.Id, m.FirstName, m.LastName, m.Assignment, m.UserId,
                Logged = db.Activities.Where(a => a.AuthorId == m.UserId && a.Month == month && a.DeletedAt == null).Sum(a => (int?)a.DurationMinutes) ?? 0,
                Manual = db.TimesheetLines.Where(l => l.Timesheet!.MemberId == m.Id && l.Timesheet.Month == month).Sum(l => (int?)l.Minutes) ?? 0,
                Status = db.Timesheets.Where(t => t.MemberId == m.Id && t.Month == month).Select(t => (SignatureStatus?)t.Status).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return [.. rows.Select(r => new TimesheetMonth(r.Id, $"{r.FirstName} {r.LastName}", NetworkLabels.Of(r.Assignment), r.Logged + r.Manual,
            r.Status ?? SignatureStatus.Draft, r.UserId is not null))];
    }
}
