using CscDashboard.Core.Activities;
using CscDashboard.Core.Closing;
using CscDashboard.Core.Common;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Lookups;
using CscDashboard.Web.Components.Shared.Forms;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CscDashboard.Web.Components.Pages.Activities;

/// <summary>One activity: its content, edit in place, delete/restore, "log again", and its history.</summary>
public partial class ActivityPage
{
    private ActivityDetail? _detail;
    private ActivityFormModel? _model;
    private EntryDefaults? _defaults;
    private IReadOnlyList<NamedItem> _workstreams = [];
    private IReadOnlyList<Core.Indicators.AudienceGroupRow> _groups = [];
    private IReadOnlyList<HistoryEntry>? _history;
    private readonly FormErrors _errors = new();
    private string? _conflict;
    /// <summary>A save refused by Core (the month was approved in between, or out of scope): said until reloaded.</summary>
    private string? _refused;
    /// <summary>The activity's territory-month is approved (ADR 027): read-only, with a padlock.</summary>
    private MonthLockInfo? _lock;
    private string? _notFound;
    private bool _editing;
    private bool _historyOpen;
    private bool _saving;
    private bool _canUseEvidence;

    [Inject] private ActivityQueries Queries { get; set; } = default!;
    [Inject] private ActivityService Service { get; set; } = default!;
    [Inject] private ActivityHistory History { get; set; } = default!;
    [Inject] private LookupService Lookups { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private ICurrentUserAccessor Users { get; set; } = default!;
    [Inject] private MonthCloseQueries Closing { get; set; } = default!;

    [Parameter] public int Id { get; set; }

    protected override Task OnParametersSetAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        _conflict = null;
        _refused = null;
        _editing = false;
        try
        {
            _detail = await Queries.GetAsync(Id);
            _lock = (await Closing.LockedMonthsAsync()).Find(_detail.Input.TerritoryId, _detail.Input.Date);
            // Evidence of an activity is for its territory's coordinators and the federation (the service checks again).
            _canUseEvidence = EvidenceAccess.CanAccess(Users.Current, _detail.Input.TerritoryId);
            if (_history is not null)
            {
                _history = await History.GetAsync(Id);
            }
        }
        catch (NotFoundException ex)
        {
            _notFound = ex.Message;
        }
    }

    private async Task StartEdit()
    {
        _defaults ??= await Queries.GetEntryDefaultsAsync();
        if (_workstreams.Count == 0)
        {
            _workstreams = await Lookups.WorkstreamsAsync();
            _groups = await Lookups.AudienceGroupsAsync();
        }
        _model = ActivityFormModel.From(_detail!.Input, _detail.Centres, _detail.Partners);
        _errors.Clear();
        _editing = true;
    }

    private async Task SaveAsync(ActivityInput input)
    {
        _saving = true;
        var outcome = await FormSubmit.RunAsync(_errors, () => Service.UpdateAsync(Id, input, _detail!.Version));
        _saving = false;
        switch (outcome.Refusal)
        {
            case null when outcome.Saved:
                Snackbar.Add("Modifications enregistrées.", Severity.Success);
                await ReloadAsync();
                break;
            case ConcurrencyConflictException conflict:
                _conflict = conflict.Message;
                break;
            case ScopeViolationException refused:
                // Nothing was saved: the form stays open with what was typed, the reason above it.
                _refused = refused.Message;
                break;
            case NotFoundException gone:
                Snackbar.Add(gone.Message, Severity.Error);
                break;
        }
    }

    private async Task DeleteAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Supprimer l'activité",
            "L'activité ira dans la corbeille : elle disparaît des listes et des chiffres, et seule la cheffe de projet peut la restaurer.",
            yesText: "Supprimer", cancelText: "Annuler");
        if (confirmed != true)
        {
            return;
        }
        try
        {
            await Service.DeleteAsync(Id, _detail!.Version);
            Snackbar.Add("Activité supprimée.", Severity.Success);
            Nav.NavigateTo("/activities");
        }
        catch (ConcurrencyConflictException ex)
        {
            _conflict = ex.Message;
        }
        catch (ScopeViolationException ex)
        {
            _refused = ex.Message;
        }
        catch (NotFoundException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
    }

    private async Task RestoreAsync()
    {
        try
        {
            await Service.RestoreAsync(Id);
        }
        catch (ScopeViolationException ex)
        {
            _refused = ex.Message;
            return;
        }
        Snackbar.Add("Activité restaurée.", Severity.Success);
        await ReloadAsync();
    }

    private async Task OnHistoryToggled(bool expanded)
    {
        _historyOpen = expanded;
        if (expanded)
        {
            _history = await History.GetAsync(Id);
        }
    }
}
