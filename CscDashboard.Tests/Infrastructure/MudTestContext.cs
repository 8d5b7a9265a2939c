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
