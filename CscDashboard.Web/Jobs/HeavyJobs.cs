using CscDashboard.Core.Compliance;
using CscDashboard.Core.Reporting;
using Hangfire;

namespace CscDashboard.Web.Jobs;

/// <summary>
/// The one way to enqueue report and dossier generation: on <see cref="HangfireSetup.HeavyQueue"/>, which
/// its own bounded server serves (ADR 034). The queue is stored with the job, so retries and a requeue from
/// the dashboard stay on it. Core's job classes know nothing of Hangfire.
/// </summary>
public static class HeavyJobs
{
    public static string EnqueueReport(this IBackgroundJobClient jobs, int snapshotId) =>
        jobs.Enqueue<ReportJob>(HangfireSetup.HeavyQueue, j => j.RunAsync(snapshotId, CancellationToken.None));

    public static string EnqueueDossier(this IBackgroundJobClient jobs, int operationId, string periodCode) =>
        jobs.Enqueue<PaymentClaimDossierJob>(HangfireSetup.HeavyQueue, j => j.RunAsync(operationId, periodCode, CancellationToken.None));
}
