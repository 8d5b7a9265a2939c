using CscDashboard.Core.Data;

namespace CscDashboard.Web.Hosting;

/// <summary>Keeps the data directory's lock for the host's lifetime: the container disposes it (and the OS releases the lock) when the host stops.</summary>
public sealed class DataDirectoryHold(DataDirectoryLock hold) : IHostedService, IDisposable
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => hold.Dispose();
}
