using System.Net;
using System.Text.RegularExpressions;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Data;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Core.Network;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Users;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CscDashboard.Tests.Infrastructure;

/// <summary>
/// The real app on a fresh temporary data directory, without the Hangfire server (NOTES.md) unless
/// <see cref="HangfireServer"/> is set, and without demo data. <see cref="StartKestrel"/> serves it on
/// a loopback port for the browser.
/// </summary>
public sealed partial class CscWebFactory : WebApplicationFactory<Program>
{
    public const string Password = CoreTestContext.Password;

    /// <summary>
    /// Runs a Hangfire server (1 s polling) on this host's own hangfire.db, for the journeys that follow
    /// a job from the page to its result through the real queue, worker and job activator.
    /// </summary>
    public bool HangfireServer { get; init; }

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "csc-web-tests", Guid.NewGuid().ToString("N"));

    /// <summary>This host's own PostgreSQL database when the tests run on PostgreSQL (<see cref="TestDatabase.OnPostgres"/>).</summary>
    private PostgresTestDatabase? _postgres;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        // A line per request on the console and in the log file costs the whole suite CPU time: tests keep warnings and errors.
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        if (TestDatabase.OnPostgres)
        {
            _postgres ??= TestDatabase.CreatePostgres();
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Postgres", _postgres.ConnectionString);
        }
        else
        {
            Task.Run(() => CoreTestContext.CopySqliteTemplateAsync(Path.Combine(DataDirectory, "csc.db"))).GetAwaiter().GetResult();
        }
        builder.UseSetting("Hangfire:ServerEnabled", HangfireServer ? "true" : "false");
        builder.UseSetting("Hangfire:PollIntervalSeconds", "1");
        builder.UseSetting("Seed:Demo", "false");
        builder.UseSetting("Security:SignInAttemptsPerMinute", SignInAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (RequireTwoFactorForRoles is { } roles)
        {
            builder.UseSetting("Security:RequireTwoFactorForRoles", roles);
        }
        if (SessionCheckSeconds is { } seconds)
        {
            builder.UseSetting("Identity:SessionCheckSeconds", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        // A Hangfire server stops when its workers have: on a loaded 2-core CI machine that can take
        // longer than the host's default 30 s, and a cancelled stop fails the test that disposes the host.
        builder.ConfigureServices(services => services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(90)));
        if (ExtraServices is { } extra)
        {
            builder.ConfigureServices(extra);
        }
        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Settings added on top of the app's (as appsettings.json would give them).</summary>
    public IReadOnlyDictionary<string, string> ExtraSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>The host's environment: <c>Testing</c> (plain-HTTP cookies), or <c>Production</c> for the deployment tests.</summary>
    public string EnvironmentName { get; init; } = "Testing";

    /// <summary>Services added after the app's own (a test-only startup filter, for example).</summary>
    public Action<IServiceCollection>? ExtraServices { get; init; }

    /// <summary>The sign-in rate limit: high by default, since every test signs in from the same address.</summary>
    public int SignInAttemptsPerMinute { get; init; } = 10_000;

    /// <summary>The roles that must enrol a second factor (appsettings.Testing.json: none, so that the journeys sign in with a password).</summary>
    public string? RequireTwoFactorForRoles { get; init; }

    /// <summary>How often a sign-in cookie's account is checked again (the app's default when null: one minute).</summary>
    public int? SessionCheckSeconds { get; init; }

    /// <summary>Serves the app on Kestrel at a free loopback port and returns its base address.</summary>
    public string StartKestrel()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        return addresses.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }

    public async Task<string> AddUserAsync(string email, string role, params string[] territoryCodes)
    {
        await using var scope = Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var territories = await db.Territories.Where(t => territoryCodes.Contains(t.Code)).Select(t => t.Id).ToListAsync();
        var user = await UserAccounts.AddAsync(db, email, email.Split('@')[0], role, territories, Password);
        await db.SaveChangesAsync();
        return user.Id;
    }

    /// <summary>The reference data only has the 2021-2023 operation: add one that holds today's date.</summary>
    public async Task EnsureOperationForTodayAsync()
    {
        await using var db = await CreateDbAsync();
        await EnsureOperationForTodayAsync(db);
    }

    /// <summary>An operation from a year ago to a year ahead, so that today's activities and last month's report have one.</summary>
    public static async Task EnsureOperationForTodayAsync(AppDbContext db)
    {
        if (!await db.Operations.AnyAsync(o => o.Code == "TEST-COURANTE"))
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            db.Operations.Add(new Operation
            {
                Code = "TEST-COURANTE", Name = "Opération en cours (tests)", Programme = "Tests",
                StartDate = today.AddYears(-1), EndDate = today.AddYears(1), RetentionUntil = today.AddYears(5),
            });
            await db.SaveChangesAsync();
        }
    }

    public async Task<int> AddCentreAsync(string territoryCode, string name)
    {
        await using var db = await CreateDbAsync();
        var territoryId = await db.Territories.Where(t => t.Code == territoryCode).Select(t => t.Id).SingleAsync();
        var centre = new SocialCentre { Name = name, Commune = "Valenciennes", Postcode = "59300", TerritoryId = territoryId, Status = CentreStatus.Engaged };
        db.Centres.Add(centre);
        await db.SaveChangesAsync();
        return centre.Id;
    }

    /// <summary>A one-hour visit on 15/03/2023 in the territory, by <paramref name="authorId"/>, with the monthly aggregates refreshed.</summary>
    public async Task<int> AddActivityAsync(string authorId, string territoryCode, string title)
    {
        await using var db = await CreateDbAsync();
        var territoryId = await db.Territories.Where(t => t.Code == territoryCode).Select(t => t.Id).SingleAsync();
        var operationId = await db.Operations.Where(o => o.Code == ReferenceData.FirstOperationCode).Select(o => o.Id).SingleAsync();
        var activity = new Activity
        {
            OperationId = operationId, Date = new DateOnly(2023, 3, 15), DurationMinutes = 60, TerritoryId = territoryId,
            AuthorId = authorId, Type = ActivityType.CentreSupport, Format = ActivityFormat.Visit,
            Place = ActivityPlace.InCentre, Title = title,
        };
        activity.RefreshDerivedValues();
        db.Activities.Add(activity);
        await db.SaveChangesAsync();
        await ActivityStatsUpdater.RebuildAllAsync(db);
        return activity.Id;
    }

    public async Task<AppDbContext> CreateDbAsync() =>
        await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();

    /// <summary>An HTTP client that keeps cookies and does not follow redirects.</summary>
    public HttpClient CreateBrowserlikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A new account of <paramref name="role"/> (on <paramref name="territories"/>), signed in on a browser-like client.</summary>
    public async Task<HttpClient> SignedInClientAsync(string role, params string[] territories)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.csc";
        await AddUserAsync(email, role, territories);
        var client = CreateBrowserlikeClient();
        await SignInAsync(client, email);
        return client;
    }

    /// <summary>Signs in through the real sign-in form (antiforgery token included).</summary>
    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password = Password) =>
        SignInAsync(client, "/account/login", "/account/login", email, password);

    /// <summary>Reads the form (and its antiforgery token) at <paramref name="formUrl"/> and posts it to <paramref name="postUrl"/>: two app instances may serve each.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string formUrl, string postUrl, string email, string password)
    {
        var page = await client.GetStringAsync(formUrl);
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return await client.PostAsync(postUrl, form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        _postgres?.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
