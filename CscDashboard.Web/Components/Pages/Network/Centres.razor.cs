using CscDashboard.Core.Common;
using CscDashboard.Core.Network;
using CscDashboard.Core.Network.Import;
using CscDashboard.Web.Network;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CscDashboard.Web.Components.Pages.Network;

public partial class Centres
{
    internal static readonly int[] PageSizes = [10, 25, 50, 100];

    [Inject] private CentreService Service { get; set; } = default!;

    [SupplyParameterFromQuery(Name = NetworkQuery.Status)] public string? Status { get; set; }

    protected override string Path => "/network/centres";

    protected override CentreFilter ReadFilter() => NetworkQuery.Centres(Territory, Status, Search, Archived);

    protected override string ToQuery(CentreFilter filter) => NetworkQuery.ToQuery(filter);

    protected override string ExportName => "centres";

    protected override Task<PagedResult<CentreRow>> ListAsync(CentreFilter filter, PageRequest page, CancellationToken ct) =>
        Service.ListAsync(filter, page, ct);

    protected override string SortKey(string? column) => column switch
    {
        nameof(CentreRow.Commune) => "commune",
        nameof(CentreRow.TerritoryName) => "territory",
        nameof(CentreRow.Status) => "status",
        nameof(CentreRow.EngagedOn) => "engagedOn",
        nameof(CentreRow.MemberCount) => "members",
        nameof(CentreRow.LastVisit) => "lastVisit",
        _ => "name",
    };

    internal static Color StatusColor(CentreStatus status) => status switch
    {
        CentreStatus.Engaged => Color.Success,
        CentreStatus.Withdrawn => Color.Default,
        _ => Color.Warning,
    };

    private async Task CreateAsync()
    {
        var territoryId = WritableTerritoryId(Filter.TerritoryCode) ?? FirstWritableTerritoryId() ?? 0;
        await OpenDialogAsync(null, new CentreInput { TerritoryId = territoryId }, "Centre créé.");
    }

    private async Task EditAsync(CentreRow row)
    {
        var detail = await Service.GetAsync(row.Id);
        await OpenDialogAsync(row.Id, detail.Input, "Centre enregistré.");
    }

    private Task OpenDialogAsync(int? id, CentreInput input, string done) => OpenFormAsync(new DialogParameters<CentreDialog>
    {
        { d => d.CentreId, id },
        { d => d.Input, input },
        { d => d.Territories, Territories },
    }, done);

    private Task ToggleArchiveAsync(CentreRow row)
    {
        var archive = row.ArchivedAt is null;
        return RunAndReloadAsync(() => Service.SetArchivedAsync(row.Id, archive), archive ? $"« {row.Name} » est archivé." : $"« {row.Name} » est restauré.");
    }

    private Task ImportAsync() => ImportAndReloadAsync(ImportKind.Centres, "centre importé", "centres importés");
}
