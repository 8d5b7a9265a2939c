using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using CscDashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using OtpNet;

namespace CscDashboard.Tests.Browser;

/// <summary>
/// Issue 14, point 1: docs/deploy.md § 8 followed to the letter. The environment variables and the <c>account</c>
/// command are read from the guide; the app runs as a process in Production on plain HTTP; a TLS-terminating
/// proxy (<see cref="TlsProxy"/>) sets the headers of the guide's nginx example; Chromium signs in through it,
/// enrols the administrator's second factor and reaches the home page. Only the port and the data directory are the test's own.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DeployGuideTests(BrowserFixture browser) : BrowserTest(browser)
{
    [SkippableFact]
    public async Task The_deploy_guide_followed_literally_signs_in_through_a_tls_proxy_in_production()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        var guide = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "deploy.md"));
        var environment = EnvironmentOf(Block(guide, "environnement"));
        Assert.Equal("Production", environment["ASPNETCORE_ENVIRONMENT"]);
        using var data = new ScratchDirectory("csc-deploy-guide");
        // The test's own port (AppProcess passes --urls) and data directory; every other variable as written.
        environment.Remove("ASPNETCORE_URLS");
        environment["Storage__DataDirectory"] = data.Path;

        await using var app = await AppProcess.StartAsync(environment);
        var (email, name, password) = await CreateAccountAsync(Block(guide, "compte"), environment);
        await using var proxy = await TlsProxy.StartAsync(app.Url, ProxySetHeaders(guide));

        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = proxy.Url, IgnoreHTTPSErrors = true, Locale = "fr-FR", TimezoneId = "Europe/Paris",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        try
        {
            var page = await context.NewPageAsync();
            await BrowserFixture.SignInAsync(page, email, password);
            // Production asks the administrator for a second factor (the guide says: have a phone ready). The key
            // shown on the enrolment page goes into an authenticator app, here Otp.NET.
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Activer la double authentification" })).ToBeVisibleAsync();
            var key = (await page.Locator("#authenticator-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
            await page.FillAsync("#code", new Totp(Base32Encoding.ToBytes(key)).ComputeTotp());
            await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "J'ai noté mes codes" }).ClickAsync();

            await Assertions.Expect(page.GetByText($"Bonjour {name}")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            Assert.StartsWith(proxy.Url, page.Url, StringComparison.Ordinal);
            var cookies = await context.CookiesAsync();
            Assert.True(cookies.Single(c => c.Name == "csc.auth").Secure, "le cookie de connexion doit être Secure");
            Assert.True(proxy.Requests > 0);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>The fenced block after <c>&lt;!-- DeployGuideTests: NAME --&gt;</c>.</summary>
    private static string Block(string guide, string name)
    {
        var match = Regex.Match(guide, $@"<!-- DeployGuideTests: {name} -->\s*```\w*\n(.*?)```", RegexOptions.Singleline);
        Assert.True(match.Success, $"docs/deploy.md n'a plus de bloc « {name} » pour le test");
        return match.Groups[1].Value;
    }

    private static Dictionary<string, string> EnvironmentOf(string block) =>
        block.Split('\n').Select(line => line.Split('#')[0].Trim()).Where(line => line.Length > 0)
            .Select(line => line.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1].Trim('"'));

    /// <summary>The <c>proxy_set_header</c> lines of the guide's nginx example, in order.</summary>
    private static List<(string Name, string Value)> ProxySetHeaders(string guide)
    {
        var nginx = Regex.Match(guide, @"```nginx\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        var headers = ProxySetHeader().Matches(nginx).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.Contains(headers, h => h.Item1 == "X-Forwarded-Proto");
        return headers;
    }

    [GeneratedRegex(@"^\s*proxy_set_header\s+(\S+)\s+(\S+);", RegexOptions.Multiline)]
    private static partial Regex ProxySetHeader();

    /// <summary>Runs the guide's <c>account</c> command with the app's environment; the temporary password is printed once.</summary>
    private static async Task<(string Email, string Name, string Password)> CreateAccountAsync(string block, Dictionary<string, string> environment)
    {
        var line = block.Split('\n').Single(l => l.TrimStart().StartsWith("dotnet CscDashboard.Web.dll account", StringComparison.Ordinal));
        var words = Regex.Matches(line, "\"([^\"]*)\"|(\\S+)").Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToList();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CscDashboard.Web.dll"));
        foreach (var word in words.Skip(2))
        {
            info.ArgumentList.Add(word);
        }
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await output + await errors);
        var password = (await output).Split('\n').Single(l => l.StartsWith("Mot de passe provisoire", StringComparison.Ordinal)).Split(" : ")[1].Trim();
        return (words[words.IndexOf("--email") + 1], words[words.IndexOf("--name") + 1], password);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CscDashboard.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("CscDashboard.sln est introuvable.");
    }
}
