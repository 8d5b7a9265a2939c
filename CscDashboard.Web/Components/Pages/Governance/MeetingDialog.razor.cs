using System.Globalization;
using CscDashboard.Core.Common;
using CscDashboard.Core.Governance;
using CscDashboard.Web.Components.Pages.Finance;
using CscDashboard.Web.Components.Pages.Network;
using CscDashboard.Web.Components.Shared.Forms;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CscDashboard.Web.Components.Pages.Governance;

/// <summary>The meeting form (create and edit); the service checks scope and input, this dialog shows its messages.</summary>
public partial class MeetingDialog
{
    private static readonly string[] Fields =
    [
        nameof(MeetingInput.Title), nameof(MeetingInput.Date), nameof(MeetingInput.DurationMinutes), nameof(MeetingInput.TerritoryId),
        nameof(MeetingInput.WorkstreamId), nameof(MeetingInput.Place), nameof(MeetingInput.VideoLink), nameof(MeetingInput.Agenda),
        nameof(MeetingInput.Minutes), nameof(MeetingInput.OtherParticipantCount),
    ];

    [CascadingParameter] public IMudDialogInstance MudDialog { get; set; } = default!;
    /// <summary>Null for a new meeting.</summary>
    [Parameter] public int? MeetingId { get; set; }
    [Parameter, EditorRequired] public MeetingInput Input { get; set; } = new();
    [Parameter, EditorRequired] public MeetingOptions Options { get; set; } = default!;
    /// <summary>The members' and partners' names of an edited meeting (the input holds their ids).</summary>
    [Parameter] public IReadOnlyList<MeetingAttendeeRow> Attendees { get; set; } = [];

    private Model _model = new();
    private readonly FormErrors _errors = new();
    private string? _problem;
    private bool _saving;

    /// <summary>The form's own state: selects hold strings, chips hold names.</summary>
    private sealed class Model
    {
        public MeetingKind Kind { get; set; }
        public string Title { get; set; } = "";
        public DateOnly? Date { get; set; }
        public string? StartTime { get; set; }
        public int DurationMinutes { get; set; }
        public string TerritoryKey { get; set; } = "";
        public string WorkstreamKey { get; set; } = "";
        public string? Place { get; set; }
        public string? VideoLink { get; set; }
        public string? Agenda { get; set; }
        public string? Minutes { get; set; }
        public int OtherParticipantCount { get; set; }
        public List<string> AccountIds { get; set; } = [];
        public List<MeetingOption> Members { get; } = [];
        public List<MeetingOption> Partners { get; } = [];
    }

    protected override void OnInitialized()
    {
        _model = new Model
        {
            Kind = Input.Kind, Title = Input.Title, Date = Input.Date, StartTime = Input.StartTime?.ToString("HH:mm", CultureInfo.InvariantCulture),
            DurationMinutes = Input.DurationMinutes, TerritoryKey = Input.TerritoryId?.ToString(CultureInfo.InvariantCulture) ?? "",
            WorkstreamKey = Input.WorkstreamId?.ToString(CultureInfo.InvariantCulture) ?? "", Place = Input.Place, VideoLink = Input.VideoLink,
            Agenda = Input.Agenda, Minutes = Input.Minutes, OtherParticipantCount = Input.OtherParticipantCount, AccountIds = [.. Input.AccountIds],
        };
        _model.Members.AddRange(Attendees.Where(a => a.Kind == AttendeeKind.Member).Select(a => new MeetingOption(a.Key, a.Name)));
        _model.Partners.AddRange(Attendees.Where(a => a.Kind == AttendeeKind.Partner).Select(a => new MeetingOption(a.Key, a.Name)));
    }

    private string NameOf(string accountId) => Options.Accounts.FirstOrDefault(a => a.Key == accountId)?.Name ?? accountId;

    private async Task<IEnumerable<MeetingOption>> SearchMembersAsync(string? text, CancellationToken ct) =>
        await Queries.SearchMembersAsync(text ?? "", ct);

    private async Task<IEnumerable<MeetingOption>> SearchPartnersAsync(string? text, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(text) ? [] :
        (await Lookups.SearchPartnersAsync(text, null, ct)).Select(p => new MeetingOption(p.Id.ToString(CultureInfo.InvariantCulture), p.Name));

    private void AddMember(MeetingOption? option)
    {
        if (option is not null && _model.Members.All(m => m.Key != option.Key))
        {
            _model.Members.Add(option);
        }
    }

    private void AddPartner(MeetingOption? option)
    {
        if (option is not null && _model.Partners.All(p => p.Key != option.Key))
        {
            _model.Partners.Add(option);
        }
    }

    private MeetingInput ToInput() => new()
    {
        Kind = _model.Kind, Title = _model.Title, Date = _model.Date,
        StartTime = TimeOnly.TryParse(_model.StartTime, CultureInfo.InvariantCulture, out var time) ? time : null,
        DurationMinutes = _model.DurationMinutes,
        TerritoryId = int.TryParse(_model.TerritoryKey, CultureInfo.InvariantCulture, out var territory) ? territory : null,
        WorkstreamId = int.TryParse(_model.WorkstreamKey, CultureInfo.InvariantCulture, out var workstream) ? workstream : null,
        Place = _model.Place, VideoLink = _model.VideoLink, Agenda = _model.Agenda, Minutes = _model.Minutes,
        OtherParticipantCount = _model.OtherParticipantCount, AccountIds = _model.AccountIds,
        MemberIds = _model.Members.Select(m => int.Parse(m.Key, CultureInfo.InvariantCulture)).ToList(),
        PartnerIds = _model.Partners.Select(p => int.Parse(p.Key, CultureInfo.InvariantCulture)).ToList(),
        Version = Input.Version,
    };

    private async Task SaveAsync()
    {
        _saving = true;
        int? saved = MeetingId;
        (_problem, var ok) = await FormSubmit.RunAsync(_errors, async () =>
        {
            if (MeetingId is { } id)
            {
                await Meetings.UpdateAsync(id, ToInput());
            }
            else
            {
                saved = await Meetings.CreateAsync(ToInput());
            }
        });
        _saving = false;
        if (ok)
        {
            MudDialog.Close(DialogResult.Ok(saved));
        }
    }
}
