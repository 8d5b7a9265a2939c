using System.Globalization;
using CscDashboard.Core.Common;
using CscDashboard.Core.Governance;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CscDashboard.Web.Components.Pages.Governance;

/// <summary><c>/meetings</c>: every meeting, filters in the URL (<c>?kind=PartnerCommittee&amp;territory=3&amp;q=bilan</c>).</summary>
public partial class Meetings
{
    [Inject] private MeetingQueries Queries { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "kind")] public string? Kind { get; set; }
    [SupplyParameterFromQuery(Name = "territory")] public string? Territory { get; set; }
    [SupplyParameterFromQuery(Name = "q")] public string? Q { get; set; }

    private MudDataGrid<MeetingRow>? _grid;
    private MeetingOptions? _options;
    private MeetingFilter _filter = new();
    private bool _interactive;

    protected override async Task OnInitializedAsync() => _options = await Queries.OptionsAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _interactive = true;
            StateHasChanged();
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        // Unknown values in the URL are ignored (the list shows everything) rather than failing.
        var filter = new MeetingFilter
        {
            Kind = Enum.TryParse<MeetingKind>(Kind, out var kind) && Enum.IsDefined(kind) ? kind : null,
            TerritoryId = int.TryParse(Territory, CultureInfo.InvariantCulture, out var territory) ? territory : null,
            Text = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(),
        };
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

    private void Apply(string? kind, string? territory, string? q)
    {
        var parameters = new Dictionary<string, object?>
        {
            ["kind"] = string.IsNullOrEmpty(kind) ? null : kind,
            ["territory"] = string.IsNullOrEmpty(territory) ? null : territory,
            ["q"] = string.IsNullOrWhiteSpace(q) ? null : q,
        };
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters("/meetings", parameters), replace: true);
    }

    private async Task<GridData<MeetingRow>> LoadAsync(GridState<MeetingRow> state, CancellationToken ct)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var key = sort?.SortBy == nameof(MeetingRow.Title) ? "title" : sort is null ? null : "date";
        var page = await Queries.ListAsync(_filter, new PageRequest(state.Page, state.PageSize, key, sort?.Descending ?? true), ct);
        return new GridData<MeetingRow> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task CreateAsync()
    {
        var options = _options!;
        var input = new MeetingInput
        {
            Kind = options.CanManageFederationBodies ? MeetingKind.PartnerCommittee : MeetingKind.TerritorialAssembly,
            Date = Clock.Today(),
            TerritoryId = options.CanManageFederationBodies ? null : options.ManagedTerritoryIds is [> 0 and var t, ..] ? t : null,
        };
        if (await MeetingPage.OpenDialogAsync(Dialogs, null, input, options, []) is { } id)
        {
            Snackbar.Add("Réunion enregistrée.", Severity.Success);
            Navigation.NavigateTo($"/meetings/{id}");
        }
    }

    [Inject] private TimeProvider Clock { get; set; } = default!;
}
