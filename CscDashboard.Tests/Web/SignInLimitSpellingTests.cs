using System.Net;
using System.Text.RegularExpressions;
using CscDashboard.Core.Common;
using CscDashboard.Tests.Infrastructure;

namespace CscDashboard.Tests.Web;

/// <summary>
/// Issue 14, point 2: the sign-in limit belongs to the sign-in endpoint, whatever the spelling of the URL that
/// reaches it. On Kestrel (the real server, which resolves dot segments and decodes the path), with the URL sent
/// byte for byte; each spelling is a client of its own behind the loopback proxy (X-Forwarded-For), so that
/// each starts with its full allowance.
/// </summary>
public sealed partial class SignInLimitSpellingTests : IClassFixture<SignInLimitSpellingTests.LimitedApp>
{
    private const int Limit = 2;

    private readonly LimitedApp _app;

    public SignInLimitSpellingTests(LimitedApp app) => _app = app;

    public sealed class LimitedApp : IAsyncLifetime
    {
        private int _client;

        public CscWebFactory App { get; } = new() { SignInAttemptsPerMinute = Limit };

        public string BaseUrl { get; private set; } = "";

        /// <summary>A new client address (documentation range) for each caller.</summary>
        public string NextClient() => $"203.0.113.{Interlocked.Increment(ref _client)}";

        public Task InitializeAsync()
        {
            BaseUrl = App.StartKestrel();
            return Task.CompletedTask;
        }

        /// <summary>An account of its own for each caller: Identity's lockout (5 failures) must not answer instead of the limit.</summary>
        public async Task<string> NewAccountAsync()
        {
            var email = $"spelling-{Guid.NewGuid():N}@test.csc";
            await App.AddUserAsync(email, Roles.Coordinator, "ART");
            return email;
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    public static TheoryData<string> SpellingsOfTheSignInPage => new(
        "/account/login",
        "/account/login/",
        "/ACCOUNT/LOGIN",
        "/Account/Login/",
        "/account/login/.",
        "/account/./login",
        "/account/autre/../login",
        "/account/%6Cogin",
        "/%61ccount/login",
        "/account/login?returnUrl=%2F",
        "/account/login/?x=1");

    [Theory]
    [MemberData(nameof(SpellingsOfTheSignInPage))]
    public async Task Every_spelling_of_the_sign_in_page_shares_the_limit(string spelling)
    {
        using var client = NewClient(_app.NextClient());
        var email = await _app.NewAccountAsync();
        for (var attempt = 0; attempt < Limit; attempt++)
        {
            var allowed = await PostSignInAsync(client, spelling, email, "mauvais");
            Assert.True(allowed.StatusCode == HttpStatusCode.OK, $"{spelling} (essai {attempt + 1}) : {(int)allowed.StatusCode}");
            Assert.Contains("Adresse e-mail ou mot de passe incorrect.", await allowed.Content.ReadAsStringAsync());
        }

        var refused = await PostSignInAsync(client, spelling, email, CscWebFactory.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        // The plain spelling is refused too: one limit for the endpoint, not one per URL.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostSignInAsync(client, "/account/login", email, CscWebFactory.Password)).StatusCode);
        // Reading pages is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Raw("/account/login"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Raw("/health"))).StatusCode);
    }

    /// <summary>
    /// Spellings that do not reach the sign-in page at all (Kestrel keeps an encoded slash, routing keeps empty segments):
    /// the right password signs nobody in there (a page that does not exist sends to the sign-in page).
    /// </summary>
    [Theory]
    [InlineData("/account%2Flogin")]
    [InlineData("/account%2flogin")]
    [InlineData("/account/login%2F")]
    [InlineData("//account/login")]
    [InlineData("/account//login")]
    public async Task Spellings_that_do_not_reach_the_sign_in_page_sign_nobody_in(string spelling)
    {
        using var client = NewClient(_app.NextClient());
        var email = await _app.NewAccountAsync();
        for (var attempt = 0; attempt <= Limit; attempt++)
        {
            var response = await PostSignInAsync(client, spelling, email, CscWebFactory.Password);
            var location = response.Headers.Location?.OriginalString ?? "";
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest
                || (response.StatusCode == HttpStatusCode.Redirect && location.Contains("/account/login?", StringComparison.Ordinal)),
                $"{spelling} : {(int)response.StatusCode} {location}");
            Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("csc.auth=", StringComparison.Ordinal)));
        }
    }

    /// <summary>
    /// The second step of a sign-in (code, enrolment) shares the sign-in allowance: codes cannot be guessed faster than
    /// passwords; so do the password reset's forms (no flood of mails, no guessing of links).
    /// </summary>
    [Theory]
    [InlineData("/account/login-2fa")]
    [InlineData("/account/two-factor/enrol")]
    [InlineData("/account/forgot-password")]
    [InlineData("/account/reset-password")]
    public async Task The_second_factor_and_password_reset_steps_share_the_limit(string path)
    {
        using var client = NewClient(_app.NextClient());
        for (var attempt = 0; attempt < Limit; attempt++)
        {
            var allowed = await client.PostAsync(Raw(path), new FormUrlEncodedContent([]));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, allowed.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsync(Raw(path), new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsync(Raw(path.ToUpperInvariant() + "/"), new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Raw("/account/login"))).StatusCode);
    }

    [Fact]
    public async Task Other_forms_and_pages_are_not_limited()
    {
        using var client = NewClient(_app.NextClient());
        var email = await _app.NewAccountAsync();
        for (var attempt = 0; attempt < Limit; attempt++)
        {
            await PostSignInAsync(client, "/account/login", email, "mauvais");
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostSignInAsync(client, "/account/login", email, "mauvais")).StatusCode);

        // Another form (sign-out, anonymous here) gives its own answer, the way to the sign-in page, not 429; pages still answer.
        for (var attempt = 0; attempt <= Limit; attempt++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync(Raw("/account/logout"), new FormUrlEncodedContent([]))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Raw("/account/login"))).StatusCode);
        }
    }

    private HttpClient NewClient(string clientAddress)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true })
        {
            BaseAddress = new Uri(_app.BaseUrl),
        };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        return client;
    }

    /// <summary>The URL as written: no dot-segment removal nor unescaping by System.Uri on the way out.</summary>
    private Uri Raw(string path) => new(_app.BaseUrl + path, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

    /// <summary>The form's token from the plain page, then the POST to <paramref name="spelling"/>.</summary>
    private async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string spelling, string email, string password)
    {
        var page = await client.GetStringAsync(Raw("/account/login"));
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return await client.PostAsync(Raw(spelling), form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
