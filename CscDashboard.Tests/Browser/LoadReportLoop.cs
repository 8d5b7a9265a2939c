using System.Diagnostics;
using CscDashboard.Core.Common;
using CscDashboard.Core.Reporting;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Auth;
using CscDashboard.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CscDashboard.Tests.Browser;

/// <summary>
/// Requests the quarterly committee report of <paramref name="quarter"/> again and again (a new version each time) through the
/// app's <see cref="ReportQueue"/>, so that the heavy Hangfire queue always has one building, until stopped.
/// </summary>
internal sealed class ReportLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _firstRunning = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<double> _built = [];
    private readonly Task _loop;

    public ReportLoop(CscWebFactory app, string quarter) => _loop = Task.Run(() => RunAsync(app, quarter));

    private async Task RunAsync(CscWebFactory app, string quarter)
    {
        while (!_stop.IsCancellationRequested)
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().SetSystemUser(CurrentUser.System("load"));
            var watch = Stopwatch.StartNew();
            var requested = await scope.ServiceProvider.GetRequiredService<ReportQueue>()
                .RequestAsync(new ReportRequest(ReportKind.QuarterlyCommittee, quarter, NewVersion: true));
            while (true)
            {
                await Task.Delay(100);
                await using var db = await app.CreateDbAsync();
                var status = await db.ReportSnapshots.Where(s => s.Id == requested.Report.Id).Select(s => s.Status).SingleAsync();
                if (status != ReportStatus.Pending)
                {
                    _firstRunning.TrySetResult();
                }
                if (status is ReportStatus.Ready or ReportStatus.Failed)
                {
                    Assert.Equal(ReportStatus.Ready, status);
                    _built.Add(watch.Elapsed.TotalMilliseconds);
                    break;
                }
            }
        }
    }

    public Task WaitForFirstRunningAsync() => _firstRunning.Task.WaitAsync(TimeSpan.FromMinutes(2));

    /// <summary>Lets the report under way finish, and returns how long each took from request to ready.</summary>
    public async Task<List<double>> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        return _built;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}
