using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CscDashboard.Tests.Browser;

// The JS interop calls of the server, answered as a browser would, and the navigations the server asks for.
internal sealed partial class CircuitClient
{
    /// <summary>
    /// Answers a JS interop call as a browser where every function exists and returns nothing: null, or a new object
    /// reference when .NET asks for one (a module import, for example), so that no caller fails on a missing result. The
    /// calls that change what the browser would do next (navigation, the renderer's attachment) are acted on.
    /// </summary>
    private async Task OnInvokeJSAsync(HubConnection connection, long handle, string identifier, string? argumentsJson, int resultType)
    {
        _interopLog?.AddOrUpdate(identifier, 1, (_, count) => count + 1);
        if (handle != 0)
        {
            // JSCallResultType: 1 asks for a JS object reference, 2 for a stream reference; 0 (a value) and 3 (void) get null.
            var result = (resultType, identifier) switch
            {
                (1, _) => $"{{\"__jsObjectId\":{Interlocked.Increment(ref _nextJSObjectId)}}}",
                (2, _) => $"{{\"__jsStreamReferenceLength\":0,\"__jsObjectId\":{Interlocked.Increment(ref _nextJSObjectId)}}}",
                // MudBlazor lays some components out for the window's size: a laptop's, rather than none.
                (_, "mudResizeListener.getBrowserWindowSize") => WindowSize,
                _ => "null",
            };
            await connection.SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,{result}]");
        }
        switch (identifier)
        {
            case "Blazor._internal.attachWebRendererInterop" when !_rootComponentsSent:
                // The renderer is attached: the browser now adds the page's root components, with the persisted state.
                _rootComponentsSent = true;
                await connection.SendAsync("UpdateRootComponents", _rootComponentsJson, _applicationState);
                _rootComponentsJson = "";
                break;
            case "Blazor._internal.navigationManager.setHasLocationChangingListeners":
                using (var arguments = JsonDocument.Parse(argumentsJson ?? "[]"))
                {
                    _hasLocationChangingListeners = arguments.RootElement[1].GetBoolean();
                }
                break;
            case "Blazor._internal.navigationManager.navigateTo":
                // NavigationManager.NavigateTo on the server: the browser navigates and tells the router, as after a click.
                // Not awaited here: the answer to OnLocationChanging arrives on this same message loop.
                _ = NavigateFromServerAsync(argumentsJson);
                break;
        }
    }

    private async Task NavigateFromServerAsync(string? argumentsJson)
    {
        try
        {
            using var arguments = JsonDocument.Parse(argumentsJson ?? "[]");
            var uri = new Uri(new Uri(Location), arguments.RootElement[0].GetString()).ToString();
            var options = arguments.RootElement.GetArrayLength() > 1 ? arguments.RootElement[1] : default;
            var forceLoad = options.ValueKind == JsonValueKind.Object && options.TryGetProperty("forceLoad", out var force) && force.GetBoolean();
            if (forceLoad || !uri.StartsWith(_baseUri.ToString(), StringComparison.Ordinal))
            {
                Fail($"The page asked for a full page load of {uri}, which this client does not do.");
                return;
            }
            await NavigateCoreAsync(uri, interceptedLink: false);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or HubException)
        {
            Fail($"A navigation asked by the server failed: {e.Message}");
        }
    }
}
