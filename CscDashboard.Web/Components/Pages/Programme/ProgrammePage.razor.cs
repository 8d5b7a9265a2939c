using CscDashboard.Core.Common;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Territories;
using CscDashboard.Core.Workstreams;
using CscDashboard.Web.Components.Pages.Network;
using CscDashboard.Web.Components.Shared.Forms;
using MudBlazor;

namespace CscDashboard.Web.Components.Pages.Programme;

/// <summary><c>/admin/operations</c>: the programme's set-up for the project lead and the admin (issue 20 points 5 to 8).</summary>
public partial class ProgrammePage
{
    private IReadOnlyList<OperationRow>? _operations;
    private TerritorySetup? _setup;
    private IReadOnlyList<WorkstreamSetupRow>? _workstreams;
    private bool _interactive;

    protected override Task OnInitializedAsync() => LoadAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _interactive = true;
            StateHasChanged();
        }
    }

    private async Task LoadAsync()
    {
        _operations = await Operations.ListAsync();
        _setup = await Territories.ListAsync();
        _workstreams = await Workstreams.ListAsync();
    }

    public static string StatusOf(OperationStatus status) => status switch
    {
        OperationStatus.Open => "En cours",
        OperationStatus.Planned => "Prévue",
        _ => "Clôturée",
    };

    private Task EditOperationAsync(OperationRow row) => OpenAsync<OperationDialog>(new() { { "OperationId", row.Id }, { "Input", row.Input } }, "Opération enregistrée.");

    private Task NextPhaseAsync(OperationRow previous) => OpenAsync<OperationDialog>(new()
    {
        { "PreviousId", previous.Id }, { "PreviousCode", previous.Input.Code }, { "Input", OperationSetupService.NextPhaseOf(previous.Input) },
    }, "Phase créée, avec les lignes de budget de la précédente.");

    private Task EditTerritoryAsync(TerritorySetupRow? row) => OpenAsync<TerritoryDialog>(new()
    {
        { "TerritoryId", row?.Id }, { "Input", row?.Input ?? new TerritoryInput { SectorId = _setup!.Sectors[0].Id } }, { "Sectors", _setup!.Sectors },
    }, "Territoire enregistré.");

    private Task EditSectorAsync(SectorSetupRow? row) => OpenAsync<SectorDialog>(new() { { "SectorId", row?.Id }, { "Input", row?.Input ?? new SectorInput() } }, "Secteur enregistré.");

    private async Task EditWorkstreamAsync(WorkstreamSetupRow row)
    {
        var accounts = (await Meetings.OptionsAsync()).Accounts;
        await OpenAsync<WorkstreamDialog>(new() { { "WorkstreamId", row.Id }, { "Input", row.Input }, { "Accounts", accounts } }, "Chantier enregistré.");
    }

    private async Task OpenAsync<TDialog>(DialogParameters parameters, string done) where TDialog : Microsoft.AspNetCore.Components.IComponent
    {
        var dialog = await Dialogs.ShowAsync<TDialog>(null, parameters, NetworkDialogs.FormOptions);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(done, Severity.Success);
            await LoadAsync();
        }
    }

    private Task ToggleTerritoryAsync(TerritorySetupRow t) =>
        RunAsync(() => Territories.SetTerritoryArchivedAsync(t.Id, t.ArchivedAt is null), t.ArchivedAt is null ? "Territoire archivé." : "Territoire restauré.");

    private Task DeleteTerritoryAsync(TerritorySetupRow t) => RunAsync(() => Territories.DeleteTerritoryAsync(t.Id), "Territoire supprimé.");

    private Task ArchiveOrDeleteSectorAsync(SectorSetupRow s) => RunAsync(() => Territories.ArchiveOrDeleteSectorAsync(s.Id), "Secteur enregistré.");

    private async Task RunAsync(Func<Task> action, string done)
    {
        await FormSubmit.RunActionAsync(Snackbar, action, done);
        await LoadAsync();
    }
}
