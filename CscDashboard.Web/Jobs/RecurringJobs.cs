using CscDashboard.Core.Backups;
using CscDashboard.Core.Compliance;
using CscDashboard.Core.Data;
using CscDashboard.Core.Notifications;
using CscDashboard.Core.Reporting;
using Hangfire;

namespace CscDashboard.Web.Jobs;

/// <summary>
/// Every recurring Hangfire job, in one place, on Europe/Paris time, with its cron from
/// appsettings.json. Registering again at each start-up updates the schedule; the job ids are stable.
/// </summary>
public static class RecurringJobs
{
    public const string NightlyBackup = "sauvegarde-nocturne";
    public const string MonthlyReport = "bilan-mensuel";
    public const string QuarterlyReport = "bilan-trimestriel";
    public const string NightlyCompliance = "conformite-nocturne";
    public const string Outbox = "courriels-sortants";
    public const string CoordinatorDaily = "rappels-coordinateurs";
    public const string CoordinatorEvidence = "rappel-pieces-dues";
    public const string LeadDigest = "synthese-du-lundi";
    public const string NewReports = "nouveaux-bilans";

    public static void RegisterCscRecurringJobs(this WebApplication app)
    {
        var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
        var configuration = app.Configuration;
        var paris = new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris") };

        if (app.Services.GetRequiredService<DatabaseOptions>().IsPostgres)
        {
            // The backup archive holds a SQLite file; PostgreSQL is saved with pg_dump (docs/deploy.md).
            jobs.RemoveIfExists(NightlyBackup);
        }
        else
        {
            var keep = configuration.GetValue("Backups:Keep", 14);
            jobs.AddOrUpdate<BackupService>(NightlyBackup, backups => backups.CreateScheduledAsync(keep, CancellationToken.None),
                configuration["Backups:Cron"] ?? "30 2 * * *", paris);
        }
        // Report generation runs on the heavy queue (ADR 034); everything else on the default one.
        jobs.AddOrUpdate<ScheduledReportJob>(MonthlyReport, HangfireSetup.HeavyQueue, reports => reports.RunMonthlyAsync(CancellationToken.None),
            configuration["Reports:MonthlyCron"] ?? "0 6 1 * *", paris);
        jobs.AddOrUpdate<ScheduledReportJob>(QuarterlyReport, HangfireSetup.HeavyQueue, reports => reports.RunQuarterlyAsync(CancellationToken.None),
            configuration["Reports:QuarterlyCron"] ?? "0 6 1 1,4,7,10 *", paris);
        jobs.AddOrUpdate<ComplianceSnapshotJob>(NightlyCompliance, compliance => compliance.RunAsync(CancellationToken.None),
            configuration["Compliance:Cron"] ?? "0 3 * * *", paris);
        // Mail (ADR 028): the outbox every minute (and at once when a message is queued).
        jobs.AddOrUpdate<OutboxSender>(Outbox, sender => sender.RunAsync(CancellationToken.None),
            configuration["Mail:OutboxCron"] ?? "* * * * *", paris);
        // Reminders and digests (ADR 028): each safe to run twice (one notice per fact and period).
        jobs.AddOrUpdate<CoordinatorReminderJob>(CoordinatorDaily, reminders => reminders.RunDailyAsync(CancellationToken.None),
            configuration["Notifications:CoordinatorCron"] ?? "0 8 * * 1-5", paris);
        jobs.AddOrUpdate<CoordinatorReminderJob>(CoordinatorEvidence, reminders => reminders.RunWeeklyAsync(CancellationToken.None),
            configuration["Notifications:EvidenceCron"] ?? "15 8 * * 1", paris);
        jobs.AddOrUpdate<DigestJob>(LeadDigest, digests => digests.RunLeadDigestAsync(CancellationToken.None),
            configuration["Notifications:LeadDigestCron"] ?? "0 7 * * 1", paris);
        jobs.AddOrUpdate<DigestJob>(NewReports, digests => digests.RunNewReportsAsync(CancellationToken.None),
            configuration["Notifications:NewReportCron"] ?? "*/15 * * * *", paris);
    }
}
