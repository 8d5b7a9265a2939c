using CscDashboard.Core.Data.Seeding;
using CscDashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
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
    /// <paramref name="hasTouch"/> makes it a touch screen (taps); <paramref name="configure"/> sets further
    /// context options (bypassing the CSP for an injected test script, a device scale factor, reduced motion).
    /// </summary>
    public async Task<IPage> NewPageAsync(int width, int height, string? baseUrl = null, bool hasTouch = false,
        Action<BrowserNewContextOptions>? configure = null)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = baseUrl ?? BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
            HasTouch = hasTouch,
        };
        configure?.Invoke(options);
        var context = await NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    private readonly List<IBrowserContext> _contexts = [];

    /// <summary>A browser context that <see cref="CloseContextsAsync"/> closes when the test ends (<see cref="BrowserTest"/>).</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options)
    {
        var context = await Browser!.NewContextAsync(options);
        lock (_contexts)
        {
            _contexts.Add(context);
        }
        context.Close += (_, _) =>
        {
            lock (_contexts)
            {
                _contexts.Remove(context);
            }
        };
        return context;
    }

    /// <summary>Closes the contexts the ended test left open: their pages' circuits, live refreshes and renderer processes with them.</summary>
    public async Task CloseContextsAsync()
    {
        IBrowserContext[] open;
        lock (_contexts)
        {
            open = [.. _contexts];
        }
        foreach (var context in open)
        {
            await context.CloseAsync();
        }
    }

    private readonly SemaphoreSlim _demoStart = new(1, 1);
    private CscWebFactory? _demo;

    /// <summary>The address of <see cref="DemoAppAsync"/>'s host, once started.</summary>
    public string DemoBaseUrl { get; private set; } = "";

    /// <summary>
    /// A second app host with the demo data and accounts (password <see cref="CoreTestContext.DemoPassword"/>),
    /// started on first use and shared by the tests that need a full, realistic data set (the accessibility
    /// scan). It is not the shared <see cref="App"/>: the journeys there count rows they created themselves.
    /// </summary>
    public async Task<CscWebFactory> DemoAppAsync()
    {
        await _demoStart.WaitAsync();
        try
        {
            if (_demo is null)
            {
                var demo = new CscWebFactory();
                DemoBaseUrl = demo.StartKestrel();
                await using (var scope = demo.Services.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(CoreTestContext.DemoPassword);
                }
                _demo = demo;
            }
            return _demo;
        }
        finally
        {
            _demoStart.Release();
        }
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

    /// <summary>
    /// Screenshots are for a person looking at the pages after a local run (in <c>bin/…/screenshots</c>); under CI nobody
    /// opens them, and each capture costs the suite time, so they are not taken there.
    /// </summary>
    private static bool TakesScreenshots => string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    public static Task ScreenshotAsync(IPage page, string name, bool fullPage = false) =>
        TakesScreenshots ? page.ScreenshotAsync(new() { Path = ScreenshotPath(name), FullPage = fullPage }) : Task.CompletedTask;

    public static Task ScreenshotAsync(ILocator element, string name) =>
        TakesScreenshots ? element.ScreenshotAsync(new() { Path = ScreenshotPath(name) }) : Task.CompletedTask;

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
        if (_demo is not null)
        {
            await _demo.DisposeAsync();
        }
        _demoStart.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// The accessibility scan's own browser and hosts: its walk (four minutes of page loads and axe runs) goes on beside the
/// journeys of <see cref="BrowserCollection"/>, which run one after another, instead of after them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AccessibilityCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "accessibility";
}
