using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CscDashboard.Core.Common;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Activities;

namespace CscDashboard.Tests.Browser;

/// <summary>
/// A coordinator saving one activity per second through the offline entry's sync endpoint (a real HTTP request behind the
/// sign-in cookie and the antiforgery token, as the phone sends it), each dated in the watched quarter, so that every open
/// overview must show it. Keeps each save's start time (Unix ms, the clock the pages' observers read).
/// </summary>
internal sealed class LoadWriter(CscWebFactory app, string baseUrl, LoadPlan plan) : IAsyncDisposable
{
    private readonly List<(int Index, long StartedMs)> _saves = [];
    private readonly Lock _lock = new();
    private HttpClient? _client;
    private string _token = "";
    private int _territoryId;
    private CancellationTokenSource? _running;
    private Task? _loop;

    public IReadOnlyList<(int Index, long StartedMs)> Saves
    {
        get
        {
            lock (_lock)
            {
                return [.. _saves];
            }
        }
    }

    public async Task SignInAsync()
    {
        _client = app.CreateBrowserlikeClient();
        _client.BaseAddress = new Uri(baseUrl); // the Kestrel server, as the browsers see it
        await CscWebFactory.SignInAsync(_client, LoadPlan.WriterEmail);
        var context = (await _client.GetFromJsonAsync<QuickEntryContext>(QuickEntryEndpoints.ContextPath, new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
        _token = context.Token;
        _territoryId = context.Territories.Single().Id;
    }

    /// <summary>Saves one activity and returns when the server has answered « créée ».</summary>
    private async Task SaveAsync()
    {
        int index;
        lock (_lock)
        {
            index = _saves.Count + 1;
        }
        var date = plan.WriteFrom.AddDays(index % (plan.WriteTo.DayNumber - plan.WriteFrom.DayNumber + 1));
        var entry = new
        {
            key = Guid.NewGuid().ToString(), date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), territoryId = _territoryId,
            type = "CentreSupport", format = "Visit", place = "InCentre", title = $"Essai de charge n° {index}", durationMinutes = 45,
            inhabitantCount = 0, professionalCount = 2, volunteerCount = 0, partnerCount = 0, centreIds = Array.Empty<int>(), notes = "",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, QuickEntryEndpoints.SyncPath) { Content = JsonContent.Create(new { entries = new[] { entry } }) };
        request.Headers.Add("RequestVerificationToken", _token);
        var started = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using var response = await _client!.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        using var answer = JsonDocument.Parse(body);
        var status = answer.RootElement.GetProperty("results")[0].GetProperty("status").GetString();
        if (status != QuickEntryResult.Created)
        {
            throw new InvalidOperationException($"Save {index} was not created: {body}");
        }
        lock (_lock)
        {
            _saves.Add((index, started));
        }
    }

    /// <summary>Saves once a second until <see cref="StopAsync"/>.</summary>
    public void Start()
    {
        _running = new CancellationTokenSource();
        var token = _running.Token;
        _loop = Task.Run(async () =>
        {
            var next = DateTimeOffset.UtcNow;
            while (!token.IsCancellationRequested)
            {
                await SaveAsync();
                next = next.AddSeconds(1);
                var wait = next - DateTimeOffset.UtcNow;
                if (wait > TimeSpan.Zero)
                {
                    try
                    {
                        await Task.Delay(wait, token);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            }
        }, token);
    }

    public async Task StopAsync()
    {
        if (_running is not null)
        {
            await _running.CancelAsync();
            await _loop!;
            _running.Dispose();
            _running = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _client?.Dispose();
    }
}
