using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CscDashboard.Tests.Web;

/// <summary>ADR 034: reports and dossiers go to the heavy queue; circuit retention comes from the settings.</summary>
public sealed class HeavyJobsTests
{
    [Fact]
    public void Reports_and_dossiers_are_enqueued_on_the_heavy_queue_and_circuits_follow_the_settings()
    {
        using var app = new CscWebFactory
        {
            ExtraSettings = new Dictionary<string, string>
            {
                ["Circuits:DisconnectedMaxRetained"] = "7",
                ["Circuits:DisconnectedRetentionSeconds"] = "33",
            },
        };
        var jobs = app.Services.GetRequiredService<IBackgroundJobClient>();
        var report = jobs.EnqueueReport(123);
        var dossier = jobs.EnqueueDossier(1, "2023-03");

        var monitoring = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var heavy = monitoring.EnqueuedJobs(HangfireSetup.HeavyQueue, 0, 10).Select(j => j.Key).ToList();
        Assert.Contains(report, heavy);
        Assert.Contains(dossier, heavy);
        Assert.DoesNotContain(monitoring.EnqueuedJobs(HangfireSetup.DefaultQueue, 0, 10), j => j.Key == report || j.Key == dossier);

        var circuits = app.Services.GetRequiredService<IOptions<CircuitOptions>>().Value;
        Assert.Equal(7, circuits.DisconnectedCircuitMaxRetained);
        Assert.Equal(TimeSpan.FromSeconds(33), circuits.DisconnectedCircuitRetentionPeriod);
    }
}
