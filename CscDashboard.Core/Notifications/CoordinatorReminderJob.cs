using System.Globalization;
using CscDashboard.Core.Closing;
using CscDashboard.Core.Common;
using CscDashboard.Core.Compliance;
using CscDashboard.Core.Data;
using CscDashboard.Core.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CscDashboard.Core.Notifications;

/// <summary>
/// The coordinators' reminders (issue 19 point 5, ADR 028), Hangfire recurring jobs registered with the others:
/// <see cref="RunDailyAsync"/> on working days — no activity in their territories for
/// <see cref="NotificationOptions.InactivityWorkingDays"/> working days (French public holidays excluded; once per
/// silence), and last month still to submit (once per territory and month, ADR 027); <see cref="RunWeeklyAsync"/> — the
/// evidence missing for more than <see cref="NotificationOptions.EvidenceOverdueDays"/> days, grouped, once a week.
/// Safe to run twice: each fact has its dedup key. Runs as the system (Hangfire's job activator).
/// </summary>
public sealed class CoordinatorReminderJob(IDbContextFactory<AppDbContext> factory, TimeProvider clock, NotificationOptions settings,
    MailOptions mail, Notices notices, ComplianceService compliance, IMailSignal signal, ChangeNotifier changes, ILogger<CoordinatorReminderJob> log)
{
    /// <summary>Returns how many new notices were written.</summary>
    public async Task<int> RunDailyAsync(CancellationToken ct)
    {
        var today = clock.Today();
        if (!FrenchHolidays.IsWorkingDay(today))
        {
            return 0;
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var operations = await db.OperationPeriodsAsync(ct);
        var territories = await db.Territories.AsNoTracking().ToDictionaryAsync(t => t.Id, t => (t.Code, t.Name), ct);
        var lastActivity = await LastActivityByTerritoryAsync(db, today, ct);
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var lastMonthEnd = lastMonth.AddMonths(1).AddDays(-1);
        var lastMonthCovered = operations.Any(o => o.StartDate <= lastMonthEnd && o.EndDate >= lastMonth);
        var settled = await db.MonthCloses.AsNoTracking()
            .Where(m => m.Month == lastMonth && (m.Status == MonthCloseStatus.Submitted || m.Status == MonthCloseStatus.Approved))
            .Select(m => m.TerritoryId).ToListAsync(ct);
        var added = 0;
        foreach (var to in await Notices.InRoleAsync(db, Roles.Coordinator, ct))
        {
            var mine = to.TerritoryIds.Where(territories.ContainsKey).ToList();
            if (mine.Count == 0)
            {
                continue;
            }
            if (operations.Any(o => o.Contains(today)) && Inactivity(to, mine, lastActivity, territories, today) is { } quiet
                && await notices.AddAsync(db, to, quiet, ct))
            {
                added++;
            }
            if (!lastMonthCovered)
            {
                continue;
            }
            foreach (var territoryId in mine.Where(id => !settled.Contains(id)))
            {
                if (await notices.AddAsync(db, to, MonthToSubmit(to, territories[territoryId], territoryId, lastMonth), ct))
                {
                    added++;
                }
            }
        }
        return await SaveAsync(db, added, "daily", ct);
    }

    /// <summary>Returns how many new notices were written.</summary>
    public async Task<int> RunWeeklyAsync(CancellationToken ct)
    {
        var today = clock.Today();
        await using var db = await factory.CreateDbContextAsync(ct);
        var operation = (await db.OperationPeriodsAsync(ct)).FirstOrDefault(o => o.Contains(today));
        if (operation is null)
        {
            return 0;
        }
        var limit = today.AddDays(-settings.EvidenceOverdueDays);
        var overdue = (await compliance.MissingAsync(new ComplianceQuery(operation.Id), ct))
            .Where(m => m.Date is { } date && date <= limit).ToList();
        var week = ISOWeek.GetYear(today.ToDateTime(TimeOnly.MinValue)) + "-S" + ISOWeek.GetWeekOfYear(today.ToDateTime(TimeOnly.MinValue)).ToString("00", CultureInfo.InvariantCulture);
        var added = 0;
        foreach (var to in await Notices.InRoleAsync(db, Roles.Coordinator, ct))
        {
            var mine = overdue.Where(m => to.TerritoryIds.Contains(m.TerritoryId)).ToList();
            if (mine.Count > 0 && await notices.AddAsync(db, to, EvidenceOwed(to, mine, week), ct))
            {
                added++;
            }
        }
        return await SaveAsync(db, added, "weekly", ct);
    }

    private async Task<int> SaveAsync(AppDbContext db, int added, string run, CancellationToken ct)
    {
        if (added > 0)
        {
            await db.SaveChangesAsync(ct);
            signal.Queued();
            changes.NotifyNotificationsChanged();
        }
        log.LogInformation("Coordinator reminders ({Run}): {Added} new notice(s)", run, added);
        return added;
    }

    /// <summary>The day of the latest activity of each territory (deleted ones aside), up to today.</summary>
    public static async Task<Dictionary<int, DateOnly>> LastActivityByTerritoryAsync(AppDbContext db, DateOnly today, CancellationToken ct) =>
        (await db.Activities.AsNoTracking().Where(a => a.DeletedAt == null && a.Date <= today)
            .GroupBy(a => a.TerritoryId).Select(g => new { g.Key, Last = g.Max(a => a.Date) }).ToListAsync(ct))
        .ToDictionary(x => x.Key, x => x.Last);

    private Notice? Inactivity(Recipient to, List<int> mine, Dictionary<int, DateOnly> lastActivity, Dictionary<int, (string Code, string Name)> territories,
        DateOnly today)
    {
        var known = mine.Where(lastActivity.ContainsKey).ToList();
        if (known.Count == 0)
        {
            return null;
        }
        var last = known.Max(id => lastActivity[id]);
        // The days after the last activity, today excluded (today is not over).
        var silent = FrenchHolidays.WorkingDaysBetween(last, today.AddDays(-1));
        if (silent < settings.InactivityWorkingDays)
        {
            return null;
        }
        var names = string.Join(", ", mine.Select(id => territories[id].Name));
        var title = $"Aucune activité saisie depuis {silent} jours ouvrés";
        var text = $"Dernière activité saisie pour {names} : le {French.WeekdayDayMonthYear(last)}.";
        return new Notice(MailKind.InactivityReminder, $"inactivite:{last:yyyy-MM-dd}", title, text, "/activities/new", new MailContent(
            title,
            $"Bonjour {to.DisplayName},",
            [text, "Si des activités ont eu lieu depuis, pensez à les saisir : elles comptent dans les bilans et les demandes de paiement."],
            [],
            new MailLink("Saisir une activité", mail.Link("/activities/new"))));
    }

    private Notice MonthToSubmit(Recipient to, (string Code, string Name) territory, int territoryId, DateOnly month)
    {
        var monthText = French.MonthYear(month);
        var link = $"/closing/{territory.Code}/{month:yyyy-MM}";
        var title = $"{French.Capitalize(monthText)} à soumettre pour {territory.Name}";
        var text = $"Le mois de {monthText} est terminé : vérifiez son récapitulatif et soumettez-le à la cheffe de projet.";
        return new Notice(MailKind.MonthToSubmit, $"mois-a-soumettre:{territoryId}:{month:yyyy-MM}", title, text, link, new MailContent(
            title,
            $"Bonjour {to.DisplayName},",
            [text],
            [],
            new MailLink($"Ouvrir le récapitulatif de {monthText}", mail.Link(link))));
    }

    private Notice EvidenceOwed(Recipient to, List<MissingEvidence> owed, string week)
    {
        var title = $"{French.Plural(owed.Count, "pièce justificative attendue", "pièces justificatives attendues")} depuis plus de {settings.EvidenceOverdueDays} jours";
        var sections = owed.GroupBy(m => m.TerritoryName).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new MailSection(g.Key, [.. g.GroupBy(m => m.Label).OrderBy(l => l.Key, StringComparer.Ordinal)
                .Select(l => $"{l.Key} : {l.Count()}")]))
            .ToList();
        var text = string.Join(" ; ", sections.Select(s => $"{s.Heading} — {string.Join(", ", s.Lines)}"));
        return new Notice(MailKind.EvidenceReminder, $"pieces-dues:{week}", title, text, "/compliance", new MailContent(
            title,
            $"Bonjour {to.DisplayName},",
            ["Ces pièces manquent aux dossiers de vos territoires depuis plus d'un mois. Sans elles, les dépenses et activités concernées ne peuvent pas être présentées au financeur."],
            sections,
            new MailLink("Voir les pièces à déposer", mail.Link("/compliance"))));
    }
}
