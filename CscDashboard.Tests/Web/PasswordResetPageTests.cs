using System.Net;
using System.Text.RegularExpressions;
using CscDashboard.Core.Common;
using CscDashboard.Core.Notifications;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Web;

/// <summary>
/// « Mot de passe oublié ? » over HTTP (issue 19 point 4, ADR 028): the same answer for any address, the link's page, the
/// French rules, the other sessions ended, the link used once. The rate limit is in <see cref="SignInLimitSpellingTests"/>.
/// </summary>
public sealed partial class PasswordResetPageTests : IClassFixture<CscWebFactory>
{
    private const string NewPassword = "Nouveau-Passe-2026";
    private readonly CscWebFactory _app;

    public PasswordResetPageTests(CscWebFactory app) => _app = app;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex(@"jeton=([A-Za-z0-9_-]+)")]
    private static partial Regex LinkSecret();

    [GeneratedRegex(@"<p class=""account-note"" role=""status"">([^<]+)</p>")]
    private static partial Regex StatusNote();

    private static string Location(HttpResponseMessage response) =>
        new Uri(new Uri("http://localhost"), response.Headers.Location!).PathAndQuery;

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string handler, Dictionary<string, string> fields)
    {
        // Any page's antiforgery token will do (the reset page of a used link has no form).
        var page = await client.GetStringAsync("/account/forgot-password");
        fields["_handler"] = handler;
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value);
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    private static Task<HttpResponseMessage> AskAsync(HttpClient client, string email) =>
        PostFormAsync(client, "/account/forgot-password", "forgot-password", new() { ["Input.Email"] = email });

    private static Task<HttpResponseMessage> ResetAsync(HttpClient client, string secret, string password, string confirmation) =>
        PostFormAsync(client, $"/account/reset-password?jeton={secret}", "reset-password", new()
        {
            ["Jeton"] = secret, ["Password"] = password, ["Confirmation"] = confirmation,
        });

    private async Task<List<OutboxMessage>> ResetMailsToAsync(string email)
    {
        await using var db = await _app.CreateDbAsync();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == email && m.Kind == MailKind.PasswordReset).ToListAsync();
    }

    [Fact]
    public async Task The_sign_in_page_offers_it_and_any_address_gets_the_same_answer()
    {
        var email = $"oubli-{Guid.NewGuid():N}@test.csc";
        await _app.AddUserAsync(email, Roles.Committee);
        using var client = _app.CreateBrowserlikeClient();
        Assert.Contains("href=\"/account/forgot-password\">Mot de passe oublié ?</a>", WebUtility.HtmlDecode(await client.GetStringAsync("/account/login")));

        var known = await AskAsync(client, email);
        var unknown = await AskAsync(client, $"personne-{Guid.NewGuid():N}@test.csc");

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        var knownNote = StatusNote().Match(await known.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.Contains("Si un compte actif utilise cette adresse", WebUtility.HtmlDecode(knownNote));
        Assert.Equal(knownNote, StatusNote().Match(await unknown.Content.ReadAsStringAsync()).Groups[1].Value);
        Assert.Single(await ResetMailsToAsync(email));
    }

    [Fact]
    public async Task The_link_sets_a_new_password_once_and_ends_the_other_sessions()
    {
        var email = $"reinit-{Guid.NewGuid():N}@test.csc";
        await _app.AddUserAsync(email, Roles.Coordinator, "ART");
        using var elsewhere = _app.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await CscWebFactory.SignInAsync(elsewhere, email)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/activities")).StatusCode);
        using var client = _app.CreateBrowserlikeClient();
        await AskAsync(client, email);
        var secret = LinkSecret().Match(Assert.Single(await ResetMailsToAsync(email)).TextBody).Groups[1].Value;

        var form = WebUtility.HtmlDecode(await client.GetStringAsync($"/account/reset-password?jeton={secret}"));
        Assert.Contains("Nouveau mot de passe", form);
        var weak = WebUtility.HtmlDecode(await (await ResetAsync(client, secret, "court", "court")).Content.ReadAsStringAsync());
        Assert.Contains("Le mot de passe doit contenir au moins 10 caractères.", weak);
        Assert.DoesNotContain("value=\"court\"", weak);
        var typo = WebUtility.HtmlDecode(await (await ResetAsync(client, secret, NewPassword, NewPassword + "!")).Content.ReadAsStringAsync());
        Assert.Contains("Les deux mots de passe saisis sont différents.", typo);

        var done = await ResetAsync(client, secret, NewPassword, NewPassword);

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/account/login?motDePasse=change", Location(done));
        Assert.Contains("Votre mot de passe est changé", WebUtility.HtmlDecode(await client.GetStringAsync("/account/login?motDePasse=change")));
        // The session opened before the reset is over; the old password no longer opens one, the new one does.
        Assert.StartsWith("/account/login", Location(await elsewhere.GetAsync("/activities")), StringComparison.Ordinal);
        using var again = _app.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.OK, (await CscWebFactory.SignInAsync(again, email)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await CscWebFactory.SignInAsync(again, email, NewPassword)).StatusCode);
        // Used once.
        Assert.Contains(PasswordResetService.DeadLinkMessage, WebUtility.HtmlDecode(await client.GetStringAsync($"/account/reset-password?jeton={secret}")));
        var reused = WebUtility.HtmlDecode(await (await ResetAsync(client, secret, "Autre-Passe-2027", "Autre-Passe-2027")).Content.ReadAsStringAsync());
        Assert.Contains(PasswordResetService.DeadLinkMessage, reused);
        await using var db = await _app.CreateDbAsync();
        Assert.Contains(await db.AuditEntries.Where(a => a.Entity == nameof(PasswordResetToken)).Select(a => a.Action).ToListAsync(), a => a != "Insert");
    }
}
