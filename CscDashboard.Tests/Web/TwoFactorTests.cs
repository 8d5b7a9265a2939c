using System.Net;
using System.Text.RegularExpressions;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Users;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace CscDashboard.Tests.Web;

/// <summary>
/// The second factor with the switch on as in production (Admin and ProjectLead): enrolment right after the password,
/// codes computed by Otp.NET as an authenticator app would, recovery codes used once, the administrator's reset.
/// </summary>
public sealed partial class TwoFactorTests : IDisposable
{
    private readonly CscWebFactory _app = new() { RequireTwoFactorForRoles = "Admin,ProjectLead" };

    public void Dispose() => _app.Dispose();

    private static string Location(HttpResponseMessage response) =>
        new Uri(new Uri("http://localhost"), response.Headers.Location!).PathAndQuery;

    /// <summary>Posts a page's form <paramref name="handler"/> with the antiforgery token read from <paramref name="page"/>.</summary>
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string page, string handler, string code) =>
        client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = handler,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value),
            ["Code"] = code,
        }));

    private static string Totp(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();

    /// <summary>Password step, then the enrolment: returns the key (as the page shows it) and the recovery codes.</summary>
    private static async Task<(string Key, List<string> Codes)> EnrolAsync(HttpClient client, string email)
    {
        var password = await CscWebFactory.SignInAsync(client, email);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/account/two-factor/enrol", Location(password), StringComparison.Ordinal);
        // No session in the application before the enrolment.
        Assert.StartsWith("/account/login", Location(await client.GetAsync("/")), StringComparison.Ordinal);
        Assert.StartsWith("/account/login", Location(await client.GetAsync("/account/security")), StringComparison.Ordinal);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync(Location(password)));
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        var shown = KeyField().Match(page).Groups[1].Value;
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", shown);
        var key = shown.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

        var wrong = await PostAsync(client, Location(password), page, "enrol", "000000" == Totp(key) ? "111111" : "000000");
        Assert.Contains(TwoFactorSetup.WrongCodeMessage, WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()));
        Assert.StartsWith("/account/login", Location(await client.GetAsync("/")), StringComparison.Ordinal);

        var right = await PostAsync(client, Location(password), page, "enrol", Totp(key));
        var done = WebUtility.HtmlDecode(await right.Content.ReadAsStringAsync());
        Assert.Contains("J'ai noté mes codes", done, StringComparison.Ordinal);
        var codes = CodeItem().Matches(done[done.IndexOf("recovery-codes", StringComparison.Ordinal)..]).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(TwoFactorSetup.RecoveryCodeCount, codes.Count);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        return (key, codes);
    }

    [Fact]
    public async Task A_project_lead_enrols_after_the_password_then_signs_in_with_a_code_or_a_recovery_code_once()
    {
        await _app.AddUserAsync("cheffe@test.csc", Roles.ProjectLead);
        using var first = _app.CreateBrowserlikeClient();
        var (key, codes) = await EnrolAsync(first, "cheffe@test.csc");

        // Next sign-in: the code step; a wrong code gets the French message and no session.
        using var second = _app.CreateBrowserlikeClient();
        var password = await CscWebFactory.SignInAsync(second, "cheffe@test.csc");
        Assert.StartsWith("/account/login-2fa", Location(password), StringComparison.Ordinal);
        var step = await second.GetStringAsync(Location(password));
        Assert.Contains("Code de vérification", step, StringComparison.Ordinal);
        var wrong = await PostAsync(second, Location(password), step, "two-factor", "000000" == Totp(key) ? "111111" : "000000");
        Assert.Contains(TwoFactorSetup.WrongCodeMessage, WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()));
        Assert.StartsWith("/account/login", Location(await second.GetAsync("/")), StringComparison.Ordinal);
        var right = await PostAsync(second, Location(password), step, "two-factor", Totp(key));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/")).StatusCode);

        // A recovery code signs in once; the same code again is refused.
        foreach (var expectSuccess in new[] { true, false })
        {
            using var client = _app.CreateBrowserlikeClient();
            var start = await CscWebFactory.SignInAsync(client, "cheffe@test.csc");
            var url = Location(start) + "&secours=true";
            var page = await client.GetStringAsync(url);
            var answer = await PostAsync(client, url, page, "two-factor", codes[0]);
            if (expectSuccess)
            {
                Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
            }
            else
            {
                Assert.Contains("Code de secours incorrect ou déjà utilisé.", WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync()));
                Assert.StartsWith("/account/login", Location(await client.GetAsync("/")), StringComparison.Ordinal);
            }
        }

        // The secrets never reach the audit log in clear.
        await using var db = await _app.CreateDbAsync();
        var audit = await db.AuditEntries.Where(e => e.Entity.StartsWith("IdentityUserToken")).Select(e => e.Changes).ToListAsync();
        Assert.NotEmpty(audit);
        Assert.All(audit, changes => Assert.DoesNotContain(key, changes, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_administrators_reset_ends_the_sessions_and_the_account_enrols_again()
    {
        var userId = await _app.AddUserAsync("perdu@test.csc", Roles.Admin);
        using var client = _app.CreateBrowserlikeClient();
        await EnrolAsync(client, "perdu@test.csc");

        var adminId = await _app.AddUserAsync("autre.admin@test.csc", Roles.Admin);
        var admin = new CurrentUser(adminId, "Admin", new HashSet<string> { Roles.Admin }, new HashSet<int>());
        var asAdmin = new FixedCurrentUserAccessor(admin);
        var factory = _app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var directory = new UserDirectoryService(factory, asAdmin, TimeProvider.System);
        var accounts = new AccountEditService(factory, asAdmin, TimeProvider.System, _app.Services.GetRequiredService<ChangeNotifier>());
        Assert.True((await directory.ListAsync()).Single(r => r.Id == userId).TwoFactor);
        await accounts.ResetTwoFactorAsync(userId);

        Assert.StartsWith("/account/login", Location(await client.GetAsync("/")), StringComparison.Ordinal);
        Assert.False((await directory.ListAsync()).Single(r => r.Id == userId).TwoFactor);
        using var again = _app.CreateBrowserlikeClient();
        await EnrolAsync(again, "perdu@test.csc");
    }

    [Fact]
    public async Task A_coordinator_is_not_asked_for_a_second_factor()
    {
        await _app.AddUserAsync("coord2fa@test.csc", Roles.Coordinator, "ART");
        using var client = _app.CreateBrowserlikeClient();
        var response = await CscWebFactory.SignInAsync(client, "coord2fa@test.csc");
        Assert.Equal("/", Location(response));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/activities")).StatusCode);
    }

    [Fact]
    public async Task A_coordinator_turns_the_second_factor_on_and_off_from_the_account_page_and_stays_signed_in()
    {
        await _app.AddUserAsync("volontaire@test.csc", Roles.Coordinator, "ART");
        using var client = _app.CreateBrowserlikeClient();
        using var other = _app.CreateBrowserlikeClient();
        await CscWebFactory.SignInAsync(client, "volontaire@test.csc");
        await CscWebFactory.SignInAsync(other, "volontaire@test.csc");

        var page = await client.GetStringAsync("/account/security");
        Assert.Contains("désactivée", page, StringComparison.Ordinal);
        var start = WebUtility.HtmlDecode(await (await PostAsync(client, "/account/security", page, "start", "")).Content.ReadAsStringAsync());
        Assert.Contains("<svg", start, StringComparison.Ordinal);
        var key = KeyField().Match(start).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var confirm = await PostAsync(client, "/account/security", start, "confirm", Totp(key));
        Assert.True(confirm.StatusCode == HttpStatusCode.OK, $"{confirm.StatusCode} {confirm.Headers.Location}");
        var on = WebUtility.HtmlDecode(await confirm.Content.ReadAsStringAsync());
        Assert.Contains("La double authentification est activée.", on, StringComparison.Ordinal);
        Assert.Equal(TwoFactorSetup.RecoveryCodeCount, CodeItem().Count(on[on.IndexOf("recovery-codes", StringComparison.Ordinal)..]));

        // This browser got a new session; the other one is closed.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/activities")).StatusCode);
        Assert.StartsWith("/account/login", Location(await other.GetAsync("/activities")), StringComparison.Ordinal);

        page = await client.GetStringAsync("/account/security");
        var off = WebUtility.HtmlDecode(await (await PostAsync(client, "/account/security", page, "disable", "")).Content.ReadAsStringAsync());
        Assert.Contains("La double authentification est désactivée.", off, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/activities")).StatusCode);
        using var again = _app.CreateBrowserlikeClient();
        Assert.Equal("/", Location(await CscWebFactory.SignInAsync(again, "volontaire@test.csc")));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("id=\"authenticator-key\">([^<]+)<")]
    private static partial Regex KeyField();

    [GeneratedRegex("<li>([^<]+)</li>")]
    private static partial Regex CodeItem();
}
