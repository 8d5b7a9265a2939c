using CscDashboard.Core.Activities;
using CscDashboard.Core.Indicators;
using CscDashboard.Core.Lookups;
using CscDashboard.Web.Components.Shared.Forms;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CscDashboard.Web.Components.Pages.Activities;

/// <summary>
/// The quick-entry form, shared by "new" and "edit". It checks the same rules as the server
/// before calling <see cref="OnSave"/> (never called on invalid input) and shows the server's
/// messages next to their fields too.
/// </summary>
public partial class ActivityForm
{
    public static readonly int[] DurationPresets = [15, 30, 45, 60, 90, 120];

    /// <summary>Checked on the phone only (the form always sends a territory); the offline page says the same.</summary>
    public const string TerritoryRequired = "Choisissez un territoire.";

    private static readonly (string Field, string Label)[] Counts =
    [
        (nameof(ActivityInput.InhabitantCount), "Habitants"),
        (nameof(ActivityInput.ProfessionalCount), "Professionnels"),
        (nameof(ActivityInput.VolunteerCount), "Bénévoles"),
        (nameof(ActivityInput.PartnerCount), "Partenaires, élus"),
    ];

    private readonly FormErrors _errors = new();
    private string? _transportError;
    private NamedItem? _centrePick;
    private MudBlazor.MudAutocomplete<NamedItem>? _centreSearch;

    [Inject] private LookupService Lookups { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Parameter, EditorRequired] public ActivityFormModel Model { get; set; } = default!;
    [Parameter, EditorRequired] public EntryDefaults Defaults { get; set; } = default!;
    [Parameter] public IReadOnlyList<NamedItem> Workstreams { get; set; } = [];
    /// <summary>The age bands and publics of the inhabitants' breakdown (reference data, loaded by the page with the workstreams).</summary>
    [Parameter] public IReadOnlyList<AudienceGroupRow> AudienceGroups { get; set; } = [];
    [Parameter] public EventCallback<ActivityInput> OnSave { get; set; }
    /// <summary>Messages from the server's validation, shown next to their fields.</summary>
    [Parameter] public IReadOnlyDictionary<string, string[]>? ServerErrors { get; set; }
    [Parameter] public string SaveLabel { get; set; } = "Enregistrer";
    [Parameter] public bool Saving { get; set; }
    [Parameter] public bool AutoFocus { get; set; }
    [Parameter] public bool ShowDetails { get; set; }

    protected override void OnParametersSet()
    {
        if (ServerErrors is not null)
        {
            _errors.Set(ServerErrors);
        }
    }

    private async Task SubmitAsync()
    {
        _transportError = null;
        if (await LostTextAsync() is { } lost)
        {
            _errors.Set(lost);
            return;
        }
        var input = Model.ToInput();
        var errors = ActivityRules.Validate(input, Defaults.Operations, Defaults.Today);
        if (input.TerritoryId == 0)
        {
            errors[nameof(ActivityInput.TerritoryId)] = [TerritoryRequired];
        }
        if (AudienceRules.Problems(input.Audience, input.InhabitantCount, AudienceGroups) is { Count: > 0 } audience)
        {
            errors[AudienceRules.Field] = [.. audience];
        }
        _errors.Set(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        if (!_errors.Any)
        {
            await OnSave.InvokeAsync(input);
        }
    }

    private Task<IEnumerable<NamedItem>> SearchCentresAsync(string text, CancellationToken ct) =>
        Search(Lookups.SearchCentresAsync(text, Model.TerritoryId, ct), Model.Centres);

    private Task<IEnumerable<NamedItem>> SearchPartnersAsync(string text, CancellationToken ct) =>
        Search(Lookups.SearchPartnersAsync(text, Model.TerritoryId, ct), Model.Partners);

    private static async Task<IEnumerable<NamedItem>> Search(Task<IReadOnlyList<NamedItem>> search, List<NamedItem> chosen)
    {
        var found = await search;
        return found.Where(f => chosen.All(c => c.Id != f.Id));
    }

    /// <summary>Adds the chosen centre as a chip and empties the search box for the next one (mouse or keyboard alike).</summary>
    private async Task AddCentre(NamedItem? centre)
    {
        if (centre is null)
        {
            return;
        }
        if (Model.Centres.All(c => c.Id != centre.Id))
        {
            Model.Centres.Add(centre);
        }
        _centrePick = null;
        await _centreSearch!.ClearAsync();
    }

    private int GetCount(string field) => field switch
    {
        nameof(ActivityInput.InhabitantCount) => Model.InhabitantCount,
        nameof(ActivityInput.ProfessionalCount) => Model.ProfessionalCount,
        nameof(ActivityInput.VolunteerCount) => Model.VolunteerCount,
        _ => Model.PartnerCount,
    };

    private void SetCount(string field, int value)
    {
        switch (field)
        {
            case nameof(ActivityInput.InhabitantCount): Model.InhabitantCount = value; break;
            case nameof(ActivityInput.ProfessionalCount): Model.ProfessionalCount = value; break;
            case nameof(ActivityInput.VolunteerCount): Model.VolunteerCount = value; break;
            default: Model.PartnerCount = value; break;
        }
    }
}
