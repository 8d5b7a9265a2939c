using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace CscDashboard.Tests.Browser;

/// <summary>
/// A browserless client of the Blazor Server circuit protocol, for load tests: it does what blazor.web.js does for a page of
/// a Blazor Web App with interactive server routing, and nothing a browser would not do. It reads the page's server component
/// markers and persisted state, starts a circuit on the <c>/_blazor</c> hub (blazorpack, over a WebSocket), adds the root
/// components, acknowledges every render batch, answers every JS interop call with a neutral value, and navigates like the
/// browser's router (<c>OnLocationChanging</c> when the page listens, then <c>OnLocationChanged</c>). It keeps no DOM: it
/// only reads the strings of the render batches it is asked to watch, so that a circuit costs the test process little.
/// </summary>
internal sealed partial class CircuitClient : IAsyncDisposable
{
    /// <summary>One client for every page request: the cookies go in a header, so that the handler and its pool are shared.</summary>
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });

    private readonly Uri _baseUri;
    private readonly Uri _pageUri;
    private readonly CookieContainer _cookies;
    private readonly ConcurrentDictionary<string, int>? _interopLog;
    private readonly Lock _lock = new();
    private readonly List<(string[] Texts, TaskCompletionSource Shown)> _waiters = [];
    private readonly TaskCompletionSource _firstRender = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HubConnection? _connection;
    private string _rootComponentsJson = "";
    private string _applicationState = "";
    private string? _circuitSecret;
    private bool _rootComponentsSent;
    private bool _hasLocationChangingListeners;
    private int _nextLocationChangingCallId;
    private (int CallId, TaskCompletionSource<bool> Answer)? _locationChanging;
    private long _nextJSObjectId;
    private bool _disposing;

    /// <summary>The browser window this client pretends to have, as MudBlazor's resize listener reports it.</summary>
    private const string WindowSize = """{"height":800,"width":1280}""";

    /// <param name="baseUrl">The app's address, as the browser sees it (the page's <c>&lt;base href="/"&gt;</c>).</param>
    /// <param name="path">The page, relative to <paramref name="baseUrl"/>: <c>/dashboard?period=2024-Q3</c>.</param>
    /// <param name="cookies">The signed-in user's cookies, for the page request and the hub; may be shared by many clients.</param>
    /// <param name="interopLog">When given, counts the JS interop calls the server made, by function (shared by many clients).</param>
    public CircuitClient(string baseUrl, string path, CookieContainer cookies, ConcurrentDictionary<string, int>? interopLog = null)
    {
        _baseUri = new Uri(baseUrl.TrimEnd('/') + "/");
        _pageUri = new Uri(_baseUri, path.TrimStart('/'));
        _cookies = cookies;
        _interopLog = interopLog;
        Location = _pageUri.ToString();
    }

    /// <summary>The page's address, as <c>location.href</c> would give it.</summary>
    public string Location { get; private set; }

    /// <summary>Completes at the first render batch of the circuit (the root components rendered interactively); faults if the circuit fails first.</summary>
    public Task FirstRender => _firstRender.Task;

    /// <summary>Render batches received (and acknowledged).</summary>
    public int RenderBatches { get; private set; }

    /// <summary>
    /// When set, receives the strings of every render batch as it arrives (on the connection's message loop: keep it
    /// short), to follow a figure over time; the strings are only decoded when someone reads them.
    /// </summary>
    public Action<IReadOnlyList<string>>? BatchStrings { get; set; }

    /// <summary>The first error the server or the connection reported (<c>JS.Error</c>, a closed connection), or null.</summary>
    public string? Error { get; private set; }

    /// <summary>
    /// Loads the page as the browser does (with the cookies), then starts its circuit: <c>StartCircuit</c> with no initial
    /// component (a Blazor Web App adds them afterwards), then <c>UpdateRootComponents</c> once the server has attached its
    /// renderer (the browser's WebRootComponentManager waits for that too). Returns once the circuit is started; await
    /// <see cref="FirstRender"/> or <see cref="WaitForTextAsync"/> for what it renders.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        using (var request = new HttpRequestMessage(HttpMethod.Get, _pageUri))
        {
            request.Headers.Add("Cookie", _cookies.GetCookieHeader(_pageUri));
            using var response = await Http.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"GET {_pageUri} answered {(int)response.StatusCode} {response.Headers.Location}: is the user signed in?");
            }
            ReadPage(await response.Content.ReadAsStringAsync(cancellationToken));
        }

        var builder = new HubConnectionBuilder().WithUrl(new Uri(_baseUri, "_blazor"), options =>
        {
            // The browser negotiates first and then opens the WebSocket; negotiation only hands out a connection
            // token, and skipping it spares each client an HttpClient of its own. The circuit is the same.
            options.Transports = HttpTransportType.WebSockets;
            options.SkipNegotiation = true;
            options.Cookies = _cookies;
        });
        builder.Services.AddSingleton<IHubProtocol>(BlazorPackProtocol.Instance);
        _connection = builder.Build();
        Listen(_connection);
        _connection.Closed += error =>
        {
            if (!_disposing)
            {
                Fail(error is null ? "The server closed the connection." : $"The connection closed: {error.Message}");
            }
            return Task.CompletedTask;
        };
        await _connection.StartAsync(cancellationToken);
        _circuitSecret = await _connection.InvokeAsync<string?>("StartCircuit", _baseUri.ToString(), Location, "[]", _applicationState, cancellationToken);
        if (_circuitSecret is null)
        {
            throw new InvalidOperationException($"The server refused to start the circuit of {_pageUri}: {Error}");
        }
    }

    /// <summary>
    /// Completes at the first render batch, from now on, whose strings contain every one of <paramref name="texts"/> (a text
    /// node may hold one of them inside a longer string); faults if the circuit fails first. Call it before the action
    /// whose result it waits for, so that no batch is missed.
    /// </summary>
    public Task WaitForTextAsync(params string[] texts)
    {
        var shown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (Error is not null)
            {
                shown.SetException(new InvalidOperationException(Error));
            }
            else
            {
                _waiters.Add((texts, shown));
            }
        }
        return shown.Task;
    }

    /// <summary>
    /// Navigates inside the app as a click on a link does in the browser: asks the page's location-changing handlers
    /// first when it has any (<c>OnLocationChanging</c>, answered by <c>JS.EndLocationChanging</c>), then tells the router
    /// the new location (<c>OnLocationChanged</c>). Returns false when a handler cancelled the navigation.
    /// </summary>
    public Task<bool> NavigateAsync(string relativeUrl) =>
        NavigateCoreAsync(new Uri(_baseUri, relativeUrl.TrimStart('/')).ToString(), interceptedLink: true);

    private async Task<bool> NavigateCoreAsync(string uri, bool interceptedLink)
    {
        var connection = _connection ?? throw new InvalidOperationException("The circuit is not started.");
        if (_hasLocationChangingListeners)
        {
            var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var callId = Interlocked.Increment(ref _nextLocationChangingCallId);
            // As in the browser, a newer navigation supersedes one still waiting for its answer.
            _locationChanging?.Answer.TrySetResult(false);
            _locationChanging = (callId, answer);
            await connection.SendAsync("OnLocationChanging", callId, uri, (string?)null, interceptedLink);
            if (!await answer.Task)
            {
                return false;
            }
        }
        Location = uri;
        await connection.SendAsync("OnLocationChanged", uri, (string?)null, interceptedLink);
        return true;
    }

    /// <summary>
    /// Closes the circuit as a closing tab does: blazor.web.js posts the circuit's secret to <c>_blazor/disconnect</c> on
    /// page hide, so that the server disposes the circuit at once instead of keeping it for a reconnection; then the
    /// connection ends.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _disposing = true;
        await CloseCircuitAsync();
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    /// <summary>Posts the circuit's secret to <c>_blazor/disconnect</c>, as blazor.web.js does on page hide; the connection stays open.</summary>
    public async Task CloseCircuitAsync()
    {
        if (_circuitSecret is { } secret)
        {
            _circuitSecret = null;
            var disconnect = new Uri(_baseUri, "_blazor/disconnect");
            using var request = new HttpRequestMessage(HttpMethod.Post, disconnect)
            {
                Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("circuitId", secret)]),
            };
            request.Headers.Add("Cookie", _cookies.GetCookieHeader(disconnect));
            try
            {
                using var response = await Http.SendAsync(request);
            }
            catch (HttpRequestException)
            {
                // The server may be gone already: the connection's end still tells it.
            }
        }
    }

    /// <summary>The messages the server sends to the browser, each handled as blazor.web.js does, without a DOM.</summary>
    private void Listen(HubConnection connection)
    {
        connection.On("JS.RenderBatch", [typeof(long), typeof(byte[])], async arguments =>
        {
            var batchId = (long)arguments[0]!;
            OnRenderBatch((byte[])arguments[1]!);
            // The server keeps a batch until it is acknowledged, and stops rendering when too many wait.
            await connection.SendAsync("OnRenderCompleted", batchId, (string?)null);
        });
        // .NET 10 sends the call's handle, function, arguments, result type, target object and call type.
        connection.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)],
            arguments => OnInvokeJSAsync(connection, (long)arguments[0]!, (string)arguments[1]!, (string?)arguments[2], (int)arguments[3]!));
        connection.On<int, bool>("JS.EndLocationChanging", (callId, shouldContinue) =>
        {
            if (_locationChanging is { } pending && pending.CallId == callId)
            {
                _locationChanging = null;
                pending.Answer.TrySetResult(shouldContinue);
            }
        });
        connection.On<string>("JS.Error", error => Fail($"The circuit failed: {error}"));
        // Answers to .NET calls from JS: this client makes none, but the browser accepts them all the same.
        connection.On("JS.EndInvokeDotNet", [typeof(string), typeof(bool), typeof(string)], _ => Task.CompletedTask);
        connection.On<long>("JS.EndUpdateRootComponents", _ => { });
    }

    private void OnRenderBatch(byte[] batch)
    {
        RenderBatches++;
        _firstRender.TrySetResult();
        List<TaskCompletionSource>? shown = null;
        List<string>? strings = null;
        if (BatchStrings is { } observer)
        {
            strings = ReadStrings(batch);
            observer(strings);
        }
        lock (_lock)
        {
            if (_waiters.Count > 0)
            {
                var texts = strings ?? ReadStrings(batch);
                for (var i = _waiters.Count - 1; i >= 0; i--)
                {
                    if (_waiters[i].Texts.All(text => texts.Any(s => s.Contains(text, StringComparison.Ordinal))))
                    {
                        (shown ??= []).Add(_waiters[i].Shown);
                        _waiters.RemoveAt(i);
                    }
                }
            }
        }
        shown?.ForEach(s => s.TrySetResult());
    }

    private void Fail(string error)
    {
        List<TaskCompletionSource> waiting;
        lock (_lock)
        {
            Error ??= error;
            waiting = [.. _waiters.Select(w => w.Shown)];
            _waiters.Clear();
        }
        _firstRender.TrySetException(new InvalidOperationException(error));
        _locationChanging?.Answer.TrySetResult(false);
        waiting.ForEach(w => w.TrySetException(new InvalidOperationException(error)));
    }
}
