using CscDashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CscDashboard.Tests.Browser;

/// <summary>
/// The app on Kestrel (loopback) and Debian's Chromium driven by Playwright, shared by the browser
/// tests. Nothing is downloaded: Chromium is /usr/bin/chromium (CHROMIUM_PATH overrides).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    /// <summary>Browser tests may skip only when Chromium is absent outside CI; under CI they must run.</summary>
    public static bool ShouldSkip => !File.Exists(ChromiumPath) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    private IPlaywright? _playwright;

    public CscWebFactory App { get; } = new();
    public string BaseUrl { get; private set; } = "";
    public IBrowser? Browser { get; private set; }

    public async Task InitializeAsync()
    {
        BaseUrl = App.StartKestrel();
        if (ShouldSkip)
        {
            return;
        }
        // Circuits start slower on a loaded 2-core CI machine than the 5 s default allows.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchAsync(_playwright);
    }

    /// <summary>Debian's Chromium, headless, as every browser test runs it.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ChromiumPath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=fr-FR"],
    });

    /// <summary>
    /// A page in a new browser context (its own cookies), on the shared app or on <paramref name="baseUrl"/>;
    /// <paramref name="hasTouch"/> makes it a touch screen (taps).
    /// </summary>
    public async Task<IPage> NewPageAsync(int width, int height, string? baseUrl = null, bool hasTouch = false)
    {
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl ?? BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
            HasTouch = hasTouch,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the real page and waits for the interactive home page.</summary>
    public static async Task SignInAsync(IPage page, string email, string password = CscWebFactory.Password)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    /// <summary>
    /// Waits until Blazor's InputFile in the open dialog is wired (its script marks the element): files set
    /// on the input before that are never reported to the server.
    /// </summary>
    public static Task WaitForFileInputAsync(IPage page) =>
        page.WaitForFunctionAsync("() => document.querySelector('.mud-dialog input[type=file]')?._blazorInputFileNextFileId !== undefined");

    public static string ScreenshotPath(string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
