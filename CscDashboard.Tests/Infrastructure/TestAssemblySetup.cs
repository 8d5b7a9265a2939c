using System.Runtime.CompilerServices;

namespace CscDashboard.Tests.Infrastructure;

internal static class TestAssemblySetup
{
    /// <summary>
    /// The browser tests host the app on Kestrel inside the test process, so its SignalR circuits share
    /// the thread pool with the other test collections running in parallel. On a 2-core CI machine the
    /// pool starts with two workers and grows by about one a second, which is slow enough for a
    /// circuit's event to wait behind blocking test code for many seconds. Starting with more workers
    /// keeps the in-process server as responsive as it is in production.
    /// </summary>
    [ModuleInitializer]
    internal static void RaiseThreadPoolMinimum()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
    }
}
