using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using CscDashboard.Core;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Data;
using CscDashboard.Core.Data.Postgres;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Core.Network.Import;
using CscDashboard.Core.Users;
using CscDashboard.Web.Activities;
using CscDashboard.Web.Api;
using CscDashboard.Web.Auth;
using CscDashboard.Web.Components;
using CscDashboard.Web.Evidence;
using CscDashboard.Web.Jobs;
using CscDashboard.Web.Network;
using CscDashboard.Web.Notifications;
using CscDashboard.Web.Reports;
using Hangfire;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;
using Serilog;

namespace CscDashboard.Web.Hosting;

/// <summary>Service registration and the request pipeline of the web app, kept out of Program.cs.</summary>
public static class WebHost
{
    /// <summary>The largest message a circuit accepts from the browser (ADR 020).</summary>
    public const int MaxCircuitMessageBytes = 128 * 1024;

    private static CultureInfo French => WebCulture.French;

    public static StorageOptions ResolveStorage(IConfiguration configuration, string settingsDirectory) =>
        StorageOptions.Resolve(configuration[$"{StorageOptions.Section}:DataDirectory"], settingsDirectory,
            configuration[$"{StorageOptions.Section}:SharedDirectory"]);

    public static DatabaseOptions ResolveDatabase(IConfiguration configuration) =>
        DatabaseOptions.From(configuration[$"{DatabaseOptions.Section}:Provider"], configuration.GetConnectionString(DatabaseOptions.PostgresConnectionName));

    /// <summary>The import bounds of appsettings.json (<c>Import:MaxRows</c>, <c>Import:MaxColumns</c>, <c>Import:TimeoutSeconds</c>).</summary>
    public static ImportLimits ImportLimitsFrom(IConfiguration configuration) => new()
    {
        MaxRows = configuration.GetValue($"{ImportLimits.Section}:MaxRows", ImportLimits.Default.MaxRows),
        MaxColumns = configuration.GetValue($"{ImportLimits.Section}:MaxColumns", ImportLimits.Default.MaxColumns),
        Timeout = TimeSpan.FromSeconds(configuration.GetValue($"{ImportLimits.Section}:TimeoutSeconds", ImportLimits.Default.Timeout.TotalSeconds)),
    };

    /// <summary>
    /// How many circuits of closed or lost tabs the server keeps, and how long, for a reconnection (ADR 034):
    /// <c>Circuits:DisconnectedMaxRetained</c> (default 50) and <c>Circuits:DisconnectedRetentionSeconds</c> (default 90),
    /// instead of Blazor's 100 for 3 minutes, each holding its render tree and services in memory.
    /// </summary>
    public static void BoundDisconnectedCircuits(CircuitOptions circuits, IConfiguration configuration)
    {
        circuits.DisconnectedCircuitMaxRetained = AppSettings.WholeNumber(configuration, "Circuits:DisconnectedMaxRetained", 50, 0, 10_000);
        circuits.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(AppSettings.WholeNumber(configuration, "Circuits:DisconnectedRetentionSeconds", 90, 1, 3_600));
    }

    /// <summary>The dashboards' shared figures (<c>Dashboards:CacheCapacity</c>, <c>Dashboards:CacheSeconds</c>; ADR 035).</summary>
    public static DashboardCacheOptions DashboardCacheFrom(IConfiguration configuration) => new()
    {
        CacheCapacity = AppSettings.WholeNumber(configuration, $"{DashboardCacheOptions.Section}:CacheCapacity", DashboardCacheOptions.Default.CacheCapacity, 0, 10_000),
        CacheSeconds = AppSettings.WholeNumber(configuration, $"{DashboardCacheOptions.Section}:CacheSeconds", DashboardCacheOptions.Default.CacheSeconds, 0, 3_600),
    };

    public static WebApplicationBuilder AddCscServices(this WebApplicationBuilder builder)
    {
        var settingsDirectory = AppSettings.Apply(builder.Configuration, builder.Environment.EnvironmentName);
        var storage = ResolveStorage(builder.Configuration, settingsDirectory);
        var database = ResolveDatabase(builder.Configuration);
        storage.EnsureDirectories();
        if (!database.IsPostgres)
        {
            // One app per SQLite data directory, and no restore under a running app (ADR 019). On PostgreSQL each
            // instance has a data directory of its own (logs) and shares the database: nothing to hold.
            var hold = DataDirectoryLock.Acquire(storage.FullDataDirectory,
                "une seule instance peut travailler sur un dossier de données SQLite. Arrêtez l'autre instance, ou passez sur PostgreSQL "
                + "pour en faire tourner plusieurs (docs/deploy.md).");
            builder.Services.AddHostedService(_ => new DataDirectoryHold(hold));
        }
        // Package assets (_framework, MudBlazor) when run from the build output in any environment
        // (tests, staging); a published app has them in wwwroot and this is a no-op.
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;

        services.AddSerilog((sp, logger) => SerilogSetup.Configure(logger, builder.Configuration, storage));

        services.AddCscCore(storage, database);
        services.Replace(ServiceDescriptor.Singleton(ImportLimitsFrom(builder.Configuration)));
        services.Replace(ServiceDescriptor.Singleton(DashboardCacheFrom(builder.Configuration)));
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUserAccessor>();
        services.AddScoped<ICurrentUserAccessor>(sp => sp.GetRequiredService<CurrentUserAccessor>());
        services.AddScoped<CircuitHandler, UserCircuitHandler>();
        services.AddScoped<CscDashboard.Web.Components.Layout.MaintenanceCircuit>();

        // 128 KB instead of SignalR's 32 KB: a text over its limit (notes: 4,000 characters) reaches the
        // server and gets its French message instead of dropping the connection (ADR 020).
        services.AddRazorComponents().AddInteractiveServerComponents(circuits => BoundDisconnectedCircuits(circuits, builder.Configuration))
            .AddHubOptions(o => o.MaximumReceiveMessageSize = MaxCircuitMessageBytes);
        // French pages: keep accented letters readable in the HTML instead of &#xE9; entities.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddMudServices(config =>
        {
            config.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomCenter;
        });
        services.AddTransient<MudLocalizer, FrenchMudLocalizer>();

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        // Cookies travel over HTTPS only, except on a developer's or a test's plain-HTTP loopback.
        var secureCookies = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing")
            ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "csc.antiforgery";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = secureCookies;
        });
        services.AddSignInRateLimiter(builder.Configuration);
        // After the sign-in limiter: the API's rejection answer wraps the pages' (ADR 026).
        services.AddCscApi(builder.Configuration);
        services.AddTransportSecurity(builder.Configuration);
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/logout";
            cookie.AccessDeniedPath = "/account/access-denied";
            cookie.Cookie.Name = "csc.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = secureCookies;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
            // Every request checks the cookie's server-side session (ADR 018).
            cookie.Events.OnValidatePrincipal = SessionCookieValidator.ValidateAsync;
            // The offline entry's script gets 401/403 with a French message, not the sign-in page (ADR 032).
            cookie.Events.AnswerScriptsWithStatus();
        });
        services.AddTwoFactorSignIn(builder.Configuration, secureCookies);
        // A cookie's account is checked again at most this often on HTTP requests (deactivated, new password or
        // rights): open pages are signed out at once by the revalidating provider (ADR 016).
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromSeconds(builder.Configuration.GetValue("Identity:SessionCheckSeconds", 60));
            o.OnRefreshingPrincipal = SessionCookieValidator.KeepSessionClaims;
        });
        services.AddAuthorization(Policies.Add);
        services.AddIdentityCore<AppUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = PasswordRules.MinimumLength;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = builder.Configuration.GetValue("Identity:MaxFailedAccessAttempts", 5);
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(builder.Configuration.GetValue("Identity:LockoutMinutes", 15));
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<AppSignInManager>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        var dataProtection = services.AddDataProtection().SetApplicationName("CscDashboard");
        if (database.IsPostgres)
        {
            // Every instance reads and writes the same key ring, so each accepts the others' cookies and tokens.
            dataProtection.PersistKeysToDbContext<PostgresAppDbContext>();
            services.AddHostedService<PostgresChangeRelay>();
        }
        else
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(storage.FullDataDirectory, "keys")));
        }
        services.AddCscHangfire(builder.Configuration, storage, database);
        services.AddCscMail(builder.Configuration, storage);
        services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database")
            .AddCheck<HangfireHealthCheck>("hangfire");

        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(French);
            options.SupportedCultures = [French];
            options.SupportedUICultures = [French];
        });
        return builder;
    }

    public static async Task InitializeDataAsync(this WebApplication app)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using var scope = app.Services.CreateAsyncScope();
        var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        await initializer.InitializeAsync();
        app.Logger.LogInformation("Base prête (migrations, référentiel) en {Milliseconds} ms", watch.ElapsedMilliseconds);
        if (app.Configuration.GetValue("Seed:Demo", false))
        {
            if (app.Environment.IsProduction())
            {
                throw new InvalidOperationException("Les données de démonstration ne sont jamais chargées en production (Seed:Demo).");
            }
            var password = app.Configuration["Seed:DemoPassword"]
                ?? throw new InvalidOperationException("Seed:DemoPassword manque dans appsettings.Development.json.");
            var seeder = scope.ServiceProvider.GetRequiredService<DemoDataSeeder>();
            // Instances starting together on PostgreSQL (a staging set-up) seed one after the other: the second finds it done.
            var accounts = await initializer.ExclusiveAsync(() => seeder.SeedAsync(password));
            DemoAccounts.Print(accounts, password);
        }
    }

    /// <summary>How long the process took to serve requests, in the log of each start (issue 21: ≤ 3 s on a national database).</summary>
    public static void LogStartUpTime(this WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation("Application prête {Seconds:0.00} s après le lancement du processus",
            (DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalSeconds));

    public static WebApplication UseCscPipeline(this WebApplication app)
    {
        CultureInfo.DefaultThreadCurrentCulture = French;
        CultureInfo.DefaultThreadCurrentUICulture = French;

        // First: everything after it (errors, HSTS, logs, rate limit, cookies) sees the scheme and client behind the proxy.
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            // Settings in TransportSecurity; never for localhost, 127.0.0.1 nor [::1] (HstsOptions.ExcludedHosts), and only over HTTPS.
            app.UseHsts();
        }
        app.UseSecurityHeaders();
        app.UseSerilogRequestLogging();
        app.UseRequestLocalization();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseApiProblems();

        app.UseCors();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync }).AllowAnonymous();
        app.MapAccountEndpoints();
        var downloads = app.MapDownloads();
        downloads.MapNetworkExportEndpoints();
        downloads.MapActivityExportEndpoints();
        downloads.MapReportEndpoints();
        downloads.MapEvidenceEndpoints();
        app.MapQuickEntryEndpoints();
        app.MapCscApi();
        app.MapApiDocs();
        app.MapHangfireDashboardWithAuthorizationPolicy(Policies.Admin, "/hangfire", new DashboardOptions
        {
            DashboardTitle = "CscDashboard — tâches de fond",
            AppPath = "/",
        });
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.RegisterCscRecurringJobs();
        return app;
    }
}
