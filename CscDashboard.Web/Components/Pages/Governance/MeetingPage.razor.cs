using CscDashboard.Core.Common;
using CscDashboard.Core.Governance;
using CscDashboard.Web.Components.Pages.Network;
using CscDashboard.Web.Components.Shared.Forms;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CscDashboard.Web.Components.Pages.Governance;

/// <summary><c>/meetings/{id}</c>: a meeting, its attendees, decisions, minutes and attachments.</summary>
public partial class MeetingPage
{
    [Inject] private MeetingQueries Queries { get; set; } = default!;
    [Inject] private MeetingService Meetings { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter] public int Id { get; set; }

    private MeetingDetail? _meeting;
    private MeetingOptions? _options;
    private string? _missing;
    private bool _interactive;

    protected override async Task OnParametersSetAsync()
    {
        _options ??= await Queries.OptionsAsync();
        await LoadAsync();
    }

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
        try
        {
            _meeting = await Queries.GetAsync(Id);
            _missing = null;
        }
        catch (NotFoundException e)
        {
            _missing = e.Message;
        }
    }

    private static string When(MeetingInput m) =>
        Capitalize(French.WeekdayDayMonthYear(m.Date!.Value)) + (m.StartTime is { } t ? $" à {t:HH\\:mm}" : "") + $" ({FrenchLabels.Duration(m.DurationMinutes)})";

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpper(text[0], French.Culture) + text[1..];

    /// <summary>Opens the meeting form; the meeting's id when saved.</summary>
    public static async Task<int?> OpenDialogAsync(IDialogService dialogs, int? id, MeetingInput input, MeetingOptions options, IReadOnlyList<MeetingAttendeeRow> attendees)
    {
        var parameters = new DialogParameters<MeetingDialog>
        {
            { d => d.MeetingId, id }, { d => d.Input, input }, { d => d.Options, options }, { d => d.Attendees, attendees },
        };
        var dialog = await dialogs.ShowAsync<MeetingDialog>(null, parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true, CloseButton = true });
        return await dialog.Result is { Canceled: false, Data: int saved } ? saved : null;
    }

    private async Task EditAsync()
    {
        if (await OpenDialogAsync(Dialogs, Id, _meeting!.Input, _options!, _meeting.Attendees) is not null)
        {
            Snackbar.Add("Réunion enregistrée.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task AddDecisionAsync()
    {
        if (await DecisionDialog.OpenAsync(Dialogs, null, Id, statusOnly: false, _options!.Accounts))
        {
            Snackbar.Add("Décision ajoutée.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task DeleteAsync()
    {
        if (await Dialogs.ShowMessageBoxAsync("Supprimer la réunion",
                "Supprimer cette réunion et ses décisions ? Les activités saisies pour ses participants restent dans leur journal.",
                yesText: "Supprimer", cancelText: "Annuler") != true)
        {
            return;
        }
        if (await FormSubmit.RunActionAsync(Snackbar, () => Meetings.DeleteAsync(Id, _meeting!.Input.Version), "Réunion supprimée."))
        {
            Navigation.NavigateTo("/meetings");
        }
    }
}
