using CscDashboard.Core.Common;
using CscDashboard.Core.Workstreams;
using CscDashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace CscDashboard.Web.Components.Pages.Workstreams;

/// <summary>
/// A workstream space: co-animators, figures per territory over a period, sessions, deliverables and
/// watch items. The period and the watch-item search live in the URL; figures and sessions refresh
/// live when an activity is saved anywhere.
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

    protected override void OnInitialized() => _refresh = Notifier.WhenActivityChanged(InvokeAsync, OnActivityChangedAsync);

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
        }
        catch (NotFoundException e)
        {
            _space = null;
            _notFound = e.Message;
        }
    }

    private async Task OnActivityChangedAsync(ActivityChange change)
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
