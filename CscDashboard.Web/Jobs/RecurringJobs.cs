using CscDashboard.Core.Backups;
using Hangfire;

namespace CscDashboard.Web.Jobs;

/// <summary>
/// Every recurring Hangfire job, in one place, on Europe/Paris time, with its cron from
/// appsettings.json. Registering again at each start-up updates the schedule; the job ids are stable.
/// </summary>
public static class RecurringJobs
{
    public const string NightlyBackup = "sauvegarde-nocturne";

    public static void RegisterCscRecurringJobs(this WebApplication app)
    {
        var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
        var configuration = app.Configuration;
        var paris = new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris") };

        var keep = configuration.GetValue("Backups:Keep", 14);
        jobs.AddOrUpdate<BackupService>(NightlyBackup, backups => backups.CreateScheduledAsync(keep, CancellationToken.None),
            configuration["Backups:Cron"] ?? "30 2 * * *", paris);
    }
}
