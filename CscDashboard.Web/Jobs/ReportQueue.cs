using CscDashboard.Core.Reporting;
using Hangfire;

namespace CscDashboard.Web.Jobs;

/// <summary>On-demand generation: the request goes through Core's rules, then the build is enqueued for Hangfire.</summary>
public sealed class ReportQueue(ReportService reports, IBackgroundJobClient jobs)
{
    public async Task<ReportRequestResult> RequestAsync(ReportRequest request, CancellationToken ct = default)
    {
        var result = await reports.RequestAsync(request, ct);
        if (result.NeedsRun)
        {
            jobs.EnqueueReport(result.Report.Id);
        }
        return result;
    }
}
