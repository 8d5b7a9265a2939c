using CscDashboard.Core.Common;
using CscDashboard.Core.Network;
using CscDashboard.Core.Network.Import;
using CscDashboard.Web.Components.Shared.Forms;
using CscDashboard.Web.Network;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CscDashboard.Web.Components.Pages.Network;

public partial class Partners
{
    [Inject] private PartnerService Service { get; set; } = default!;
    [Inject] private CentreService CentreService { get; set; } = default!;
    [Inject] private ICurrentUserAccessor Users { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [SupplyParameterFromQuery(Name = NetworkQuery.Territory)] public string? Territory { get; set; }
    [SupplyParameterFromQuery(Name = NetworkQuery.Kind)] public string? Kind { get; set; }
    [SupplyParameterFromQuery(Name = NetworkQuery.Search)] public string? Search { get; set; }
    [SupplyParameterFromQuery(Name = NetworkQuery.Archived)] public string? ArchivedText { get; set; }
    private bool Archived => UrlValues.Flag(ArchivedText);

    private IReadOnlyList<TerritoryOption> _territories = [];
    private CurrentUser _user = CurrentUser.Anonymous;
    private bool _canWrite;

    protected override async Task OnInitializedAsync()
    {
        _user = Users.Current;
        _canWrite = _user.HasFederationScope || _user.IsCoordinator;
        _territories = await CentreService.ListTerritoriesAsync();
    }

    protected override string Path => "/network/partners";

    protected override PartnerFilter ReadFilter() => NetworkQuery.Partners(Territory, Kind, Search, Archived);

    protected override string ToQuery(PartnerFilter filter) => NetworkQuery.ToQuery(filter);

    private string ExportUrl(ExportFormat format) => NetworkExportEndpoints.Url("partners", format, NetworkQuery.ToQuery(Filter));

    protected override Task<PagedResult<PartnerRow>> ListAsync(PartnerFilter filter, PageRequest page, CancellationToken ct) =>
        Service.ListAsync(filter, page, ct);

    protected override string SortKey(string? column) => column switch
    {
        nameof(PartnerRow.Kind) => "kind",
        nameof(PartnerRow.TerritoryName) => "territory",
        nameof(PartnerRow.ContactName) => "contact",
        nameof(PartnerRow.IsCommitteeMember) => "committee",
        _ => "name",
    };

    private async Task CreateAsync()
    {
        // A coordinator's partner belongs to one of their territories; the project lead may leave it federation-wide.
        var territoryId = _territories.FirstOrDefault(t => t.Code == Filter.TerritoryCode && t.CanWrite)?.Id
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
            await ReloadAsync();
        }
    }

    private async Task ToggleArchiveAsync(PartnerRow row)
    {
        var archive = row.ArchivedAt is null;
        await FormSubmit.RunActionAsync(Snackbar, () => Service.SetArchivedAsync(row.Id, archive), archive ? $"« {row.Name} » est archivé." : $"« {row.Name} » est restauré.");
        await ReloadAsync();
    }

    private async Task ImportAsync()
    {
        if (await NetworkDialogs.ImportAsync(Dialogs, ImportKind.Partners) is { } count)
        {
            Snackbar.Add($"{French.Plural(count, "partenaire importé", "partenaires importés")}.", Severity.Success);
            await ReloadAsync();
        }
    }
}
