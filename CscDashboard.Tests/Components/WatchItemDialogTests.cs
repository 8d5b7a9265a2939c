using Bunit;
using CscDashboard.Core.Common;
using CscDashboard.Core.Workstreams;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Components.Pages.Workstreams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CscDashboard.Tests.Components;

/// <summary>The watch-item dialog over the real Core service (SQLite): French messages next to the fields, nothing saved.</summary>
public sealed class WatchItemDialogTests : MudTestContext
{
    private CoreTestContext _core = default!;
    private int _workstreamId;

    public override async Task InitializeAsync()
    {
        _core = await CoreTestContext.CreateAsync();
        _core.ActAs(await _core.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));
        Services.AddSingleton(_core.Get<WatchItemService>());
        await using var db = _core.CreateDb();
        _workstreamId = await db.Workstreams.Where(w => w.Number == 1).Select(w => w.Id).SingleAsync();
    }

    protected override async Task OnDisposeAsync() => await _core.DisposeAsync();

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(WatchItemInput input)
    {
        var provider = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        var parameters = new DialogParameters<WatchItemDialog> { { d => d.WorkstreamId, _workstreamId }, { d => d.Input, input } };
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<WatchItemDialog>(null, parameters));
        return provider;
    }

    [Fact]
    public async Task Invalid_input_shows_french_messages_next_to_the_fields_and_writes_nothing()
    {
        var provider = await OpenAsync(new WatchItemInput
        {
            Title = "",
            Url = "www.caf.fr/parentalite",
            Tags = "parentalité, une étiquette beaucoup trop longue pour être utile",
            Date = new DateOnly(2023, 3, 20),
        });

        await provider.Find("#watch-save").ClickAsync(new());

        provider.WaitForAssertion(() =>
        {
            var markup = provider.Markup;
            Assert.Contains("Le titre est obligatoire.", markup);
            Assert.Contains("Le lien doit être une adresse web complète commençant par http:// ou https://", markup);
            Assert.Contains("Chaque mot-clé doit faire au plus 40 caractères : « une étiquette beaucoup trop longue pour être utile » est trop long.", markup);
            Assert.Contains("La date ne peut pas être postérieure à demain.", markup);
        });
        // Each message sits in its field's helper line, not in a global banner; the dialog stays open.
        Assert.Equal(4, provider.FindAll(".mud-input-helper-text.mud-input-error").Count);
        Assert.Empty(provider.FindAll(".mud-alert"));
        Assert.Single(provider.FindAll("#watch-save"));
        await using var db = _core.CreateDb();
        Assert.Equal(0, await db.WatchItems.CountAsync());
    }

    [Fact]
    public async Task A_valid_item_is_saved_with_its_tags_and_the_dialog_closes()
    {
        var provider = await OpenAsync(new WatchItemInput
        {
            Title = "Repères écrans et jeunes enfants",
            Url = "https://www.santepubliquefrance.fr/",
            Tags = " écrans , parentalité ",
            Date = new DateOnly(2023, 3, 15),
        });

        await provider.Find("#watch-save").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("#watch-save")));
        await using var db = _core.CreateDb();
        var item = await db.WatchItems.SingleAsync();
        Assert.Equal(("Repères écrans et jeunes enfants", "écrans,parentalité", _workstreamId), (item.Title, item.Tags, item.WorkstreamId));
    }
}
