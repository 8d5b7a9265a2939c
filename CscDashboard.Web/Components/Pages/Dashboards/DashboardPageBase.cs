using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Indicators;
using CscDashboard.Core.Operations;
using CscDashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace CscDashboard.Web.Components.Pages.Dashboards;

/// <summary>
/// What both dashboards share: the period in the URL (<c>?period=2023-Q1</c>, default the current
/// quarter), and a live refresh when an activity is saved in the territory-months the page displays (its
/// <see cref="DashboardWindow"/>: ADR 035), a burst of saves giving one reload (<see cref="LiveRefresh"/>, well under a second).
/// </summary>
public abstract class DashboardPageBase : ComponentBase, IDisposable
{
    private IDisposable? _refresh;
    /// <summary>What the figures shown read; null while nothing is shown. Replaced whole after each load (read by the notifier's thread).</summary>
    private volatile DashboardWindow? _window;

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
        _refresh = Notifier.WhenActivityChanged(InvokeAsync, change => _window?.Contains(change) == true, RefreshAsync);
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
        await LoadShownAsync();
    }

    protected abstract Task LoadAsync();

    /// <summary>The territory whose figures the page shows (null: all, the overview; ignored while <see cref="Shown"/> is false).</summary>
    protected abstract int? ShownTerritoryId { get; }

    /// <summary>The page shows figures (a territory that does not exist shows none, and has no change to follow).</summary>
    protected abstract bool Shown { get; }

    protected abstract string PagePath { get; }

    protected void ChangePeriod(Period period) =>
        Nav.NavigateTo($"{PagePath}?period={Uri.EscapeDataString(period.Code)}", replace: false);

    private async Task LoadShownAsync()
    {
        await LoadAsync();
        _window = Shown ? DashboardWindow.Of(ShownTerritoryId, Period, Today, Operations) : null;
    }

    private async Task RefreshAsync()
    {
        await LoadShownAsync();
        LiveUpdates++;
        StateHasChanged();
    }

    public void Dispose()
    {
        _refresh?.Dispose();
        GC.SuppressFinalize(this);
    }
}
