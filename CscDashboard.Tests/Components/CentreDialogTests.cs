using Bunit;
using CscDashboard.Core.Common;
using CscDashboard.Core.Network;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Components.Pages.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CscDashboard.Tests.Components;

/// <summary>The centre dialog over the real Core service (SQLite): the service's French messages show next to the fields.</summary>
public sealed class CentreDialogTests : MudTestContext
{
    private CoreTestContext _core = default!;

    public override async Task InitializeAsync()
    {
        _core = await CoreTestContext.CreateAsync();
        _core.ActAs(await _core.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));
        Services.AddSingleton(_core.Get<CentreService>());
    }

    protected override async Task OnDisposeAsync() => await _core.DisposeAsync();

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(CentreInput input)
    {
        var provider = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        var territories = await _core.Get<CentreService>().ListTerritoriesAsync();
        var parameters = new DialogParameters<CentreDialog> { { d => d.Input, input }, { d => d.Territories, territories } };
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<CentreDialog>(null, parameters));
        return provider;
    }

    [Fact]
    public async Task Invalid_input_shows_french_messages_next_to_the_fields_and_writes_nothing()
    {
        var art = await _core.TerritoryIdAsync("ART");
        var provider = await OpenAsync(new CentreInput { TerritoryId = art, Name = "", Commune = "Arras", Postcode = "620", Status = CentreStatus.Engaged });

        await provider.Find("#centre-save").ClickAsync(new());

        provider.WaitForAssertion(() =>
        {
            var markup = provider.Markup;
            Assert.Contains("Le nom du centre est obligatoire.", markup);
            Assert.Contains("Le code postal doit compter exactement 5 chiffres.", markup);
            Assert.Contains("La date d'engagement est obligatoire pour un centre engagé.", markup);
        });
        // The messages are in the fields' helper lines, not in a global banner.
        Assert.Equal(3, provider.FindAll(".mud-input-helper-text.mud-input-error").Count);
        await using var db = _core.CreateDb();
        Assert.Equal(0, await db.Centres.CountAsync());
    }

    [Fact]
    public async Task A_valid_centre_is_saved_and_the_dialog_closes()
    {
        var art = await _core.TerritoryIdAsync("ART");
        var provider = await OpenAsync(new CentreInput { TerritoryId = art, Name = "Centre social Jean Jaurès", Commune = "Arras", Postcode = "62000" });

        await provider.Find("#centre-save").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("#centre-save")));
        await using var db = _core.CreateDb();
        Assert.Equal("Centre social Jean Jaurès", (await db.Centres.SingleAsync()).Name);
    }
}
