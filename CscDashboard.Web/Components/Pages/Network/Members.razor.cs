using CscDashboard.Core.Common;
using CscDashboard.Core.Network;
using CscDashboard.Core.Network.Import;
using CscDashboard.Web.Components.Shared.Forms;
using CscDashboard.Web.Network;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CscDashboard.Web.Components.Pages.Network;

public partial class Members
{
    [Inject] private MemberService Service { get; set; } = default!;
    [Inject] private CentreService CentreService { get; set; } = default!;
    [Inject] private ICurrentUserAccessor Users { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [SupplyParameterFromQuery(Name = NetworkQuery.Territory)] public string? Territory { get; set; }
    [SupplyParameterFromQuery(Name = NetworkQuery.Role)] public string? Role { get; set; }
    [SupplyParameterFromQuery(Name = NetworkQuery.Centre)] public string? CentreText { get; set; }
    private int? Centre => UrlValues.Id(CentreText);
    [SupplyParameterFromQuery(Name = NetworkQuery.Search)] public string? Search { get; set; }
    [SupplyParameterFromQuery(Name = NetworkQuery.Archived)] public string? ArchivedText { get; set; }
    private bool Archived => UrlValues.Flag(ArchivedText);
    /// <summary>One member (the compliance to-do list links there).</summary>
    [SupplyParameterFromQuery(Name = NetworkQuery.Member)] public string? MemberText { get; set; }
    private int? Member => UrlValues.Id(MemberText);

    private IReadOnlyList<TerritoryOption> _territories = [];
    private CurrentUser _user = CurrentUser.Anonymous;
    private bool _canWrite;

    protected override async Task OnInitializedAsync()
    {
        _user = Users.Current;
        _canWrite = _user.HasFederationScope || _user.IsCoordinator;
        _territories = await CentreService.ListTerritoriesAsync();
    }

    protected override string Path => "/network/members";

    protected override MemberFilter ReadFilter() => NetworkQuery.Members(Territory, Role, Centre, Search, Archived, Member);

    protected override string ToQuery(MemberFilter filter) => NetworkQuery.ToQuery(filter);

    private string ExportUrl(ExportFormat format) => NetworkExportEndpoints.Url("members", format, NetworkQuery.ToQuery(Filter));

    protected override Task<PagedResult<MemberRow>> ListAsync(MemberFilter filter, PageRequest page, CancellationToken ct) =>
        Service.ListAsync(filter, page, ct);

    protected override string SortKey(string? column) => column switch
    {
        nameof(MemberRow.Role) => "role",
        nameof(MemberRow.TerritoryName) => "territory",
        nameof(MemberRow.CentreName) => "centre",
        nameof(MemberRow.Email) => "email",
        nameof(MemberRow.Assignment) => "assignment",
        nameof(MemberRow.ActiveFrom) => "activeFrom",
        _ => "lastName",
    };

    private static string AssignmentText(MemberRow row) => row.Assignment == Assignment.FixedPercent && row.AssignmentPercent is { } percent
        ? $"{percent.ToString("0.##", WebCulture.French)} %"
        : NetworkLabels.Of(row.Assignment);

    private async Task CreateAsync()
    {
        var territoryId = _territories.FirstOrDefault(t => t.Code == Filter.TerritoryCode && t.CanWrite)?.Id
            ?? _territories.FirstOrDefault(t => t.CanWrite)?.Id ?? 0;
        var today = DateOnly.FromDateTime(DateTime.Today);
        await OpenDialogAsync(null, new MemberInput { TerritoryId = territoryId, CentreId = Filter.CentreId, ActiveFrom = today }, "Membre du réseau créé.");
    }

    private async Task EditAsync(MemberRow row) =>
        await OpenDialogAsync(row.Id, (await Service.GetAsync(row.Id)).Input, "Membre du réseau enregistré.");

    private async Task OpenDialogAsync(int? id, MemberInput input, string done)
    {
        var parameters = new DialogParameters<MemberDialog>
        {
            { d => d.MemberId, id },
            { d => d.Input, input },
            { d => d.Territories, _territories },
        };
        var dialog = await Dialogs.ShowAsync<MemberDialog>(null, parameters, NetworkDialogs.FormOptions);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(done, Severity.Success);
            await ReloadAsync();
        }
    }

    private async Task ToggleArchiveAsync(MemberRow row)
    {
        var archive = row.ArchivedAt is null;
        await FormSubmit.RunActionAsync(Snackbar, () => Service.SetArchivedAsync(row.Id, archive), archive ? $"Fiche de {row.FullName} archivée." : $"Fiche de {row.FullName} restaurée.");
        await ReloadAsync();
    }

    private async Task TimesheetAsync(MemberRow row)
    {
        var parameters = new DialogParameters<Evidence.TimesheetDialog>
        {
            { d => d.MemberId, row.Id },
            { d => d.MemberName, row.FullName },
        };
        await Dialogs.ShowAsync<Evidence.TimesheetDialog>(null, parameters, NetworkDialogs.FormOptions);
    }

    private async Task ImportAsync()
    {
        if (await NetworkDialogs.ImportAsync(Dialogs, ImportKind.Members) is { } count)
        {
            Snackbar.Add($"{French.Plural(count, "membre du réseau importé", "membres du réseau importés")}.", Severity.Success);
            await ReloadAsync();
        }
    }
}
