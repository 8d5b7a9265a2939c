using CscDashboard.Core.Common;
using CscDashboard.Core.Workstreams;
using CscDashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace CscDashboard.Web.Components.Pages.Workstreams;

/// <summary>
/// A workstream space: co-animators, figures per territory over a period, sessions, deliverables and
/// watch items. The period and the watch-item search live in the URL; figures and sessions refresh
/// live when an activity is saved in the period shown (every territory is shown; the change does not say its workstreams,
/// so any workstream's counts), a burst of saves giving one reload (<see cref="LiveRefresh"/>).
/// </summary>
public partial class WorkstreamPage : IDisposable
{
    [Inject] private WorkstreamService Service { get; set; } = default!;
    [Inject] private ChangeNotifier Notifier { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Parameter] public int Number { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "q")] public string? Search { get; set; }
    [SupplyParameterFromQuery(Name = "tag")] public string? Tag { get; set; }

    private WorkstreamSpace? _space;
    private IReadOnlyList<PeriodChoice> _choices = [];
    private (int, DateOnly?, DateOnly?)? _loaded;
    private string? _notFound;
    private IDisposable? _refresh;
    /// <summary>The space shown, read by the notifier's thread: replaced whole by each load.</summary>
    private volatile WorkstreamSpace? _shown;

    protected override void OnInitialized() =>
        _refresh = Notifier.WhenActivityChanged(InvokeAsync, change => _shown is { } space && change.Date >= space.From && change.Date <= space.To, RefreshAsync);

    protected override async Task OnParametersSetAsync()
    {
        // The watch-item search changes the URL too; only the workstream and the period reload the space.
        var key = (Number, WorkstreamLinks.ParseDate(From), WorkstreamLinks.ParseDate(To));
        if (key != _loaded)
        {
            _loaded = key;
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            _notFound = null;
            _space = await Service.GetSpaceAsync(Number, WorkstreamLinks.ParseDate(From), WorkstreamLinks.ParseDate(To));
            _choices = WorkstreamLinks.Choices(_space.Operations, Clock.Today());
            _shown = _space;
        }
        catch (NotFoundException e)
        {
            _space = _shown = null;
            _notFound = e.Message;
        }
    }

    private async Task RefreshAsync()
    {
        if (_space is not null)
        {
            await LoadAsync();
            StateHasChanged();
        }
    }

    public void Dispose()
    {
        _refresh?.Dispose();
        GC.SuppressFinalize(this);
    }
}
