using CscDashboard.Core.Common;
using CscDashboard.Core.Network;
using CscDashboard.Core.Network.Import;
using CscDashboard.Web.Network;
using CscDashboard.Web.Components.Shared.Forms;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CscDashboard.Web.Components.Pages.Network;

public partial class Partners
{
    [Inject] private PartnerService Service { get; set; } = default!;
    [Inject] private CentreService CentreService { get; set; } = default!;
    [Inject] private ICurrentUserAccessor Users { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [SupplyParameterFromQuery(Name = NetworkQuery.Territory)] public string? Territory { get; set; }
    [SupplyParameterFromQuery(Name = NetworkQuery.Kind)] public string? Kind { get; set; }
    [SupplyParameterFromQuery(Name = NetworkQuery.Search)] public string? Search { get; set; }
    [SupplyParameterFromQuery(Name = NetworkQuery.Archived)] public string? ArchivedText { get; set; }
    private bool Archived => UrlValues.Flag(ArchivedText);

    private MudDataGrid<PartnerRow>? _grid;
    private PartnerFilter _filter = new();
    private IReadOnlyList<TerritoryOption> _territories = [];
    private CurrentUser _user = CurrentUser.Anonymous;
    private bool _canWrite;

    protected override async Task OnInitializedAsync()
    {
        _user = Users.Current;
        _canWrite = _user.HasFederationScope || _user.IsCoordinator;
        _territories = await CentreService.ListTerritoriesAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        var filter = NetworkQuery.Partners(Territory, Kind, Search, Archived);
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

    private Task ApplyAsync(PartnerFilter filter)
    {
        Navigation.NavigateTo("/network/partners" + NetworkQuery.ToQuery(filter), replace: true);
        return Task.CompletedTask;
    }

    private string ExportUrl(ExportFormat format) => NetworkExportEndpoints.Url("partners", format, NetworkQuery.ToQuery(_filter));

    private async Task<GridData<PartnerRow>> LoadAsync(GridState<PartnerRow> state, CancellationToken ct)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var key = sort?.SortBy switch
        {
            nameof(PartnerRow.Kind) => "kind",
            nameof(PartnerRow.TerritoryName) => "territory",
            nameof(PartnerRow.ContactName) => "contact",
            nameof(PartnerRow.IsCommitteeMember) => "committee",
            _ => "name",
        };
        var page = await Service.ListAsync(_filter, new PageRequest(state.Page, state.PageSize, key, sort?.Descending ?? false), ct);
        return new GridData<PartnerRow> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task CreateAsync()
    {
        // A coordinator's partner belongs to one of their territories; the project lead may leave it federation-wide.
        var territoryId = _territories.FirstOrDefault(t => t.Code == _filter.TerritoryCode && t.CanWrite)?.Id
            ?? (_user.CanWriteFederation ? null : _territories.FirstOrDefault(t => t.CanWrite)?.Id);
        await OpenDialogAsync(null, new PartnerInput { TerritoryId = territoryId }, "Partenaire créé.");
    }

    private async Task EditAsync(PartnerRow row) =>
        await OpenDialogAsync(row.Id, (await Service.GetAsync(row.Id)).Input, "Partenaire enregistré.");

    private async Task OpenDialogAsync(int? id, PartnerInput input, string done)
    {
        var parameters = new DialogParameters<PartnerDialog>
        {
            { d => d.PartnerId, id },
            { d => d.Input, input },
            { d => d.Territories, _territories },
        };
        var dialog = await Dialogs.ShowAsync<PartnerDialog>(null, parameters, NetworkDialogs.FormOptions);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(done, Severity.Success);
            await _grid!.ReloadServerData();
        }
    }

    private async Task ToggleArchiveAsync(PartnerRow row)
    {
        var archive = row.ArchivedAt is null;
        await FormSubmit.RunActionAsync(Snackbar, () => Service.SetArchivedAsync(row.Id, archive), archive ? $"« {row.Name} » est archivé." : $"« {row.Name} » est restauré.");
        await _grid!.ReloadServerData();
    }

    private async Task ImportAsync()
    {
        if (await NetworkDialogs.ImportAsync(Dialogs, ImportKind.Partners) is { } count)
        {
            Snackbar.Add($"{French.Plural(count, "partenaire importé", "partenaires importés")}.", Severity.Success);
            await _grid!.ReloadServerData();
        }
    }
}
