using System.Net;
using System.Text.RegularExpressions;
using CscDashboard.Core.Common;
using CscDashboard.Core.Notifications;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CscDashboard.Tests.Web;

/// <summary>
/// The one-click unsubscribe link of a mail (issue 19 point 9): signed, works without signing in, opening it changes
/// nothing (mail scanners open links), the click turns that one kind off; an altered token does nothing.
/// </summary>
public sealed partial class UnsubscribePageTests(CscWebFactory app) : IClassFixture<CscWebFactory>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private static async Task<HttpResponseMessage> ClickAsync(HttpClient client, string token)
    {
        // Any page's antiforgery token will do (the page of a bad link has no form).
        var page = await client.GetStringAsync("/account/login");
        return await client.PostAsync("/account/notifications/unsubscribe", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "unsubscribe",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value),
            ["T"] = token,
        }));
    }

    private async Task<List<MailKind>> OptOutsAsync(string userId)
    {
        await using var db = await app.CreateDbAsync();
        return await db.MailOptOuts.Where(o => o.UserId == userId).Select(o => o.Kind).ToListAsync();
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var db = await app.CreateDbAsync();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    [Fact]
    public async Task The_link_of_a_mail_turns_its_kind_off_with_one_click_without_signing_in()
    {
        var email = $"desinscription-{Guid.NewGuid():N}@test.csc";
        await app.AddUserAsync(email, Roles.Committee);
        var userId = await UserIdAsync(email);
        using var scope = app.Services.CreateScope();
        var url = scope.ServiceProvider.GetRequiredService<UnsubscribeLinks>().Url(userId, MailKind.NewReport);
        var token = Uri.UnescapeDataString(url[(url.IndexOf("?t=", StringComparison.Ordinal) + 3)..]);
        using var client = app.CreateBrowserlikeClient();

        var opened = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri(url).PathAndQuery));
        Assert.Contains("Ne plus recevoir « Nouveau bilan disponible » par courriel ?", opened);
        Assert.Empty(await OptOutsAsync(userId));

        var done = await ClickAsync(client, token);

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("C'est fait : vous ne recevrez plus « Nouveau bilan disponible » par courriel.",
            WebUtility.HtmlDecode(await done.Content.ReadAsStringAsync()));
        Assert.Equal([MailKind.NewReport], await OptOutsAsync(userId));
        await ClickAsync(client, token);
        Assert.Equal([MailKind.NewReport], await OptOutsAsync(userId));
    }

    [Fact]
    public async Task An_altered_or_foreign_token_changes_nothing()
    {
        var email = $"altere-{Guid.NewGuid():N}@test.csc";
        await app.AddUserAsync(email, Roles.Committee);
        var userId = await UserIdAsync(email);
        using var scope = app.Services.CreateScope();
        var token = scope.ServiceProvider.GetRequiredService<UnsubscribeLinks>().Token(userId, MailKind.NewReport);
        var altered = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        using var client = app.CreateBrowserlikeClient();

        foreach (var bad in new[] { altered, $"{userId}|NewReport", "" })
        {
            var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/account/notifications/unsubscribe?t={Uri.EscapeDataString(bad)}"));
            Assert.Contains(NotificationPreferencesService.BadLinkMessage, page);
            var response = await ClickAsync(client, bad);
            Assert.Contains(NotificationPreferencesService.BadLinkMessage, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }
        Assert.Empty(await OptOutsAsync(userId));
    }
}
