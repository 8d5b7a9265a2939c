using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CscDashboard.Core.Common;
using CscDashboard.Tests.Infrastructure;

namespace CscDashboard.Tests.Web;

public sealed partial class SecurityHardeningTests : IClassFixture<CscWebFactory>
{
    private readonly CscWebFactory _app;

    public SecurityHardeningTests(CscWebFactory app) => _app = app;

    [Fact]
    public async Task Pages_carry_a_strict_content_security_policy_whose_nonce_matches_the_import_map()
    {
        await _app.AddUserAsync("csp@test.csc", Roles.Coordinator, "ART");
        using var client = _app.CreateBrowserlikeClient();
        await CscWebFactory.SignInAsync(client, "csp@test.csc");

        var first = await client.GetAsync("/");
        var second = await client.GetAsync("/");

        var policy = Assert.Single(first.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("object-src 'none'", policy);
        Assert.Contains("default-src 'self'", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        var scripts = policy.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith("script-src", StringComparison.Ordinal));
        Assert.DoesNotContain("unsafe-inline", scripts);
        var nonce = NonceIn().Match(scripts).Groups[1].Value;
        Assert.NotEmpty(nonce);
        // The one inline script of the page (the import map) carries this response's nonce, and a new one each time.
        Assert.Contains($"nonce=\"{nonce}\"", await first.Content.ReadAsStringAsync());
        Assert.NotEqual(policy, Assert.Single(second.Headers.GetValues("Content-Security-Policy")));
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/health")]
    public async Task Every_response_forbids_sniffing_framing_and_leaking_the_referrer(string path)
    {
        using var client = _app.CreateBrowserlikeClient();
        var response = await client.GetAsync(path);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Cookies_are_http_only_and_same_site()
    {
        await _app.AddUserAsync("cookies@test.csc", Roles.Coordinator, "ART");
        using var client = _app.CreateBrowserlikeClient();
        var form = await client.GetAsync("/account/login");
        var signIn = await CscWebFactory.SignInAsync(client, "cookies@test.csc");

        var cookies = form.Headers.GetValues("Set-Cookie").Concat(signIn.Headers.GetValues("Set-Cookie")).ToList();
        var auth = Assert.Single(cookies, c => c.StartsWith("csc.auth=", StringComparison.Ordinal));
        var antiforgery = Assert.Single(cookies, c => c.StartsWith("csc.antiforgery=", StringComparison.Ordinal));
        foreach (var cookie in new[] { auth, antiforgery })
        {
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Matches("samesite=(lax|strict)", cookie.ToLowerInvariant());
        }
    }

    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_are_refused_with_a_french_message()
    {
        await using var app = new CscWebFactory { SignInAttemptsPerMinute = 3 };
        await app.AddUserAsync("limited@test.csc", Roles.Coordinator, "ART");
        using var client = app.CreateBrowserlikeClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await CscWebFactory.SignInAsync(client, "limited@test.csc", "mauvais")).StatusCode);
        }

        var refused = await CscWebFactory.SignInAsync(client, "limited@test.csc");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Trop de tentatives de connexion", await refused.Content.ReadAsStringAsync());
        // Reading pages is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
    }

    [Fact]
    public void The_shipped_settings_hold_no_secret()
    {
        var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "appsettings.json")));
        var secrets = new List<string>();
        Walk(settings.RootElement, "", secrets);
        Assert.Empty(secrets);
    }

    private static void Walk(JsonElement element, string path, List<string> secrets)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                var name = $"{path}:{property.Name}";
                if (SecretName().IsMatch(name) && property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 })
                {
                    secrets.Add(name);
                }
                Walk(property.Value, name, secrets);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Walk(item, path, secrets);
            }
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CscDashboard.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("CscDashboard.sln introuvable");
    }

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex NonceIn();

    [GeneratedRegex("password|secret|apikey|token|connectionstring", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
