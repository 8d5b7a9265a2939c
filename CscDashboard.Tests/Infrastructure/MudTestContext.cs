using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CscDashboard.Tests.Infrastructure;

/// <summary>
/// A bUnit context with MudBlazor's services and loose JS interop (NOTES.md). Disposed
/// asynchronously: some MudBlazor services only implement IAsyncDisposable.
/// </summary>
public abstract class MudTestContext : BunitContext, IAsyncLifetime
{
    // bUnit waits one second for an awaited render by default; a CI machine busy with the other test
    // classes can take longer than that to run MudBlazor's validation render. A wait still ends at the
    // first render that satisfies it.
    static MudTestContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected MudTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await OnDisposeAsync();
        await DisposeAsync();
    }

    protected virtual Task OnDisposeAsync() => Task.CompletedTask;
}
