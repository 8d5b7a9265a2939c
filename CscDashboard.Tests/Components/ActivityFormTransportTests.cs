using Bunit;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Lookups;
using CscDashboard.Core.Operations;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Components.Pages.Activities;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static CscDashboard.Web.Components.Pages.Activities.ActivityForm;

namespace CscDashboard.Tests.Components;

/// <summary>
/// Issue 14 point 8 (ADR 020): a save is all or nothing. The form asks the browser what its text fields
/// show and refuses to save when the server holds something else (an update lost with a dropped
/// connection); a text over its limit gets its French message under the field.
/// </summary>
public sealed class ActivityFormTransportTests : MudTestContext
{
    private static readonly DateOnly Today = new(2023, 3, 15);
    private static readonly string LongNotes = new('n', 30_000);
    private CoreTestContext _core = default!;
    private readonly List<ActivityInput> _saved = [];

    public override async Task InitializeAsync()
    {
        _core = await CoreTestContext.CreateAsync();
        Services.AddSingleton(_core.Get<LookupService>());
    }

    protected override async Task OnDisposeAsync() => await _core.DisposeAsync();

    private IRenderedComponent<ActivityForm> RenderForm(ActivityFormModel model)
    {
        Render<MudPopoverProvider>();
        var defaults = new EntryDefaults(Today, [new NamedItem(2, "Artois")], 2, ActivityType.CentreSupport, ActivityFormat.Visit,
            ActivityPlace.InCentre, [new OperationPeriod(1, "CSC-2021-2023", new DateOnly(2021, 9, 1), new DateOnly(2023, 12, 31))]);
        return Render<ActivityForm>(p => p
            .Add(f => f.Model, model)
            .Add(f => f.Defaults, defaults)
            .Add(f => f.OnSave, (ActivityInput input) => _saved.Add(input)));
    }

    private static ActivityFormModel Model(string? notes) => new()
    {
        Date = "2023-03-14", DurationMinutes = 60, TerritoryId = 2, Title = "Visite de suivi", Notes = notes,
        Type = ActivityType.CentreSupport, Format = ActivityFormat.Visit, Place = ActivityPlace.InCentre,
    };

    /// <summary>What the browser answers: the title, the notes shown on screen, no follow-up field.</summary>
    private void BrowserShows(string title, string? notes) =>
        JSInterop.Setup<FieldDigest[]>(DigestFunction, call => call.Arguments.Count == 1
                && call.Arguments[0] is string[] ids && ids.SequenceEqual([TitleInputId, NotesInputId, FollowUpInputId]))
            .SetResult([FieldDigest.Of(title), FieldDigest.Of(notes), null!]);

    [Fact]
    public void Notes_the_server_never_received_block_the_save_with_a_french_message()
    {
        // The browser shows 30,000 characters; the change carrying them was lost, the server still has none.
        BrowserShows("Visite de suivi", LongNotes);
        var form = RenderForm(Model(notes: null));

        form.Find("[data-testid=save-activity]").Click();

        Assert.Empty(_saved);
        Assert.Contains("Ce texte n'est pas parvenu entier au serveur", form.Markup);
        Assert.Contains("rien n'a été enregistré", form.Find("[data-testid=form-errors]").TextContent);
    }

    [Fact]
    public void Notes_over_the_limit_that_did_arrive_get_their_message_and_are_not_saved()
    {
        BrowserShows("Visite de suivi", LongNotes);
        var form = RenderForm(Model(LongNotes));

        form.Find("[data-testid=save-activity]").Click();

        Assert.Empty(_saved);
        Assert.Contains("« Notes » ne doit pas dépasser 4\u202F000 caractères (30\u202F000 saisis).", form.Markup);
    }

    [Fact]
    public void When_the_browser_and_the_server_agree_the_whole_activity_is_saved()
    {
        BrowserShows("Visite de suivi", "Compte rendu\nsur deux lignes");
        var form = RenderForm(Model("Compte rendu\nsur deux lignes"));

        form.Find("[data-testid=save-activity]").Click();

        Assert.Equal("Compte rendu\nsur deux lignes", Assert.Single(_saved).Notes);
    }

    [Fact]
    public void The_hash_is_the_one_the_browser_computes()
    {
        // FNV-1a 32 bits over UTF-16 code units, as forms.js computes it.
        Assert.Equal(new FieldDigest(0, 2166136261u), FieldDigest.Of(null));
        Assert.Equal(new FieldDigest(1, 0xE40C292Cu), FieldDigest.Of("a"));
    }
}
