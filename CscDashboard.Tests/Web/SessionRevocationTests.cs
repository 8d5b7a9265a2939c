using System.Net;
using System.Text.RegularExpressions;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Users;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CscDashboard.Tests.Web;

/// <summary>
/// A sign-in cookie stops working on the very next request once its session ends (ADR 018): signed out (even a copy
/// of it), a new password, a deactivation. The app's default check interval is kept: no waiting is involved.
/// </summary>
public sealed partial class SessionRevocationTests : IDisposable
{
    private readonly CscWebFactory _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<AccountEditService> AdminAccountsAsync()
    {
        var adminId = await _app.AddUserAsync($"admin.{Guid.NewGuid():N}@test.csc", Roles.Admin);
        var admin = new CurrentUser(adminId, "Admin", new HashSet<string> { Roles.Admin }, new HashSet<int>());
        return new AccountEditService(_app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>(),
            new FixedCurrentUserAccessor(admin), TimeProvider.System, _app.Services.GetRequiredService<ChangeNotifier>());
    }

    /// <summary>Signs in and returns the sign-in cookie as another machine would replay it.</summary>
    private static async Task<string> SignInAndCopyCookieAsync(HttpClient client, string email)
    {
        var response = await CscWebFactory.SignInAsync(client, email);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("csc.auth=", StringComparison.Ordinal));
        return cookie[..cookie.IndexOf(';', StringComparison.Ordinal)];
    }

    /// <summary>A request from another machine holding only the copied cookie.</summary>
    private async Task<HttpResponseMessage> WithCopyAsync(string cookie, string path)
    {
        using var stranger = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await stranger.SendAsync(request);
    }

    private static void AssertSentToSignIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task A_copied_cookie_stops_working_once_its_owner_signs_out()
    {
        await _app.AddUserAsync("copie@test.csc", Roles.Coordinator, "ART");
        using var client = _app.CreateBrowserlikeClient();
        var copy = await SignInAndCopyCookieAsync(client, "copie@test.csc");
        Assert.Equal(HttpStatusCode.OK, (await WithCopyAsync(copy, "/activities")).StatusCode);

        // The account menu's sign-out form, with a token issued to this signed-in user (the account page has one).
        var page = await client.GetStringAsync("/account/security");
        var token = WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value);
        var signOut = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["returnUrl"] = "/activities",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        AssertSentToSignIn(await WithCopyAsync(copy, "/activities"));
        AssertSentToSignIn(await client.GetAsync("/activities"));
    }

    [Fact]
    public async Task A_new_password_ends_every_session_of_the_account_on_its_next_request()
    {
        var userId = await _app.AddUserAsync("oubli@test.csc", Roles.Coordinator, "ART");
        var accounts = await AdminAccountsAsync();
        using var phone = _app.CreateBrowserlikeClient();
        using var desk = _app.CreateBrowserlikeClient();
        var copy = await SignInAndCopyCookieAsync(phone, "oubli@test.csc");
        await CscWebFactory.SignInAsync(desk, "oubli@test.csc");
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync("/activities")).StatusCode);

        var issued = await accounts.IssuePasswordAsync(userId);

        AssertSentToSignIn(await desk.GetAsync("/activities"));
        AssertSentToSignIn(await WithCopyAsync(copy, "/activities"));
        Assert.Equal(HttpStatusCode.Redirect, (await CscWebFactory.SignInAsync(desk, "oubli@test.csc", issued.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync("/activities")).StatusCode);
    }

    [Fact]
    public async Task A_deactivated_accounts_cookie_is_refused_at_once()
    {
        var userId = await _app.AddUserAsync("depart@test.csc", Roles.Committee);
        var accounts = await AdminAccountsAsync();
        using var client = _app.CreateBrowserlikeClient();
        var copy = await SignInAndCopyCookieAsync(client, "depart@test.csc");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        await accounts.DeactivateAsync(userId);

        AssertSentToSignIn(await client.GetAsync("/"));
        AssertSentToSignIn(await WithCopyAsync(copy, "/"));
        await using var db = await _app.CreateDbAsync();
        Assert.All(await db.UserSessions.Where(s => s.UserId == userId).ToListAsync(), s => Assert.NotNull(s.RevokedAt));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
