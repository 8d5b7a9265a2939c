using CscDashboard.Core.Common;
using CscDashboard.Core.Reporting;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace CscDashboard.Tests.Postgres;

/// <summary>Live refresh across instances: two relays on one database stand for two app instances.</summary>
[Trait("Category", "Postgres")]
public sealed class ChangeRelayTests
{
    [SkippableFact]
    public async Task A_change_notified_in_one_instance_reaches_the_other_once_and_not_its_own_pages_twice()
    {
        TestDatabase.RequireServer();
        await using var database = await TestDatabase.CreatePostgresAsync(migrated: false);
        var (first, second) = (new ChangeNotifier(), new ChangeNotifier());
        using var firstRelay = new PostgresChangeRelay(first, database.Options, NullLogger<PostgresChangeRelay>.Instance);
        using var secondRelay = new PostgresChangeRelay(second, database.Options, NullLogger<PostgresChangeRelay>.Instance);
        await firstRelay.StartAsync(CancellationToken.None);
        await secondRelay.StartAsync(CancellationToken.None);
        await Task.WhenAll(firstRelay.Listening, secondRelay.Listening).WaitAsync(TimeSpan.FromSeconds(15));
        var (onFirst, onSecond) = (new List<object>(), new List<object>());
        var (activityArrived, reportArrived) = (new TaskCompletionSource(), new TaskCompletionSource());
        first.ActivityChanged += change => { lock (onFirst) { onFirst.Add(change); } };
        first.ReportChanged += change => { lock (onFirst) { onFirst.Add(change); } reportArrived.TrySetResult(); };
        second.ActivityChanged += change => { lock (onSecond) { onSecond.Add(change); } activityArrived.TrySetResult(); };

        var activity = new ActivityChange(42, 7, new DateOnly(2023, 3, 15));
        first.NotifyActivityChanged(activity);
        await activityArrived.Task.WaitAsync(TimeSpan.FromSeconds(15));
        // PostgreSQL delivers notifications in commit order: when this one reaches the first instance, the
        // first instance has already seen (and must have ignored) its own activity coming back.
        var report = new ReportChange(3, ReportStatus.Running, "Calcul des chiffres");
        second.NotifyReportChanged(report);
        await reportArrived.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await firstRelay.StopAsync(CancellationToken.None);
        await secondRelay.StopAsync(CancellationToken.None);

        Assert.Equal([activity], onSecond);
        Assert.Equal([activity, report], onFirst);
    }
}
