using CscDashboard.Core.Common;
using CscDashboard.Core.Network;
using CscDashboard.Core.Network.Import;
using CscDashboard.Web.Network;
using CscDashboard.Web.Components.Shared.Forms;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CscDashboard.Web.Components.Pages.Network;

public partial class Centres
{
    internal static readonly int[] PageSizes = [10, 25, 50, 100];

    [Inject] private CentreService Service { get; set; } = default!;
    [Inject] private ICurrentUserAccessor Users { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [SupplyParameterFromQuery(Name = NetworkQuery.Territory)] public string? Territory { get; set; }
    [SupplyParameterFromQuery(Name = NetworkQuery.Status)] public string? Status { get; set; }
    [SupplyParameterFromQuery(Name = NetworkQuery.Search)] public string? Search { get; set; }
    [SupplyParameterFromQuery(Name = NetworkQuery.Archived)] public string? ArchivedText { get; set; }
    private bool Archived => UrlValues.Flag(ArchivedText);

    private MudDataGrid<CentreRow>? _grid;
    private CentreFilter _filter = new();
    private IReadOnlyList<TerritoryOption> _territories = [];
    private CurrentUser _user = CurrentUser.Anonymous;
    private bool _canWrite;

    protected override async Task OnInitializedAsync()
    {
        _user = Users.Current;
        _canWrite = _user.HasFederationScope || _user.IsCoordinator;
        _territories = await Service.ListTerritoriesAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        var filter = NetworkQuery.Centres(Territory, Status, Search, Archived);
        if (filter == _filter)
        {
            return;
        }
        _filter = filter;
        if (_grid is not null)
        {
            _grid.NavigateTo(Page.First);
            await _grid.ReloadServerData();
        }
    }

    /// <summary>Filters live in the URL: the page reloads its rows when the query string changes.</summary>
    private Task ApplyAsync(CentreFilter filter)
    {
        Navigation.NavigateTo("/network/centres" + NetworkQuery.ToQuery(filter), replace: true);
        return Task.CompletedTask;
    }

    private string ExportUrl(ExportFormat format) => NetworkExportEndpoints.Url("centres", format, NetworkQuery.ToQuery(_filter));

    private async Task<GridData<CentreRow>> LoadAsync(GridState<CentreRow> state, CancellationToken ct)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var key = sort?.SortBy switch
        {
            nameof(CentreRow.Commune) => "commune",
            nameof(CentreRow.TerritoryName) => "territory",
            nameof(CentreRow.Status) => "status",
            nameof(CentreRow.EngagedOn) => "engagedOn",
            nameof(CentreRow.MemberCount) => "members",
            nameof(CentreRow.LastVisit) => "lastVisit",
            _ => "name",
        };
        var page = await Service.ListAsync(_filter, new PageRequest(state.Page, state.PageSize, key, sort?.Descending ?? false), ct);
        return new GridData<CentreRow> { Items = page.Items, TotalItems = page.TotalCount };
    }

    internal static Color StatusColor(CentreStatus status) => status switch
    {
        CentreStatus.Engaged => Color.Success,
        CentreStatus.Withdrawn => Color.Default,
        _ => Color.Warning,
    };

    private async Task CreateAsync()
    {
        var territoryId = _territories.FirstOrDefault(t => t.Code == _filter.TerritoryCode && t.CanWrite)?.Id
            ?? _territories.FirstOrDefault(t => t.CanWrite)?.Id ?? 0;
        await OpenDialogAsync(null, new CentreInput { TerritoryId = territoryId }, "Centre créé.");
    }

    private async Task EditAsync(CentreRow row)
    {
        var detail = await Service.GetAsync(row.Id);
        await OpenDialogAsync(row.Id, detail.Input, "Centre enregistré.");
    }

    private async Task OpenDialogAsync(int? id, CentreInput input, string done)
    {
        var parameters = new DialogParameters<CentreDialog>
        {
            { d => d.CentreId, id },
            { d => d.Input, input },
            { d => d.Territories, _territories },
        };
        var dialog = await Dialogs.ShowAsync<CentreDialog>(null, parameters, NetworkDialogs.FormOptions);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(done, Severity.Success);
            await _grid!.ReloadServerData();
        }
    }

    private async Task ToggleArchiveAsync(CentreRow row)
    {
        var archive = row.ArchivedAt is null;
        await FormSubmit.RunActionAsync(Snackbar, () => Service.SetArchivedAsync(row.Id, archive), archive ? $"« {row.Name} » est archivé." : $"« {row.Name} » est restauré.");
        await _grid!.ReloadServerData();
    }

    private async Task ImportAsync()
    {
        if (await NetworkDialogs.ImportAsync(Dialogs, ImportKind.Centres) is { } count)
        {
            Snackbar.Add($"{French.Plural(count, "centre importé", "centres importés")}.", Severity.Success);
            await _grid!.ReloadServerData();
        }
    }
}
