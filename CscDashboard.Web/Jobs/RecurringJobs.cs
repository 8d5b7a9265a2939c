using CscDashboard.Core.Reporting;
using Hangfire;

namespace CscDashboard.Web.Jobs;

/// <summary>
/// Every recurring job of the app, registered here and nowhere else, with its cron from
/// appsettings.json (<c>Reports:MonthlyCron</c>, <c>Reports:QuarterlyCron</c>, in <c>Reports:TimeZone</c>).
/// An empty cron removes the job.
/// </summary>
public static class RecurringJobs
{
    public const string MonthlyReport = "bilan-mensuel";
    public const string QuarterlyReport = "bilan-trimestriel";

    public static void Register(IServiceProvider services)
    {
        var manager = services.GetRequiredService<IRecurringJobManager>();
        var configuration = services.GetRequiredService<IConfiguration>();
        var options = new RecurringJobOptions
        {
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById(configuration["Reports:TimeZone"] ?? "Europe/Paris"),
        };
        var monthly = configuration["Reports:MonthlyCron"];
        if (string.IsNullOrWhiteSpace(monthly))
        {
            manager.RemoveIfExists(MonthlyReport);
        }
        else
        {
            manager.AddOrUpdate<ScheduledReportJob>(MonthlyReport, j => j.RunMonthlyAsync(CancellationToken.None), monthly, options);
        }
        var quarterly = configuration["Reports:QuarterlyCron"];
        if (string.IsNullOrWhiteSpace(quarterly))
        {
            manager.RemoveIfExists(QuarterlyReport);
        }
        else
        {
            manager.AddOrUpdate<ScheduledReportJob>(QuarterlyReport, j => j.RunQuarterlyAsync(CancellationToken.None), quarterly, options);
        }
    }
}

/// <summary>On-demand generation: the request goes through Core's rules, then the build is enqueued for Hangfire.</summary>
public sealed class ReportQueue(ReportService reports, IBackgroundJobClient jobs)
{
    public async Task<ReportRequestResult> RequestAsync(ReportRequest request, CancellationToken ct = default)
    {
        var result = await reports.RequestAsync(request, ct);
        if (result.NeedsRun)
        {
            var id = result.Report.Id;
            jobs.Enqueue<ReportJob>(j => j.RunAsync(id, CancellationToken.None));
        }
        return result;
    }
}
