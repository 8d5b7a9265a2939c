using System.Globalization;
using CscDashboard.Core.Closing;
using CscDashboard.Core.Common;
using CscDashboard.Core.Compliance;
using CscDashboard.Core.Data;
using CscDashboard.Core.Indicators;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CscDashboard.Core.Notifications;

/// <summary>
/// The digests (issue 19 point 6, ADR 028), Hangfire recurring jobs registered with the others.
/// <see cref="RunLeadDigestAsync"/> (Monday morning): the project lead's week — territories gone quiet, evidence
/// completeness by territory, months awaiting approval, indicators behind target (ADR 025); once a week.
/// <see cref="RunNewReportsAsync"/> (every few minutes): the committee's « un nouveau bilan est prêt » for each federation
/// report ready within <see cref="NotificationOptions.NewReportLookbackDays"/> days, with a link to the library — no PDF
/// attached, no name. Safe to run twice. Runs as the system (Hangfire's job activator).
/// </summary>
public sealed class DigestJob(IDbContextFactory<AppDbContext> factory, TimeProvider clock, NotificationOptions settings, MailOptions mail,
    Notices notices, ComplianceService compliance, IndicatorDashboardService indicators, IMailSignal signal, ChangeNotifier changes,
    ILogger<DigestJob> log)
{
    public static readonly IReadOnlyList<ReportKind> CommitteeKinds = [ReportKind.QuarterlyCommittee, ReportKind.Monthly];

    /// <summary>Returns how many new notices were written.</summary>
    public async Task<int> RunLeadDigestAsync(CancellationToken ct)
    {
        var today = clock.Today();
        await using var db = await factory.CreateDbContextAsync(ct);
        var leads = await Notices.InRoleAsync(db, Roles.ProjectLead, ct);
        if (leads.Count == 0)
        {
            return 0;
        }
        var content = await LeadDigestAsync(db, today, ct);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var week = ISOWeek.GetYear(monday.ToDateTime(TimeOnly.MinValue)) + "-S"
            + ISOWeek.GetWeekOfYear(monday.ToDateTime(TimeOnly.MinValue)).ToString("00", CultureInfo.InvariantCulture);
        var added = 0;
        foreach (var to in leads)
        {
            var notice = new Notice(MailKind.LeadDigest, $"synthese:{week}", content.Title, content.Summary, "/dashboard",
                new MailContent(content.Title, $"Bonjour {to.DisplayName},", [content.Summary], content.Sections,
                    new MailLink("Ouvrir le tableau de bord", mail.Link("/dashboard"))));
            if (await notices.AddAsync(db, to, notice, ct))
            {
                added++;
            }
        }
        return await SaveAsync(db, added, "lead digest", ct);
    }

    /// <summary>Returns how many new notices were written.</summary>
    public async Task<int> RunNewReportsAsync(CancellationToken ct)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-settings.NewReportLookbackDays);
        await using var db = await factory.CreateDbContextAsync(ct);
        var reports = await db.ReportSnapshots.AsNoTracking()
            .Where(s => s.Status == ReportStatus.Ready && s.Scope == ReportLabels.FederationScope && CommitteeKinds.Contains(s.Kind)
                && s.CompletedAt != null && s.CompletedAt >= since)
            .OrderBy(s => s.Id).Select(s => new { s.Id, s.Kind, s.PeriodCode, s.ReportVersion }).ToListAsync(ct);
        if (reports.Count == 0)
        {
            return 0;
        }
        var operations = await db.OperationPeriodsAsync(ct);
        var committee = await Notices.InRoleAsync(db, Roles.Committee, ct);
        var added = 0;
        foreach (var report in reports)
        {
            var period = Period.TryParse(report.PeriodCode, operations, out var parsed, out _) ? French.InWords(parsed) : report.PeriodCode;
            var what = $"{ReportLabels.Of(report.Kind)} — {period}" + (report.ReportVersion > 1 ? $" (version {report.ReportVersion})" : "");
            var title = "Un nouveau bilan est prêt";
            var text = $"{what} : à lire dans la bibliothèque des bilans.";
            foreach (var to in committee)
            {
                // The committee's mails carry no name, theirs included.
                var notice = new Notice(MailKind.NewReport, $"bilan:{report.Id}", title, text, "/reports", new MailContent(
                    $"{title} : {what}",
                    "Bonjour,",
                    [$"Le bilan « {what} » est prêt.", "Il se lit et se télécharge depuis la bibliothèque des bilans, après connexion."],
                    [],
                    new MailLink("Ouvrir la bibliothèque des bilans", mail.Link("/reports"))));
                if (await notices.AddAsync(db, to with { DisplayName = "" }, notice, ct))
                {
                    added++;
                }
            }
        }
        return await SaveAsync(db, added, "new reports", ct);
    }

    private async Task<int> SaveAsync(AppDbContext db, int added, string run, CancellationToken ct)
    {
        if (added > 0)
        {
            await db.SaveChangesAsync(ct);
            signal.Queued();
            changes.NotifyNotificationsChanged();
        }
        log.LogInformation("Digests ({Run}): {Added} new notice(s)", run, added);
        return added;
    }

    private sealed record LeadDigest(string Title, string Summary, IReadOnlyList<MailSection> Sections);

    private async Task<LeadDigest> LeadDigestAsync(AppDbContext db, DateOnly today, CancellationToken ct)
    {
        var operation = (await db.OperationPeriodsAsync(ct)).FirstOrDefault(o => o.Contains(today));
        var territories = await db.Territories.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        var last = await CoordinatorReminderJob.LastActivityByTerritoryAsync(db, today, ct);
        var quiet = territories
            .Select(t => (t.Name, Last: last.TryGetValue(t.Id, out var day) ? day : (DateOnly?)null))
            .Where(t => t.Last is null || FrenchHolidays.WorkingDaysBetween(t.Last.Value, today.AddDays(-1)) >= settings.InactivityWorkingDays)
            .Select(t => t.Last is { } day ? $"{t.Name} : dernière activité le {French.DayMonthYear(day)}" : $"{t.Name} : aucune activité saisie")
            .ToList();
        var awaiting = await db.MonthCloses.AsNoTracking().Where(m => m.Status == MonthCloseStatus.Submitted)
            .OrderBy(m => m.Month).Select(m => new { m.Month, m.Territory!.Name }).ToListAsync(ct);
        var sections = new List<MailSection>
        {
            new($"Territoires sans activité depuis {settings.InactivityWorkingDays} jours ouvrés ou plus",
                quiet.Count > 0 ? quiet : ["Aucun : chaque territoire a saisi une activité récemment."]),
            new("Mois soumis en attente d'approbation",
                awaiting.Count > 0 ? [.. awaiting.Select(m => $"{m.Name} : {French.MonthYear(m.Month)}")] : ["Aucun."],
                new MailLink("Ouvrir la clôture des mois", mail.Link("/closing"))),
        };
        var behind = new List<string>();
        if (operation is not null)
        {
            var completeness = await compliance.CompletenessAsync(new ComplianceQuery(operation.Id), ct);
            sections.Add(new MailSection($"Pièces justificatives de l'opération {operation.Code}",
                [.. completeness.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c =>
                    $"{c.Name} : {c.Percent.ToString("0", French.Culture)} % ({French.Plural(c.Missing, "pièce manquante", "pièces manquantes")})")],
                new MailLink("Ouvrir la conformité", mail.Link("/compliance"))));
            var section = await indicators.GetOverviewAsync(Period.Of(operation), ct);
            behind = [.. section.Lines.Where(l => l.Status == TargetStatus.Behind).Select(l =>
                $"{l.Name} : {l.Cumulative.ToString("N0", French.Culture)} {l.Unit} pour {l.Expected?.ToString("N0", French.Culture)} attendus à ce jour (cible {l.Target?.ToString("N0", French.Culture)})")];
            sections.Add(new MailSection("Indicateurs en retard sur leur cible", behind.Count > 0 ? behind : ["Aucun."],
                new MailLink("Ouvrir les indicateurs et cibles", mail.Link("/targets"))));
        }
        var summary = string.Join(", ", new[]
        {
            French.Plural(quiet.Count, "territoire sans activité récente", "territoires sans activité récente"),
            French.Plural(awaiting.Count, "mois à approuver", "mois à approuver"),
            French.Plural(behind.Count, "indicateur en retard", "indicateurs en retard"),
        }) + ".";
        return new LeadDigest($"Synthèse de la semaine du {French.DayMonthYear(today)}", summary, sections);
    }
}
