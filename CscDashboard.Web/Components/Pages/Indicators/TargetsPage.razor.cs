using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Indicators;
using CscDashboard.Core.Operations;
using CscDashboard.Web.Components.Pages.Network;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CscDashboard.Web.Components.Pages.Indicators;

/// <summary>
/// <c>/targets?operation=CSC-2021-2023&amp;territory=ART&amp;tab=catalogue</c>: an operation's indicator catalogue, the targets of a
/// territory or of the operation itself, and the values declared by hand (issue 17). Staff read it; the project lead edits the
/// catalogue and the targets (and imports them); coordinators declare values for their territories. Defaults: the operation
/// holding today (else the latest), the operation as a whole, the targets tab.
/// </summary>
public partial class TargetsPage
{
    [Inject] private IndicatorService Service { get; set; } = default!;
    [Inject] private DashboardService Dashboards { get; set; } = default!;
    [Inject] private ICurrentUserAccessor Users { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "operation")] public string? OperationCode { get; set; }
    [SupplyParameterFromQuery(Name = "territory")] public string? TerritoryCode { get; set; }
    [SupplyParameterFromQuery(Name = "tab")] public string? TabName { get; set; }

    /// <summary>URL names of the tabs, in their order on the page.</summary>
    private static readonly string[] Tabs = ["targets", "catalogue", "declarations"];

    private CurrentUser _user = CurrentUser.Anonymous;
    private IReadOnlyList<OperationPeriod> _operations = [];
    private OperationPeriod? _operation;
    private TerritoryRef? _territory;
    private IndicatorCatalogue? _catalogue;
    private string? _problem;
    private int _tab;

    protected override async Task OnInitializedAsync()
    {
        _user = Users.Current;
        _operations = await Dashboards.OperationsAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        _problem = null;
        _tab = Math.Max(0, Array.IndexOf(Tabs, TabName));
        var today = Clock.Today();
        _operation = _operations.FirstOrDefault(o => string.Equals(o.Code, OperationCode, StringComparison.OrdinalIgnoreCase))
            ?? _operations.FirstOrDefault(o => o.Contains(today)) ?? (_operations.Count > 0 ? _operations[^1] : null);
        if (_operation is null)
        {
            _problem = "Aucune opération n'est enregistrée.";
            return;
        }
        if (!string.IsNullOrEmpty(OperationCode) && !string.Equals(_operation.Code, OperationCode, StringComparison.OrdinalIgnoreCase))
        {
            _problem = $"L'opération « {DateBounds.Shorten(OperationCode)} » n'existe pas : {_operation.Code} est affichée.";
        }
        await ReloadAsync();
        _territory = string.IsNullOrEmpty(TerritoryCode) ? null
            : _catalogue!.Territories.FirstOrDefault(t => string.Equals(t.Code, TerritoryCode, StringComparison.OrdinalIgnoreCase));
        if (_territory is null && !string.IsNullOrEmpty(TerritoryCode))
        {
            _problem = (_problem is null ? "" : _problem + " ") + $"Le territoire « {DateBounds.Shorten(TerritoryCode)} » n'existe pas : les cibles de l'opération entière sont affichées.";
        }
    }

    private async Task ReloadAsync() => _catalogue = await Service.GetCatalogueAsync(_operation!.Id);

    private void ChangeOperation(string code) => Go(code, null);

    private void ChangeTerritory(string code) => Go(_operation?.Code, code);

    private void ChangeTab(int index)
    {
        _tab = index;
        Navigation.NavigateTo(UrlOf(_operation?.Code, _territory?.Code), replace: true);
    }

    private void Go(string? operation, string? territory) => Navigation.NavigateTo(UrlOf(operation, territory));

    private string UrlOf(string? operation, string? territory) =>
        Finance.OperationSelection.Url("/targets", operation, null, territory, ("tab", _tab > 0 ? Tabs[_tab] : null));

    private async Task ImportAsync()
    {
        var parameters = new DialogParameters<TargetImportDialog> { { d => d.Operation, _operation! } };
        var dialog = await Dialogs.ShowAsync<TargetImportDialog>(null, parameters, NetworkDialogs.ImportOptions);
        if (await dialog.Result is { Canceled: false, Data: int count })
        {
            Snackbar.Add($"{French.Plural(count, "cible importée", "cibles importées")}.", Severity.Success);
            await ReloadAsync();
        }
    }
}
