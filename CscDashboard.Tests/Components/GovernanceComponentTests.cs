using Bunit;
using CscDashboard.Core.Common;
using CscDashboard.Core.Governance;
using CscDashboard.Core.Lookups;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Components.Pages.Governance;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CscDashboard.Tests.Components;

/// <summary>The meeting form and the decisions list over the real Core services (SQLite).</summary>
public sealed class GovernanceComponentTests : MudTestContext
{
    private CoreTestContext _core = default!;

    public override async Task InitializeAsync()
    {
        _core = await CoreTestContext.CreateAsync();
        _core.ActAs(await _core.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        Services.AddSingleton(_core.Get<MeetingService>());
        Services.AddSingleton(_core.Get<MeetingQueries>());
        Services.AddSingleton(_core.Get<DecisionService>());
        Services.AddSingleton(_core.Get<LookupService>());
    }

    protected override async Task OnDisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task The_meeting_form_shows_french_messages_next_to_the_fields_and_writes_nothing()
    {
        var provider = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        var options = await _core.Get<MeetingQueries>().OptionsAsync();
        var parameters = new DialogParameters<MeetingDialog>
        {
            { d => d.Input, new MeetingInput { Kind = MeetingKind.TerritorialAssembly, Date = new DateOnly(2023, 3, 14) } }, { d => d.Options, options },
        };
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<MeetingDialog>(null, parameters));

        await provider.Find("#meeting-save").ClickAsync(new());

        provider.WaitForAssertion(() =>
        {
            var errors = provider.FindAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()).ToList();
            Assert.Contains("L'intitulé est obligatoire.", errors);
            Assert.Contains("Une assemblée territoriale se tient pour un territoire : choisissez-le.", errors);
        });
        // The form stays open, with the editable minutes and their toolbar.
        Assert.NotNull(provider.Find("#meeting-minutes[contenteditable=true][role=textbox]"));
        Assert.Equal(4, provider.FindAll(".minutes-toolbar button").Count);
        await using var db = _core.CreateDb();
        Assert.Equal(0, await db.Meetings.CountAsync());
    }

    [Fact]
    public void The_decisions_list_flags_overdue_ones_and_offers_what_the_service_allows()
    {
        DecisionRow Row(int id, string text, bool overdue, bool canEdit, bool canChange) => new(id, 1, "Comité", new DateOnly(2023, 3, 2),
            MeetingKind.PartnerCommittee, text, "u1", "Awa Artois", new DateOnly(2023, 3, 10), DecisionStatus.Todo, null, null, overdue, canEdit, canChange, 1);

        var list = Render<DecisionList>(p => p
            .Add(l => l.Items, [Row(1, "Relancer la CAF", true, false, true), Row(2, "Préparer le bilan", false, false, false), Row(3, "Charte", false, true, true)])
            .Add(l => l.ShowMeeting, true)
            .Add(l => l.Accounts, [new MeetingOption("u1", "Awa Artois")]));

        var items = list.FindAll(".decision-list > li");
        Assert.Equal(3, items.Count);
        Assert.Contains("En retard", items[0].TextContent);
        Assert.DoesNotContain("En retard", items[1].TextContent);
        Assert.Contains("Suivi", items[0].TextContent);
        Assert.DoesNotContain("Suivi", items[1].TextContent);
        Assert.Empty(items[0].QuerySelectorAll("button[aria-label^='Modifier']"));
        Assert.Single(items[2].QuerySelectorAll("button[aria-label^='Modifier']"));
        Assert.Equal("/meetings/1", items[0].QuerySelector("a")!.GetAttribute("href"));
    }
}
