using System.Net;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Users;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CscDashboard.Tests.Web;

/// <summary>A deactivated account cannot sign in, and a cookie it already holds stops working at its next check.</summary>
public sealed class AccountDeactivationTests : IDisposable
{
    // Checked on every request, so that "the next request" is the next check (the app's default is one minute).
    private readonly CscWebFactory _app = new() { SessionCheckSeconds = 0 };

    public void Dispose() => _app.Dispose();

    /// <summary>The administrator's own service, as the Users page calls it.</summary>
    private async Task<AccountEditService> AdminAccountsAsync()
    {
        var adminId = await _app.AddUserAsync($"admin.{Guid.NewGuid():N}@test.csc", Roles.Admin);
        var admin = new CurrentUser(adminId, "Admin", new HashSet<string> { Roles.Admin }, new HashSet<int>());
        return new AccountEditService(_app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>(),
            new FixedCurrentUserAccessor(admin), TimeProvider.System, _app.Services.GetRequiredService<ChangeNotifier>());
    }

    [Fact]
    public async Task A_deactivated_account_is_signed_out_refused_at_sign_in_and_lets_in_again_once_reactivated()
    {
        var userId = await _app.AddUserAsync("parti@test.csc", Roles.Coordinator, "ART");
        var accounts = await AdminAccountsAsync();
        using var open = _app.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await CscWebFactory.SignInAsync(open, "parti@test.csc")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await open.GetAsync("/activities")).StatusCode);

        await accounts.DeactivateAsync(userId);

        // The cookie held before is refused: the next request goes to the sign-in page.
        var next = await open.GetAsync("/activities");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Equal("/account/login", new Uri(new Uri("http://localhost"), next.Headers.Location!).AbsolutePath);

        // The right password gets the French explanation; a wrong one the usual message, which tells nothing about the account.
        using var again = _app.CreateBrowserlikeClient();
        var refused = await CscWebFactory.SignInAsync(again, "parti@test.csc");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Ce compte est désactivé : adressez-vous à l'administrateur.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.False(refused.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("csc.auth=", StringComparison.Ordinal)));
        var guessed = await CscWebFactory.SignInAsync(again, "parti@test.csc", "pas-le-bon");
        var guessedHtml = await guessed.Content.ReadAsStringAsync();
        Assert.Contains("Adresse e-mail ou mot de passe incorrect.", guessedHtml);
        Assert.DoesNotContain("désactivé", guessedHtml);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/activities")).StatusCode);

        await accounts.ReactivateAsync(userId);

        Assert.Equal(HttpStatusCode.Redirect, (await CscWebFactory.SignInAsync(again, "parti@test.csc")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/activities")).StatusCode);
        // The cookie of before the deactivation stays refused: its security stamp is an old one.
        Assert.Equal(HttpStatusCode.Redirect, (await open.GetAsync("/activities")).StatusCode);
    }

    [Fact]
    public async Task New_territories_end_the_coordinators_session_so_that_they_sign_in_with_their_new_rights()
    {
        var userId = await _app.AddUserAsync("mute@test.csc", Roles.Coordinator, "ART");
        var accounts = await AdminAccountsAsync();
        using var client = _app.CreateBrowserlikeClient();
        await CscWebFactory.SignInAsync(client, "mute@test.csc");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/activities")).StatusCode);
        await using (var db = await _app.CreateDbAsync())
        {
            var dou = await db.Territories.Where(t => t.Code == "DOU").Select(t => t.Id).SingleAsync();
            await accounts.UpdateAsync(userId, new AccountChanges("Muté", Roles.Coordinator, [dou]));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/activities")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await CscWebFactory.SignInAsync(client, "mute@test.csc")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/activities")).StatusCode);
    }
}
