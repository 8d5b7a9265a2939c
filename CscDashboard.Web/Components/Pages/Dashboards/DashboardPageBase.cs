using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Indicators;
using CscDashboard.Core.Operations;
using CscDashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace CscDashboard.Web.Components.Pages.Dashboards;

/// <summary>
/// What both dashboards share: the period in the URL (<c>?period=2023-Q1</c>, default the current
/// quarter), and a live refresh when an activity is saved anywhere (debounced, well under a second).
/// </summary>
public abstract class DashboardPageBase : ComponentBase, IDisposable
{
    private static readonly TimeSpan RefreshDelay = TimeSpan.FromMilliseconds(250);
    private CancellationTokenSource? _pendingRefresh;
    private IDisposable? _refresh;

    [Inject] protected DashboardService Dashboards { get; set; } = default!;
    [Inject] protected ICurrentUserAccessor Users { get; set; } = default!;
    [Inject] protected NavigationManager Nav { get; set; } = default!;
    [Inject] private ChangeNotifier Notifier { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "period")]
    public string? PeriodCode { get; set; }

    protected IReadOnlyList<OperationPeriod> Operations { get; private set; } = [];
    protected DateOnly Today { get; private set; }
    protected Period Period { get; private set; } = Period.Year(2000);
    protected string? PeriodError { get; private set; }
    /// <summary>Refreshes since the page opened, shown discreetly so a user sees the page is live.</summary>
    protected int LiveUpdates { get; private set; }

    protected DashboardLinks Links => new(Period, Users.Current.CanReadActivities);

    /// <summary>The targets page of an operation (and territory) for staff, who open it; none for the committee.</summary>
    protected string? TargetsHref(IndicatorSection? section, string? territoryCode = null) =>
        section?.OperationCode is { } operation && Users.Current.CanReadActivities
            ? $"/targets?operation={Uri.EscapeDataString(operation)}" + (territoryCode is null ? "" : $"&territory={Uri.EscapeDataString(territoryCode)}")
            : null;

    protected override async Task OnInitializedAsync()
    {
        Today = Clock.Today();
        Operations = await Dashboards.OperationsAsync();
        _refresh = Notifier.WhenActivityChanged(InvokeAsync, OnActivityChangedAsync);
    }

    protected override async Task OnParametersSetAsync()
    {
        PeriodError = null;
        if (string.IsNullOrEmpty(PeriodCode))
        {
            Period = Period.Containing(PeriodKind.Quarter, Today);
        }
        else if (Period.TryParse(PeriodCode, Operations, out var period, out var error))
        {
            Period = period;
        }
        else
        {
            PeriodError = error;
            Period = Period.Containing(PeriodKind.Quarter, Today);
        }
        await LoadAsync();
    }

    protected abstract Task LoadAsync();

    protected abstract string PagePath { get; }

    protected void ChangePeriod(Period period) =>
        Nav.NavigateTo($"{PagePath}?period={Uri.EscapeDataString(period.Code)}", replace: false);

    private async Task OnActivityChangedAsync(ActivityChange change)
    {
        if (change.Date < Period.From.AddMonths(-12) || change.Date > Period.To)
        {
            return;
        }
        _pendingRefresh?.Cancel();
        var pending = _pendingRefresh = new CancellationTokenSource();
        try
        {
            await Task.Delay(RefreshDelay, pending.Token);
            await LoadAsync();
            LiveUpdates++;
            StateHasChanged();
        }
        catch (OperationCanceledException)
        {
            // A newer change will refresh.
        }
    }

    public void Dispose()
    {
        _refresh?.Dispose();
        _pendingRefresh?.Cancel();
        GC.SuppressFinalize(this);
    }
}
