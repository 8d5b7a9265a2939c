using CscDashboard.Core.Common;
using CscDashboard.Core.Network;
using CscDashboard.Core.Network.Import;
using CscDashboard.Web.Network;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CscDashboard.Web.Components.Pages.Network;

public partial class Members
{
    [Inject] private MemberService Service { get; set; } = default!;

    [SupplyParameterFromQuery(Name = NetworkQuery.Role)] public string? Role { get; set; }
    [SupplyParameterFromQuery(Name = NetworkQuery.Centre)] public string? CentreText { get; set; }
    private int? Centre => UrlValues.Id(CentreText);
    /// <summary>One member (the compliance to-do list links there).</summary>
    [SupplyParameterFromQuery(Name = NetworkQuery.Member)] public string? MemberText { get; set; }
    private int? Member => UrlValues.Id(MemberText);

    protected override string Path => "/network/members";

    protected override MemberFilter ReadFilter() => NetworkQuery.Members(Territory, Role, Centre, Search, Archived, Member);

    protected override string ToQuery(MemberFilter filter) => NetworkQuery.ToQuery(filter);

    protected override string ExportName => "members";

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
        var territoryId = WritableTerritoryId(Filter.TerritoryCode) ?? FirstWritableTerritoryId() ?? 0;
        var today = DateOnly.FromDateTime(DateTime.Today);
        await OpenDialogAsync(null, new MemberInput { TerritoryId = territoryId, CentreId = Filter.CentreId, ActiveFrom = today }, "Membre du réseau créé.");
    }

    private async Task EditAsync(MemberRow row) =>
        await OpenDialogAsync(row.Id, (await Service.GetAsync(row.Id)).Input, "Membre du réseau enregistré.");

    private Task OpenDialogAsync(int? id, MemberInput input, string done) => OpenFormAsync(new DialogParameters<MemberDialog>
    {
        { d => d.MemberId, id },
        { d => d.Input, input },
        { d => d.Territories, Territories },
    }, done);

    private Task ToggleArchiveAsync(MemberRow row)
    {
        var archive = row.ArchivedAt is null;
        return RunAndReloadAsync(() => Service.SetArchivedAsync(row.Id, archive), archive ? $"Fiche de {row.FullName} archivée." : $"Fiche de {row.FullName} restaurée.");
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

    private Task ImportAsync() => ImportAndReloadAsync(ImportKind.Members, "membre du réseau importé", "membres du réseau importés");
}
