using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Data.Postgres;
using CscDashboard.Core.Home;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CscDashboard.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the database (a scoped <see cref="IDbContextFactory{TContext}"/> so that the audit
    /// interceptor knows the caller of the scope), the clock and the Core services. The host must
    /// register an <see cref="ICurrentUserAccessor"/>.
    /// </summary>
    public static IServiceCollection AddCscCore(this IServiceCollection services, StorageOptions storage, DatabaseOptions? database = null)
    {
        database ??= DatabaseOptions.Sqlite;
        services.AddSingleton(storage);
        services.AddSingleton(database);
        // Pauses the database work of the process while the app restores a backup (SQLite only: ADR 019).
        services.AddSingleton<Backups.MaintenanceGate>();
        services.TryAddSingleton<TimeProvider>(new ParisTimeProvider());
        if (database.IsPostgres)
        {
            services.AddDbContextFactory<PostgresAppDbContext>((sp, options) =>
            {
                options.UseNpgsql(database.PostgresConnectionString);
                // NUL characters go before the audit interceptor records the values.
                options.AddInterceptors(NulCharacterInterceptor.Instance,
                    new AuditInterceptor(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ICurrentUserAccessor>()),
                    CaseInsensitiveLikeInterceptor.Instance);
            }, ServiceLifetime.Scoped);
            services.AddScoped<IDbContextFactory<AppDbContext>>(sp => new BaseContextFactory<PostgresAppDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresAppDbContext>>()));
            // The data-protection key store resolves the concrete context.
            services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<PostgresAppDbContext>>().CreateDbContext());
        }
        else
        {
            services.AddDbContextFactory<AppDbContext>((sp, options) =>
            {
                options.UseSqlite(storage.ConnectionString, sqlite => sqlite.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName));
                options.AddInterceptors(new AuditInterceptor(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ICurrentUserAccessor>()),
                    sp.GetRequiredService<Backups.MaintenanceGate>());
            }, ServiceLifetime.Scoped);
        }
        // Identity's stores take a context from DI; it comes from the same factory (and is audited the same way).
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());

        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<HomeService>();
        services.AddSingleton<ChangeNotifier>();
        services.AddSingleton<Reporting.Pdf.IDocumentComposerFactory, Reporting.Pdf.PdfDocumentComposerFactory>();
        services.AddScoped<Activities.ActivityService>();
        services.AddScoped<Activities.ActivityQueries>();
        services.AddScoped<Activities.ActivityExportService>();
        services.AddScoped<Activities.ActivityHistory>();
        services.AddScoped<Lookups.LookupService>();
        services.AddScoped<Dashboards.DashboardService>();
        // Dashboards shared across circuits, dropped on activity changes (ADR 035); the host reads Dashboards:* over the default.
        services.TryAddSingleton(Dashboards.DashboardCacheOptions.Default);
        services.AddSingleton<Dashboards.DashboardCache>();
        services.AddScoped<Reporting.ProgressReportBuilder>();
        services.AddScoped<Reporting.ReportService>();
        services.AddScoped<Compliance.ComplianceService>();
        services.AddScoped<Compliance.ComplianceSnapshotJob>();
        services.AddScoped<Compliance.PaymentClaimDossierBuilder>();
        services.AddScoped<Compliance.PaymentClaimDossierJob>();
        services.AddScoped<Reporting.ReportJob>();
        services.AddScoped<Reporting.ScheduledReportJob>();
        services.AddScoped<Users.UserDirectoryService>();
        services.AddScoped<Users.AccountEditService>();
        services.AddScoped<Users.UserSessionService>();
        OpenData.OpenDataServices.AddOpenData(services);
        services.AddScoped<Network.CentreService>();
        services.AddScoped<Network.MemberService>();
        services.AddScoped<Network.PartnerService>();
        services.TryAddSingleton(Network.Import.ImportLimits.Default);
        services.AddScoped<Network.Import.NetworkImportService>();
        services.AddScoped<Network.Import.NetworkExportService>();
        services.AddScoped<Workstreams.WorkstreamService>();
        services.AddScoped<Workstreams.WatchItemService>();
        services.AddScoped<Workstreams.DeliverableService>();
        services.AddSingleton<Evidence.EvidenceStore>();
        services.AddScoped<Evidence.EvidenceService>();
        services.AddScoped<Evidence.EvidenceQueries>();
        services.AddScoped<Evidence.AttendanceSheetService>();
        services.AddScoped<Timesheets.TimesheetService>();
        services.AddScoped<Closing.MonthCloseService>();
        services.AddScoped<Closing.MonthCloseQueries>();
        services.AddScoped<Finance.BudgetService>();
        services.AddScoped<Finance.FundingService>();
        services.AddScoped<Finance.ExpenseService>();
        services.AddScoped<Finance.FinanceFiguresService>();
        services.AddScoped<Backups.BackupService>();
        services.AddScoped<Backups.RestoreService>();
        services.AddScoped<Indicators.IndicatorService>();
        services.AddScoped<Indicators.DeclarationService>();
        services.AddScoped<Indicators.TargetImportService>();
        services.AddScoped<Indicators.IndicatorDashboardService>();
        // Mail (ADR 028): the host replaces the options with appsettings.json's and the signal with Hangfire's.
        services.TryAddSingleton(sp => new Notifications.MailOptions { PickupDirectory = sp.GetRequiredService<StorageOptions>().MailDirectory });
        services.TryAddSingleton<Notifications.IMailSignal, Notifications.NoMailSignal>();
        services.TryAddSingleton(sp => Notifications.MailTransports.For(sp.GetRequiredService<Notifications.MailOptions>()));
        // The outbox logs each message by its key (the host's Serilog; nothing to configure in tests and verbs).
        services.AddLogging();
        services.AddScoped<Notifications.OutboxSender>();
        services.AddScoped<Notifications.OutboxService>();
        services.AddScoped<Notifications.PasswordResetService>();
        // Reminders, digests and the bell (ADR 028): thresholds from appsettings.json in the host; unsubscribe links are
        // signed with the data-protection key ring (the host persists it; elsewhere the framework's default place).
        services.TryAddSingleton(new Notifications.NotificationOptions());
        services.AddDataProtection();
        services.AddScoped<Notifications.UnsubscribeLinks>();
        services.AddScoped<Notifications.Notices>();
        services.AddScoped<Notifications.CoordinatorReminderJob>();
        services.AddScoped<Notifications.DigestJob>();
        services.AddScoped<Notifications.NotificationCenterService>();
        services.AddScoped<Notifications.NotificationPreferencesService>();
        services.AddScoped<Governance.MeetingService>();
        services.AddScoped<Governance.MeetingQueries>();
        services.AddScoped<Governance.MeetingLinkService>();
        services.AddScoped<Governance.DecisionService>();
        services.AddScoped<Operations.OperationSetupService>();
        services.AddScoped<Territories.TerritorySetupService>();
        services.AddScoped<Workstreams.WorkstreamSetupService>();
        services.AddScoped<Data.Seeding.DemoDataSeeder>();
        services.AddScoped<Tools.NationalDataSeeder>();
        services.AddScoped<SqliteToPostgresCopier>();
        return services;
    }
}

/// <summary>Hands out a provider-specific context where services ask for an <see cref="AppDbContext"/>.</summary>
internal sealed class BaseContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<AppDbContext>
    where TContext : AppDbContext
{
    public AppDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<AppDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
