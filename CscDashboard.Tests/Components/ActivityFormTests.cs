using Bunit;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Lookups;
using CscDashboard.Core.Operations;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Components.Pages.Activities;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CscDashboard.Tests.Components;

public sealed class ActivityFormTests : MudTestContext
{
    private static readonly DateOnly Today = new(2023, 3, 15);
    private CoreTestContext _core = default!;
    private readonly List<ActivityInput> _saved = [];

    public override async Task InitializeAsync()
    {
        _core = await CoreTestContext.CreateAsync();
        Services.AddSingleton(_core.Get<LookupService>());
    }

    protected override async Task OnDisposeAsync() => await _core.DisposeAsync();

    private IRenderedComponent<ActivityForm> RenderForm(ActivityFormModel model, IReadOnlyList<CscDashboard.Core.Indicators.AudienceGroupRow>? groups = null)
    {
        Render<MudPopoverProvider>();
        var defaults = new EntryDefaults(Today, [new NamedItem(2, "Artois")], 2, ActivityType.CentreSupport, ActivityFormat.Visit,
            ActivityPlace.InCentre, [new OperationPeriod(1, "CSC-2021-2023", new DateOnly(2021, 9, 1), new DateOnly(2023, 12, 31))]);
        return Render<ActivityForm>(p => p
            .Add(f => f.Model, model)
            .Add(f => f.Defaults, defaults)
            .Add(f => f.Workstreams, [new NamedItem(1, "Inclusion numérique")])
            .Add(f => f.AudienceGroups, groups ?? [])
            .Add(f => f.OnSave, (ActivityInput input) => _saved.Add(input)));
    }

    private static ActivityFormModel Valid() => new()
    {
        Date = "2023-03-14", DurationMinutes = 60, TerritoryId = 2, Title = "Visite de suivi",
        Type = ActivityType.CentreSupport, Format = ActivityFormat.Visit, Place = ActivityPlace.InCentre,
    };

    [Fact]
    public void Invalid_input_shows_french_messages_next_to_the_fields_and_does_not_save()
    {
        var model = Valid();
        model.Title = "";
        model.DurationMinutes = 800;
        model.Date = "2024-06-01";
        model.InhabitantCount = 20_000;
        var form = RenderForm(model);

        form.Find("[data-testid=save-activity]").Click();

        Assert.Empty(_saved);
        var markup = form.Markup;
        Assert.Contains("Corrigez les champs signalés : rien n'a été enregistré.", markup);
        Assert.Contains("Le titre est obligatoire.", markup);
        Assert.Contains("La durée doit être comprise entre 5 minutes et 12 heures.", markup);
        Assert.Contains("La date doit se situer dans la période d'une opération.", markup);
        Assert.Contains("Le nombre doit être compris entre 0 et 10 000.", markup);
    }

    [Fact]
    public void A_public_action_without_centre_or_participant_is_not_saved()
    {
        var model = Valid();
        model.Type = ActivityType.PublicAction;
        var form = RenderForm(model);

        form.Find("[data-testid=save-activity]").Click();

        Assert.Empty(_saved);
        Assert.Contains("Une action grand public doit être rattachée à au moins un centre.", form.Markup);
        Assert.Contains("Une action grand public doit compter au moins un participant.", form.Markup);
    }

    [Fact]
    public void Valid_input_is_saved_once_with_the_typed_values()
    {
        var model = Valid();
        var form = RenderForm(model);
        form.FindAll(".mud-chip").First(c => c.TextContent.Contains("1 h 30")).Click();

        form.Find("[data-testid=save-activity]").Click();

        var saved = Assert.Single(_saved);
        Assert.Equal(new DateOnly(2023, 3, 14), saved.Date);
        Assert.Equal(90, saved.DurationMinutes);
        Assert.Equal("Visite de suivi", saved.Title);
        Assert.DoesNotContain("Corrigez les champs", form.Markup);
    }

    [Fact]
    public void Server_messages_are_shown_next_to_their_fields()
    {
        Render<MudPopoverProvider>();
        var defaults = new EntryDefaults(Today, [new NamedItem(2, "Artois")], 2, ActivityType.CentreSupport, ActivityFormat.Visit, ActivityPlace.InCentre, []);
        var form = Render<ActivityForm>(p => p
            .Add(f => f.Model, Valid())
            .Add(f => f.Defaults, defaults)
            .Add(f => f.ServerErrors, new Dictionary<string, string[]> { ["CentreIds"] = ["Un des centres choisis n'existe pas."] }));

        Assert.Contains("Un des centres choisis n'existe pas.", form.Markup);
    }

    [Fact]
    public async Task The_breakdown_is_folded_and_one_above_the_inhabitants_is_refused_before_the_server()
    {
        var groups = await _core.Get<LookupService>().AudienceGroupsAsync();
        var model = Valid();
        model.InhabitantCount = 3;
        var form = RenderForm(model, groups);
        // Folded: one tap opens it; nothing in it is asked for.
        var panel = form.FindComponents<MudExpansionPanel>()[0];
        Assert.Contains("Répartition des habitants (facultatif)", panel.Instance.Text);
        Assert.False(panel.Instance.Expanded);

        model.Audience[groups.Single(g => g.Code == "AGE-60").Id] = 5;
        form.Find("[data-testid=save-activity]").Click();

        Assert.Empty(_saved);
        Assert.Contains("La répartition par âge compte 5 habitants, plus que les 3 habitants de l'activité", form.Find("[data-testid=audience-error]").TextContent);

        model.Audience[groups.Single(g => g.Code == "AGE-60").Id] = 2;
        model.Audience[groups.Single(g => g.Code == "SENIORS").Id] = 2;
        form.Find("[data-testid=save-activity]").Click();
        var saved = Assert.Single(_saved);
        Assert.Equal(2, saved.Audience.Count);
    }
}
