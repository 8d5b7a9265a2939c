using Bunit;
using CscDashboard.Core.Common;
using CscDashboard.Core.OpenData;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Components.Pages.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CscDashboard.Tests.Components;

/// <summary>The <c>/account/tokens</c> page over the real token service (SQLite): create, see the secret once, revoke; the administrator's list.</summary>
public sealed class AccessTokensPageTests : MudTestContext
{
    private CoreTestContext _core = default!;
    private CurrentUser _coordinator = default!;
    private CurrentUser _admin = default!;

    public override async Task InitializeAsync()
    {
        _core = await CoreTestContext.CreateAsync();
        _coordinator = await _core.AddUserAsync("oscar.coord@test.csc", Roles.Coordinator, "ART", "LIL");
        _admin = await _core.AddUserAsync("alice.admin@test.csc", Roles.Admin);
        Services.AddSingleton(_core.Get<AccessTokenService>());
        Services.AddSingleton<TimeProvider>(_core.Clock);
    }

    protected override async Task OnDisposeAsync() => await _core.DisposeAsync();

    /// <summary>The page as <paramref name="user"/>, beside the providers it uses (the message box of a revocation).</summary>
    private (IRenderedComponent<AccessTokens> Page, IRenderedComponent<MudDialogProvider> Dialogs) RenderAs(CurrentUser user, string role)
    {
        _core.ActAs(user);
        AddAuthorization().SetAuthorized(user.DisplayName).SetRoles(role);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        return (Render<AccessTokens>(), dialogs);
    }

    [Fact]
    public async Task A_coordinator_creates_a_token_for_one_territory_and_sees_its_secret_once()
    {
        var (page, _) = RenderAs(_coordinator, Roles.Coordinator);
        page.WaitForElement("#token-create");

        Assert.Single(page.FindAll("h1"));
        Assert.Equal("Jetons d'accès à l'API", page.Find("h1").TextContent.Trim());
        foreach (var id in new[] { "token-name", "token-days" })
        {
            Assert.NotEmpty(page.FindAll($"label[for='{id}']"));
        }
        Assert.Contains("Limiter aux territoires", page.Markup);
        page.Find("#token-name").Change("Tableur Région");
        page.FindAll("input[type=checkbox]")[0].Change(true);
        await page.Find("#token-create").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("il ne sera plus jamais affiché", page.Markup));
        var secret = page.Find("#token-secret").GetAttribute("value")!;
        Assert.StartsWith(AccessTokenService.SecretPrefix, secret, StringComparison.Ordinal);
        Assert.Contains($"Authorization: Bearer {secret}", page.Markup);
        Assert.Contains("Coordination territoriale (ART)", page.Find("#my-tokens").TextContent);
        Assert.DoesNotContain("all-tokens", page.Markup);
        await using var db = _core.CreateDb();
        Assert.Equal(AccessTokenService.HashOf(secret), (await db.AccessTokens.SingleAsync()).SecretHash);
    }

    [Fact]
    public async Task Bad_input_shows_french_messages_and_writes_nothing()
    {
        var (page, _) = RenderAs(_coordinator, Roles.Coordinator);
        page.WaitForElement("#token-create");
        page.Find("#token-days").Change("400");

        await page.Find("#token-create").ClickAsync(new());

        page.WaitForAssertion(() =>
        {
            Assert.Contains("Donnez un nom au jeton", page.Markup);
            Assert.Contains("un an au plus", page.Markup);
        });
        Assert.Empty(page.FindAll("#token-secret"));
        await using var db = _core.CreateDb();
        Assert.False(await db.AccessTokens.AnyAsync());
    }

    [Fact]
    public async Task The_administrator_sees_and_revokes_everyones_tokens()
    {
        _core.ActAs(_coordinator);
        await _core.Get<AccessTokenService>().CreateAsync(new AccessTokenInput { Name = "Outil d'Oscar" });
        var (page, provider) = RenderAs(_admin, Roles.Admin);
        page.WaitForElement("#all-tokens");
        Assert.Contains("Aucun jeton pour l'instant.", page.Find("#my-tokens").TextContent);
        Assert.Contains("oscar.coord@test.csc", page.Find("#all-tokens").TextContent);

        // The click waits for the message box's answer: answered before it is awaited.
        var revoke = page.Find("#all-tokens button").ClickAsync(new());
        provider.WaitForAssertion(() => Assert.Contains("cessera de fonctionner immédiatement", provider.Markup));
        await provider.FindAll("button").Single(b => b.TextContent.Trim() == "Révoquer").ClickAsync(new());
        await revoke;

        page.WaitForAssertion(() => Assert.Contains("Révoqué le", page.Find("#all-tokens").TextContent));
        Assert.Contains("Jeton « Outil d'Oscar » révoqué.", page.Markup);
        Assert.Empty(page.FindAll("#all-tokens button"));
    }
}
