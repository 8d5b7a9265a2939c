using System.Globalization;
using System.Net;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Reporting;
using CscDashboard.Tests.Browser;
using CscDashboard.Tests.Infrastructure;
using CscDashboard.Web.Jobs;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Npgsql;

namespace CscDashboard.Tests.Postgres;

/// <summary>
/// Two app processes on different loopback ports against one PostgreSQL database and one shared
/// folder, as behind a reverse proxy: a sign-in on one is valid on the other, an activity saved on
/// one refreshes a dashboard open on the other, and a recurring report job fires once.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class TwoInstanceTests : IAsyncLifetime
{
    private const string LeadEmail = "lead-two@test.csc";
    private const string CoordinatorEmail = "coord-two@test.csc";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "csc-two-instances", Guid.NewGuid().ToString("N"));
    private CoreTestContext? _database;
    private AppProcess? _first;
    private AppProcess? _second;

    private string SharedDirectory => Path.Combine(_root, "shared");

    public Task InitializeAsync() => Task.CompletedTask;

    [SkippableFact]
    public async Task Two_instances_share_sign_in_live_refresh_and_run_a_recurring_job_once()
    {
        Skip.If(BrowserFixture.ShouldSkip, "Chromium est absent et CI n'est pas défini.");
        _database = await CoreTestContext.CreateAsync(null, DatabaseProvider.Postgres);
        await _database.AddUserAsync(LeadEmail, Roles.ProjectLead);
        await _database.AddUserAsync(CoordinatorEmail, Roles.Coordinator, "CAM");
        await using (var db = _database.CreateDb())
        {
            await CscWebFactory.EnsureOperationForTodayAsync(db);
        }
        var connectionString = _database.Postgres!.ConnectionString;
        var started = await Task.WhenAll(StartAsync("a", connectionString), StartAsync("b", connectionString));
        (_first, _second) = (started[0], started[1]);

        await A_cookie_and_a_form_token_from_one_instance_are_accepted_by_the_other(_first, _second);
        await An_activity_saved_on_one_instance_refreshes_a_dashboard_open_on_the_other(_first, _second);
        await The_monthly_report_fires_once_for_both_instances(connectionString);
    }

    private Task<AppProcess> StartAsync(string name, string connectionString) => AppProcess.StartAsync(new Dictionary<string, string>
    {
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:Postgres"] = connectionString,
        ["Storage:DataDirectory"] = Path.Combine(_root, name),
        ["Storage:SharedDirectory"] = SharedDirectory,
        ["Hangfire:PollIntervalSeconds"] = "1",
        ["Seed:Demo"] = "false",
        ["Security:SignInAttemptsPerMinute"] = "1000",
        ["Serilog:MinimumLevel:Default"] = "Warning",
    });

    private static async Task A_cookie_and_a_form_token_from_one_instance_are_accepted_by_the_other(AppProcess first, AppProcess second)
    {
        // Cookies are per host, not per port: one container stands for a browser behind a proxy.
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"{second.Url}/dashboard")).StatusCode);

        // The form (and its antiforgery token) comes from the second instance, the sign-in goes to the first.
        var signIn = await CscWebFactory.SignInAsync(client, $"{second.Url}/account/login", $"{first.Url}/account/login", LeadEmail, CscWebFactory.Password);
        Assert.True(signIn.StatusCode == HttpStatusCode.Redirect && !signIn.Headers.Location!.OriginalString.Contains("login", StringComparison.Ordinal),
            $"sign-in on the first instance: {signIn.StatusCode} {signIn.Headers.Location}\n{first.Output}");

        var dashboard = await client.GetAsync($"{second.Url}/dashboard");
        Assert.True(dashboard.StatusCode == HttpStatusCode.OK, $"the first instance's cookie on the second: {dashboard.StatusCode}\n{second.Output}");
    }

    private static async Task An_activity_saved_on_one_instance_refreshes_a_dashboard_open_on_the_other(AppProcess first, AppProcess second)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserFixture.LaunchAsync(playwright);

        var lead = await NewPageAsync(browser, 1366, 900, second.Url);
        await BrowserFixture.SignInAsync(lead, LeadEmail);
        var parisToday = new ParisTimeProvider().GetLocalNow();
        await lead.GotoAsync($"/dashboard?period={parisToday:yyyy-MM}");
        var tile = lead.GetByTestId("kpi-activities");
        // The first dashboard of a fresh process compiles its queries: slow on a loaded 2-core machine.
        await Assertions.Expect(tile).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var before = int.Parse((await tile.InnerTextAsync()).Replace("\u202f", "").Replace("\u00a0", "").Trim(), CultureInfo.InvariantCulture);

        var coordinator = await NewPageAsync(browser, 390, 844, first.Url);
        await BrowserFixture.SignInAsync(coordinator, CoordinatorEmail);
        await coordinator.GotoAsync("/activities/new");
        await coordinator.FillAsync("#activity-title", "Atelier saisi sur la première instance");
        await coordinator.ClickAsync("[data-testid=save-activity]");
        await coordinator.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, @"/activities/\d+$"));

        // The second instance learns of it through PostgreSQL (LISTEN/NOTIFY) and re-reads its figures, without a reload.
        await Assertions.Expect(tile).ToHaveTextAsync((before + 1).ToString(CultureInfo.InvariantCulture), new() { Timeout = 10_000 });
        Assert.StartsWith(second.Url, lead.Url, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(lead, "two-instances-dashboard.png");
    }

    private static async Task<IPage> NewPageAsync(IBrowser browser, int width, int height, string baseUrl)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    private async Task The_monthly_report_fires_once_for_both_instances(string connectionString)
    {
        var storage = HangfireSetup.CreatePostgresStorage(connectionString, TimeSpan.FromSeconds(1));
        var monitoring = storage.GetMonitoringApi();
        // Each instance runs two servers: the default queue with the schedulers, and the heavy queue alone with one worker (ADR 034).
        var servers = monitoring.Servers();
        Assert.Equal(4, servers.Count);
        Assert.Equal(2, servers.Count(s => s.Queues.SequenceEqual(["heavy"]) && s.WorkersCount == 1));

        // Due in a few seconds, once: both servers' schedulers see it, one only may enqueue it.
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var due = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddSeconds(5), paris);
        new RecurringJobManager(storage).AddOrUpdate<ScheduledReportJob>(RecurringJobs.MonthlyReport, job => job.RunMonthlyAsync(CancellationToken.None),
            $"{due.Second} {due.Minute} {due.Hour} {due.Day} {due.Month} *", new RecurringJobOptions { TimeZone = paris });

        var snapshot = await WaitForAsync(async () =>
        {
            await using var db = _database!.CreateDb();
            return await db.ReportSnapshots.AsNoTracking().FirstOrDefaultAsync(s => s.Status == ReportStatus.Ready);
        }, TimeSpan.FromSeconds(60), "a ready monthly report");
        // Wait until the occurrence is behind the schedule (next one a year later), then count.
        await WaitForAsync(() =>
        {
            using var connection = storage.GetConnection();
            var recurring = connection.GetRecurringJobs([RecurringJobs.MonthlyReport]).Single();
            return Task.FromResult<object?>(recurring.LastExecution is not null && recurring.NextExecution > DateTime.UtcNow.AddDays(30) ? recurring : null);
        }, TimeSpan.FromSeconds(30), "the schedule moved to next year");

        await using (var db = _database!.CreateDb())
        {
            Assert.Equal(1, await db.ReportSnapshots.CountAsync());
            Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Entity == nameof(ReportSnapshot) && e.Action == "Insert"));
        }
        Assert.Equal(1, await JobsOfAsync(connectionString, RecurringJobs.MonthlyReport));
        Assert.Equal(ReportKind.Monthly, snapshot.Kind);
        Assert.True(File.Exists(Path.Combine(SharedDirectory, "reports", snapshot.PdfPath!)), "the PDF is in the shared folder");
    }

    /// <summary>Jobs Hangfire created from a recurring job (its id is a parameter of each).</summary>
    private static async Task<long> JobsOfAsync(string connectionString, string recurringJobId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT COUNT(*) FROM {HangfireSetup.PostgresSchema}.jobparameter WHERE name = 'RecurringJobId' AND value = @id", connection);
        command.Parameters.AddWithValue("id", $"\"{recurringJobId}\"");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Waits for a condition of the system under test (not a retried assertion); fails with what it waited for.</summary>
    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } found)
            {
                return found;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"Attendu en {timeout.TotalSeconds} s : {what}.");
    }

    public async Task DisposeAsync()
    {
        if (_first is not null)
        {
            await _first.DisposeAsync();
        }
        if (_second is not null)
        {
            await _second.DisposeAsync();
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
