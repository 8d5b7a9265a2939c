using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Users;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Activities;
using CscDashboard.Web.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CscDashboard.Tests.Web;

/// <summary>
/// The offline entry's endpoints (issue 22, ADR 032): the context the page keeps on the phone, and the sync that answers each
/// entry on its own — created once, already received, or refused with its French reason — behind the sign-in cookie and an
/// antiforgery token; a script without a session gets a 401 it can read, never the sign-in page.
/// </summary>
public sealed class QuickEntryEndpointTests(CscWebFactory app) : IClassFixture<CscWebFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Answer(string Key, string Status, int? ActivityId, string? Reason, Dictionary<string, string[]>? Errors);

    private sealed record SyncAnswer(List<Answer> Results);

    private sealed record Problem(string Title, int Status, string Detail);

    /// <summary>A coordinator of ART signed in on a browser-like client, with the page's context (its antiforgery token).</summary>
    private async Task<(HttpClient Client, QuickEntryContext Context)> CoordinatorAsync(string email)
    {
        await app.EnsureOperationForTodayAsync();
        await app.AddUserAsync(email, Roles.Coordinator, "ART");
        var client = app.CreateBrowserlikeClient();
        await CscWebFactory.SignInAsync(client, email);
        var response = await client.GetAsync(QuickEntryEndpoints.ContextPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        return (client, (await response.Content.ReadFromJsonAsync<QuickEntryContext>(Json))!);
    }

    private static HttpRequestMessage Sync(string? token, params object[] entries)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, QuickEntryEndpoints.SyncPath) { Content = JsonContent.Create(new { entries }) };
        if (token is not null)
        {
            request.Headers.Add("RequestVerificationToken", token);
        }
        return request;
    }

    private static object Entry(Guid key, int territoryId, string title, int duration = 45, string type = "CentreSupport") => new
    {
        key = key.ToString(), date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), territoryId, type, format = "Visit", place = "InCentre",
        title, durationMinutes = duration, inhabitantCount = 0, professionalCount = 2, volunteerCount = 0, partnerCount = 0,
        centreIds = Array.Empty<int>(), notes = "Saisi hors connexion",
    };

    private async Task<int> CountAsync(string title)
    {
        await using var db = await app.CreateDbAsync();
        return await db.Activities.CountAsync(a => a.Title == title);
    }

    [Fact]
    public async Task The_context_holds_the_coordinators_territories_and_centres_and_nothing_of_other_territories()
    {
        var arras = await app.AddCentreAsync("ART", "Centre social d'Arras (contexte)");
        await app.AddCentreAsync("LIL", "Centre social de Lille (contexte)");
        var (client, context) = await CoordinatorAsync("coord-context@test.csc");
        using var _ = client;

        await using var db = await app.CreateDbAsync();
        var art = await db.Territories.SingleAsync(t => t.Code == "ART");
        Assert.Equal([new QuickEntryTerritory(art.Id, art.Name)], context.Territories);
        Assert.Equal(art.Id, context.TerritoryId);
        Assert.Equal("coord-context", context.User.Name);
        Assert.Contains(context.Centres, c => c.Id == arras && c.TerritoryId == art.Id);
        Assert.All(context.Centres, c => Assert.Equal(art.Id, c.TerritoryId));
        Assert.Contains(context.Operations, o => o.Start == "2021-09-01" && o.End == "2023-12-31");
        Assert.True(DateOnly.TryParseExact(context.Today, "yyyy-MM-dd", out var today), context.Today);
        Assert.NotEqual(default, today);
        Assert.False(string.IsNullOrEmpty(context.Token));
    }

    [Fact]
    public async Task Each_entry_is_answered_on_its_own_and_a_replay_creates_nothing_new()
    {
        var (client, context) = await CoordinatorAsync("coord-sync@test.csc");
        using var _ = client;
        await using (var db = await app.CreateDbAsync())
        {
            var lille = await db.Territories.Where(t => t.Code == "LIL").Select(t => t.Id).SingleAsync();
            var (good, bad, outside) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
            object[] entries =
            [
                Entry(good, context.TerritoryId!.Value, "Visite synchronisée"),
                Entry(bad, context.TerritoryId!.Value, "Visite trop longue", duration: 721),
                Entry(outside, lille, "Visite à Lille"),
            ];

            var first = await client.SendAsync(Sync(context.Token, entries));
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.True(first.Headers.CacheControl?.NoStore);
            var answers = (await first.Content.ReadFromJsonAsync<SyncAnswer>(Json))!.Results;

            Assert.Equal([good.ToString(), bad.ToString(), outside.ToString()], answers.Select(a => a.Key));
            Assert.Equal(QuickEntryResult.Created, answers[0].Status);
            var created = await db.Activities.SingleAsync(a => a.Title == "Visite synchronisée");
            Assert.Equal((created.Id, good, "Saisi hors connexion"), (answers[0].ActivityId!.Value, created.IdempotencyKey!.Value, created.Notes));
            Assert.Equal(QuickEntryResult.Refused, answers[1].Status);
            Assert.Equal("La durée doit être comprise entre 5 minutes et 12 heures.", answers[1].Reason);
            Assert.Equal(["La durée doit être comprise entre 5 minutes et 12 heures."], answers[1].Errors![nameof(ActivityInput.DurationMinutes)]);
            Assert.Equal(QuickEntryResult.Refused, answers[2].Status);
            Assert.Equal("Vous ne pouvez pas modifier les données d'un territoire qui ne vous est pas attribué.", answers[2].Reason);
            Assert.Equal(0, await CountAsync("Visite trop longue") + await CountAsync("Visite à Lille"));

            // The phone did not get the answer (the connection dropped) and sends the same batch again.
            var replay = (await (await client.SendAsync(Sync(context.Token, entries))).Content.ReadFromJsonAsync<SyncAnswer>(Json))!.Results;
            Assert.Equal(new Answer(good.ToString(), QuickEntryResult.Duplicate, created.Id, null, null), replay[0]);
            Assert.Equal([QuickEntryResult.Refused, QuickEntryResult.Refused], replay.Skip(1).Select(a => a.Status));
            Assert.Equal(1, await CountAsync("Visite synchronisée"));
        }
    }

    [Fact]
    public async Task An_unreadable_value_refuses_its_entry_only()
    {
        var (client, context) = await CoordinatorAsync("coord-unreadable@test.csc");
        using var _ = client;
        var readable = Guid.NewGuid();

        var answers = (await (await client.SendAsync(Sync(context.Token,
            new { key = "pas-une-clé", date = "31/02/2025", territoryId = context.TerritoryId, type = "Inconnu", format = "Visit", place = "InCentre", title = "Illisible", durationMinutes = 30 },
            Entry(readable, context.TerritoryId!.Value, "Visite lisible")))).Content.ReadFromJsonAsync<SyncAnswer>(Json))!.Results;

        Assert.Equal(QuickEntryResult.Refused, answers[0].Status);
        Assert.Equal([nameof(ActivityInput.Date), "IdempotencyKey", nameof(ActivityInput.Type)], answers[0].Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("La date est illisible", answers[0].Reason);
        Assert.Equal(QuickEntryResult.Created, answers[1].Status);
    }

    [Fact]
    public async Task A_sync_without_the_antiforgery_token_is_refused_in_french_and_writes_nothing()
    {
        var (client, context) = await CoordinatorAsync("coord-token@test.csc");
        using var _ = client;

        var response = await client.SendAsync(Sync(token: null, Entry(Guid.NewGuid(), context.TerritoryId!.Value, "Visite sans jeton")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(QuickEntryEndpoints.BadTokenMessage, (await response.Content.ReadFromJsonAsync<Problem>(Json))!.Detail);
        Assert.Equal(0, await CountAsync("Visite sans jeton"));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task Without_a_session_the_script_gets_a_401_with_a_french_message_not_the_sign_in_page(string method)
    {
        using var client = app.CreateBrowserlikeClient();
        var path = method == "GET" ? QuickEntryEndpoints.ContextPath : QuickEntryEndpoints.SyncPath;

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? JsonContent.Create(new { entries = Array.Empty<object>() }) : null });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal(ScriptEndpoints.SignInMessage, (await response.Content.ReadFromJsonAsync<Problem>(Json))!.Detail);
    }

    [Fact]
    public async Task A_session_closed_since_the_page_opened_gets_the_401_too()
    {
        var (client, context) = await CoordinatorAsync("coord-expired@test.csc");
        using var _ = client;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await using var db = await app.CreateDbAsync();
            var userId = await db.Users.Where(u => u.Email == "coord-expired@test.csc").Select(u => u.Id).SingleAsync();
            await scope.ServiceProvider.GetRequiredService<UserSessionService>().EndAllAsync(userId);
        }

        var response = await client.SendAsync(Sync(context.Token, Entry(Guid.NewGuid(), context.TerritoryId!.Value, "Visite après expiration")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await CountAsync("Visite après expiration"));
    }

    [Fact]
    public async Task The_committee_is_refused_with_a_403_it_can_read()
    {
        using var client = await app.SignedInClientAsync(Roles.Committee);

        var response = await client.GetAsync(QuickEntryEndpoints.ContextPath);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ScriptEndpoints.DeniedMessage, (await response.Content.ReadFromJsonAsync<Problem>(Json))!.Detail);
    }

    [Fact]
    public async Task The_offline_page_is_the_same_for_everyone_and_carries_the_servers_rules_and_messages()
    {
        using var anonymous = app.CreateBrowserlikeClient();
        var (coordinator, context) = await CoordinatorAsync("coord-shell@test.csc");
        using var _ = coordinator;

        var forAnyone = await anonymous.GetAsync(QuickEntryEndpoints.PagePath);
        var forTheCoordinator = await coordinator.GetStringAsync(QuickEntryEndpoints.PagePath);

        Assert.Equal(HttpStatusCode.OK, forAnyone.StatusCode);
        Assert.True(forAnyone.Headers.CacheControl?.NoCache);
        var html = await forAnyone.Content.ReadAsStringAsync();
        Assert.Equal(html, forTheCoordinator); // nothing of the signed-in user in it: the service worker may keep it
        Assert.DoesNotContain(context.User.Name, html, StringComparison.Ordinal);
        Assert.Contains("<h1 class=\"quick-title\">Saisie hors connexion</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"PublicAction\">Action grand public</option>", html, StringComparison.Ordinal);
        var rules = JsonDocument.Parse(System.Text.RegularExpressions.Regex.Match(html, "<script type=\"application/json\" id=\"quick-rules\">(.*?)</script>").Groups[1].Value).RootElement;
        Assert.Equal(ActivityRules.MaxDuration, rules.GetProperty("maxDuration").GetInt32());
        Assert.Equal(ActivityRules.DurationOutOfRange, rules.GetProperty("messages").GetProperty("duration").GetString());
        Assert.Equal(ActivityRules.PublicActionNeedsCentre, rules.GetProperty("messages").GetProperty("publicCentre").GetString());
    }

    [Fact]
    public async Task Everything_the_service_worker_keeps_opens_without_a_session_and_nothing_else_is_in_its_list()
    {
        using var anonymous = app.CreateBrowserlikeClient();
        var worker = await anonymous.GetStringAsync("/sw.js");
        var shell = System.Text.RegularExpressions.Regex.Match(worker, @"const SHELL = \[(.*?)\];", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        var paths = System.Text.RegularExpressions.Regex.Matches(shell, "\"(/[^\"]*)\"").Select(m => m.Groups[1].Value).Append("/offline.html").ToList();

        Assert.Contains("/activities/quick", paths);
        foreach (var path in paths)
        {
            var response = await anonymous.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        }
        // No data endpoint, page of the app or download among them.
        Assert.DoesNotContain(paths, p => p.StartsWith("/activities/quick/", StringComparison.Ordinal) || p.StartsWith("/api", StringComparison.Ordinal) || p == "/");
        var manifest = await anonymous.GetAsync("/manifest.webmanifest");
        Assert.Equal("application/manifest+json", manifest.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await manifest.Content.ReadAsStringAsync());
        Assert.Equal("fr-FR", document.RootElement.GetProperty("lang").GetString());
        Assert.Equal("/", document.RootElement.GetProperty("start_url").GetString());
        foreach (var icon in document.RootElement.GetProperty("icons").EnumerateArray())
        {
            var bytes = await anonymous.GetByteArrayAsync(icon.GetProperty("src").GetString());
            if (icon.GetProperty("type").GetString() == "image/png")
            {
                var size = int.Parse(icon.GetProperty("sizes").GetString()!.Split('x')[0], CultureInfo.InvariantCulture);
                Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
                Assert.Equal(size, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4))); // IHDR width
            }
        }
    }

    [Fact]
    public async Task A_page_still_sends_a_signed_out_browser_to_the_sign_in_page()
    {
        using var client = app.CreateBrowserlikeClient();

        var response = await client.GetAsync("/activities");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
