using CscDashboard.Core.Closing;
using CscDashboard.Core.Common;
using CscDashboard.Core.Lookups;
using CscDashboard.Web.Components.Pages.Evidence;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CscDashboard.Web.Components.Pages.Closing;

/// <summary>
/// <c>/closing/ART/2023-02</c>: one month of a territory (issue 18): where it stands, its summary, its history, and the
/// step the caller may take — submit (its coordinators), approve, return or reopen (the project lead).
/// </summary>
public partial class MonthClosePage
{
    [Inject] private MonthCloseQueries Queries { get; set; } = default!;
    [Inject] private LookupService Lookups { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter] public string Code { get; set; } = "";
    [Parameter] public string Month { get; set; } = "";

    private MonthCloseView? _view;
    private string? _problem;
    private DateOnly _month;
    private List<BreadcrumbItem> _breadcrumbs = [];

    private string Heading => _view is null ? "Clôture du mois" : $"Clôture du mois — {MonthClosing.MonthName(_view.Month)} — {_view.TerritoryName}";

    protected override async Task OnParametersSetAsync()
    {
        _problem = null;
        _view = null;
        _breadcrumbs = [new("Clôture des mois", "/closing"), new("Mois", null, disabled: true)];
        if (!DateBounds.TryParseMonth(Month, out _month, out var error))
        {
            _problem = $"Mois invalide : {error}";
            return;
        }
        var territory = (await Lookups.TerritoriesAsync()).FirstOrDefault(t => string.Equals(t.Code, Code, StringComparison.OrdinalIgnoreCase));
        if (territory is null)
        {
            _problem = $"Le territoire « {TextRules.StripInvisible(Code)} » n'existe pas.";
            return;
        }
        await LoadAsync(territory.Id);
    }

    private async Task LoadAsync(int territoryId)
    {
        try
        {
            _view = await Queries.GetMonthAsync(territoryId, _month);
            _breadcrumbs = [new("Clôture des mois", $"/closing?year={_view.Month.Year}"), new($"{MonthClosing.MonthName(_view.Month)} — {_view.TerritoryName}", null, disabled: true)];
        }
        catch (Exception e) when (e is ScopeViolationException or NotFoundException)
        {
            _problem = e.Message;
        }
    }

    private async Task StepAsync(ClosingDialog.ClosingStep step)
    {
        if (await ClosingDialog.ShowAsync(Dialogs, step, _view!))
        {
            Snackbar.Add(step switch
            {
                ClosingDialog.ClosingStep.Submit => "Mois soumis à la cheffe de projet.",
                ClosingDialog.ClosingStep.Approve => "Mois approuvé : il est verrouillé.",
                ClosingDialog.ClosingStep.Return => "Mois renvoyé à la coordination.",
                _ => "Mois rouvert : il est de nouveau modifiable.",
            }, Severity.Success);
            await LoadAsync(_view!.TerritoryId);
        }
        else
        {
            // A conflict or a refusal may have come from a change in between: show the month as it is now.
            await LoadAsync(_view!.TerritoryId);
        }
    }

    private async Task OpenTimesheetAsync(Core.Closing.TimesheetMonth timesheet)
    {
        await TimesheetDialog.ShowAsync(Dialogs, timesheet.MemberId, timesheet.Name, _view!.Month);
        await LoadAsync(_view.TerritoryId);
    }

    private Color StatusColor => _view!.Status switch
    {
        MonthCloseStatus.Approved => Color.Success,
        MonthCloseStatus.Submitted => Color.Info,
        MonthCloseStatus.Reopened => Color.Warning,
        _ => Color.Default,
    };

    private Severity StateSeverity => _view switch
    {
        { IsReturned: true } => Severity.Warning,
        { Status: MonthCloseStatus.Approved } => Severity.Success,
        _ => Severity.Info,
    };

    private string StateText
    {
        get
        {
            var v = _view!;
            if (!v.Closable && v.Status == MonthCloseStatus.Open)
            {
                return "Ce mois ne peut pas encore être soumis : un mois se soumet une fois terminé, dans la période d'une opération.";
            }
            return v switch
            {
                { Status: MonthCloseStatus.Approved } => $"Approuvé par {v.ApprovedBy} le {When(v.ApprovedAt)} : les activités, dépenses, feuilles de temps "
                    + "et pièces de ce mois sont en lecture seule (on peut encore y ajouter des pièces). Seule la cheffe de projet peut le rouvrir.",
                { Status: MonthCloseStatus.Submitted } => $"Soumis le {When(v.History.LastOrDefault(h => h.Action == MonthCloseAction.Submitted)?.At)}, en attente de la décision de la cheffe de projet.",
                { IsReturned: true } => $"Renvoyé par {v.ReturnedBy} le {When(v.ReturnedAt)} : « {v.ReturnComment} » Corrigez, puis soumettez de nouveau.",
                { Status: MonthCloseStatus.Reopened } => $"Rouvert par {v.ReopenedBy} le {When(v.ReopenedAt)} : « {v.ReopenReason} » Le mois est modifiable ; il doit être soumis et approuvé de nouveau.",
                _ => "Ouvert : vérifiez le récapitulatif ci-dessous, puis soumettez le mois à la cheffe de projet. Les pièces manquantes ne bloquent pas la soumission.",
            };
        }
    }

    private static string When(DateTime? utc) => utc is { } at ? ParisTimeProvider.Format(at, "dd/MM/yyyy") : "—";
}
