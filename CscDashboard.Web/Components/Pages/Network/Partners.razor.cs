using CscDashboard.Core.Common;
using CscDashboard.Core.Network;
using CscDashboard.Core.Network.Import;
using CscDashboard.Web.Network;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CscDashboard.Web.Components.Pages.Network;

public partial class Partners
{
    [Inject] private PartnerService Service { get; set; } = default!;

    [SupplyParameterFromQuery(Name = NetworkQuery.Kind)] public string? Kind { get; set; }

    protected override string Path => "/network/partners";

    protected override PartnerFilter ReadFilter() => NetworkQuery.Partners(Territory, Kind, Search, Archived);

    protected override string ToQuery(PartnerFilter filter) => NetworkQuery.ToQuery(filter);

    protected override string ExportName => "partners";

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
        var territoryId = WritableTerritoryId(Filter.TerritoryCode) ?? (User.CanWriteFederation ? null : FirstWritableTerritoryId());
        await OpenDialogAsync(null, new PartnerInput { TerritoryId = territoryId }, "Partenaire créé.");
    }

    private async Task EditAsync(PartnerRow row) =>
        await OpenDialogAsync(row.Id, (await Service.GetAsync(row.Id)).Input, "Partenaire enregistré.");

    private Task OpenDialogAsync(int? id, PartnerInput input, string done) => OpenFormAsync(new DialogParameters<PartnerDialog>
    {
        { d => d.PartnerId, id },
        { d => d.Input, input },
        { d => d.Territories, Territories },
    }, done);

    private Task ToggleArchiveAsync(PartnerRow row)
    {
        var archive = row.ArchivedAt is null;
        return RunAndReloadAsync(() => Service.SetArchivedAsync(row.Id, archive), archive ? $"« {row.Name} » est archivé." : $"« {row.Name} » est restauré.");
    }

    private Task ImportAsync() => ImportAndReloadAsync(ImportKind.Partners, "partenaire importé", "partenaires importés");
}
