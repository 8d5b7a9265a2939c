using CscDashboard.Core.Common;
using CscDashboard.Core.Network;
using CscDashboard.Core.Network.Import;
using CscDashboard.Web.Components.Shared.Forms;
using CscDashboard.Web.Network;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CscDashboard.Web.Components.Pages.Network;

public partial class Centres
{
    internal static readonly int[] PageSizes = [10, 25, 50, 100];

    [Inject] private CentreService Service { get; set; } = default!;
    [Inject] private ICurrentUserAccessor Users { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [SupplyParameterFromQuery(Name = NetworkQuery.Territory)] public string? Territory { get; set; }
    [SupplyParameterFromQuery(Name = NetworkQuery.Status)] public string? Status { get; set; }
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
        _territories = await Service.ListTerritoriesAsync();
    }

    protected override string Path => "/network/centres";

    protected override CentreFilter ReadFilter() => NetworkQuery.Centres(Territory, Status, Search, Archived);

    protected override string ToQuery(CentreFilter filter) => NetworkQuery.ToQuery(filter);

    private string ExportUrl(ExportFormat format) => NetworkExportEndpoints.Url("centres", format, NetworkQuery.ToQuery(Filter));

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
        var territoryId = _territories.FirstOrDefault(t => t.Code == Filter.TerritoryCode && t.CanWrite)?.Id
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
            await ReloadAsync();
        }
    }

    private async Task ToggleArchiveAsync(CentreRow row)
    {
        var archive = row.ArchivedAt is null;
        await FormSubmit.RunActionAsync(Snackbar, () => Service.SetArchivedAsync(row.Id, archive), archive ? $"« {row.Name} » est archivé." : $"« {row.Name} » est restauré.");
        await ReloadAsync();
    }

    private async Task ImportAsync()
    {
        if (await NetworkDialogs.ImportAsync(Dialogs, ImportKind.Centres) is { } count)
        {
            Snackbar.Add($"{French.Plural(count, "centre importé", "centres importés")}.", Severity.Success);
            await ReloadAsync();
        }
    }
}
