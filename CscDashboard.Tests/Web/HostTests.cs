using System.Net;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CscDashboard.Tests.Web;

public sealed class HostTests : IClassFixture<CscWebFactory>
{
    private readonly CscWebFactory _app;

    public HostTests(CscWebFactory app) => _app = app;

    [Fact]
    public async Task The_app_starts_on_an_empty_data_directory_and_applies_migrations()
    {
        using var client = _app.CreateClient();
        var health = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var body = await health.Content.ReadAsStringAsync();
        Assert.Contains("\"database\":{\"status\":\"Healthy\"", body);
        Assert.Contains("\"hangfire\":{\"status\":\"Healthy\"", body);
        if (TestDatabase.OnPostgres)
        {
            Assert.False(File.Exists(Path.Combine(_app.DataDirectory, "csc.db")), "on PostgreSQL no SQLite file is created");
        }
        else
        {
            Assert.True(File.Exists(Path.Combine(_app.DataDirectory, "csc.db")), "the database is in the configured data directory");
            Assert.True(File.Exists(Path.Combine(_app.DataDirectory, "hangfire.db")));
        }
        await using var scope = _app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(10, await db.Territories.CountAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/admin/users")]
    public async Task An_anonymous_request_is_sent_to_sign_in(string path)
    {
        using var client = _app.CreateBrowserlikeClient();
        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_page_is_in_french()
    {
        using var client = _app.CreateBrowserlikeClient();
        var page = await client.GetStringAsync("/account/login");

        Assert.Contains("<html lang=\"fr\">", page);
        Assert.Contains("Mot de passe", page);
        Assert.Contains("Se connecter", page);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_french_message()
    {
        await _app.AddUserAsync("wrong-pass@test.csc", Roles.Coordinator, "ART");
        using var client = _app.CreateBrowserlikeClient();

        var response = await CscWebFactory.SignInAsync(client, "wrong-pass@test.csc", "pas-le-bon");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Adresse e-mail ou mot de passe incorrect.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_even_with_the_right_password()
    {
        await _app.AddUserAsync("locked@test.csc", Roles.Coordinator, "ART");
        using var client = _app.CreateBrowserlikeClient();
        for (var i = 0; i < 5; i++)
        {
            await CscWebFactory.SignInAsync(client, "locked@test.csc", "mauvais-" + i);
        }

        var response = await CscWebFactory.SignInAsync(client, "locked@test.csc");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("temporairement verrouillé", html);
        Assert.DoesNotContain(CscWebFactory.Password, html);
    }

    [Fact]
    public async Task The_hangfire_dashboard_is_refused_to_a_non_admin_and_served_to_the_admin()
    {
        await _app.AddUserAsync("lead-hf@test.csc", Roles.ProjectLead);
        await _app.AddUserAsync("admin-hf@test.csc", Roles.Admin);

        using var lead = _app.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await CscWebFactory.SignInAsync(lead, "lead-hf@test.csc")).StatusCode);
        var refused = await lead.GetAsync("/hangfire");
        Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"got {refused.StatusCode}");
        if (refused.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/account/access-denied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        using var admin = _app.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await CscWebFactory.SignInAsync(admin, "admin-hf@test.csc")).StatusCode);
        var served = await admin.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains("Hangfire", await served.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_signed_in_coordinator_is_sent_home_and_gets_the_app_shell()
    {
        await _app.AddUserAsync("coord-home@test.csc", Roles.Coordinator, "DOU");
        using var client = _app.CreateBrowserlikeClient();

        var signIn = await CscWebFactory.SignInAsync(client, "coord-home@test.csc");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", new Uri(new Uri("http://localhost"), signIn.Headers.Location!).AbsolutePath);

        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        // Pages are not prerendered: the shell loads the interactive app (its content is checked in the browser tests).
        var html = await home.Content.ReadAsStringAsync();
        Assert.Contains("_framework/blazor.web", html);
        Assert.Contains("Chargement…", html);
    }

    [Fact]
    public async Task The_admin_users_page_is_refused_to_a_coordinator()
    {
        await _app.AddUserAsync("coord-admin@test.csc", Roles.Coordinator, "DOU");
        using var client = _app.CreateBrowserlikeClient();
        await CscWebFactory.SignInAsync(client, "coord-admin@test.csc");

        var response = await client.GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_finance_page_is_refused_to_the_committee_and_served_to_a_coordinator()
    {
        await _app.AddUserAsync("committee-finance@test.csc", Roles.Committee);
        await _app.AddUserAsync("coord-finance-host@test.csc", Roles.Coordinator, "SAM");
        using var committee = _app.CreateBrowserlikeClient();
        await CscWebFactory.SignInAsync(committee, "committee-finance@test.csc");
        using var coordinator = _app.CreateBrowserlikeClient();
        await CscWebFactory.SignInAsync(coordinator, "coord-finance-host@test.csc");

        var refused = await committee.GetAsync("/finance");
        var served = await coordinator.GetAsync("/finance");

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/access-denied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains("_framework/blazor.web", await served.Content.ReadAsStringAsync()); // not prerendered: the content is checked in the browser
    }

    [Fact]
    public async Task Sign_out_without_an_antiforgery_token_is_refused()
    {
        await _app.AddUserAsync("logout@test.csc", Roles.Committee);
        using var client = _app.CreateBrowserlikeClient();
        await CscWebFactory.SignInAsync(client, "logout@test.csc");

        var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }
}
