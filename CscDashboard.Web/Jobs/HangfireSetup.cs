using CscDashboard.Core.Data;
using CscDashboard.Web.Hosting;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CscDashboard.Web.Jobs;

/// <summary>
/// Hangfire on its own SQLite file of the data directory, or, with PostgreSQL, in the schema
/// <see cref="PostgresSchema"/> of the app's database, where several instances share one queue and
/// one recurring-job schedule (each occurrence is enqueued once, each job run by one server).
/// </summary>
public static class HangfireSetup
{
    public const string PostgresSchema = "hangfire";

    /// <summary>Mail, reminders, digests, backups, compliance: short jobs (ADR 034).</summary>
    public const string DefaultQueue = "default";

    /// <summary>Report and payment-claim dossier generation, served by their own bounded server (ADR 034).</summary>
    public const string HeavyQueue = "heavy";

    /// <summary>The largest worker count a setting may ask for: more threads than that only queue on a small server.</summary>
    public const int MaxWorkerCount = 64;

    public static void AddCscHangfire(this IServiceCollection services, IConfiguration configuration, StorageOptions storage, DatabaseOptions database)
    {
        var pollSeconds = configuration.GetValue("Hangfire:PollIntervalSeconds", 2);
        // The storage is this host's own service, not Hangfire's process-wide JobStorage.Current: two
        // hosts in one process (the test suite) must not share or dispose each other's storage.
        // Hangfire's registrations (client, server, dashboard) only add theirs when none exists.
        services.AddSingleton<JobStorage>(_ => database.IsPostgres
            ? CreatePostgresStorage(database.PostgresConnectionString!, TimeSpan.FromSeconds(pollSeconds))
            : new SQLiteStorage(storage.HangfireDatabasePath, new SQLiteStorageOptions
            {
                QueuePollInterval = TimeSpan.FromSeconds(pollSeconds),
            }));
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        // Integration tests run without a server (NOTES.md): jobs are then only enqueued.
        if (configuration.GetValue("Hangfire:ServerEnabled", true))
        {
            var lightWorkers = AppSettings.WholeNumber(configuration, "Hangfire:WorkerCount", 2, 1, MaxWorkerCount);
            var heavyWorkers = AppSettings.WholeNumber(configuration, "Hangfire:HeavyWorkerCount", 1, 1, MaxWorkerCount);
            services.AddHangfireServer((provider, options) =>
            {
                // This host's scopes (not Hangfire's process-wide default activator), each job as a named system user.
                options.Activator = new SystemUserJobActivator(provider.GetRequiredService<IServiceScopeFactory>());
                options.ServerName = $"{Environment.MachineName}-{DefaultQueue}";
                options.Queues = [DefaultQueue];
                options.WorkerCount = lightWorkers;
                options.SchedulePollingInterval = TimeSpan.FromSeconds(pollSeconds);
            });
            // Reports and dossiers (ADR 034): a bounded number of workers of their own, so that a burst of them
            // neither holds the mail and reminders back nor takes every core from the pages. Lightweight: the
            // schedulers and storage upkeep run once, on the server above.
            services.AddHangfireServer((provider, options) =>
            {
                options.Activator = new SystemUserJobActivator(provider.GetRequiredService<IServiceScopeFactory>());
                options.ServerName = $"{Environment.MachineName}-{HeavyQueue}";
                options.Queues = [HeavyQueue];
                options.WorkerCount = heavyWorkers;
                options.IsLightweightServer = true;
            });
        }
        services.AddScoped<ReportQueue>();
    }

    /// <summary>Creates (or updates) the Hangfire tables in <see cref="PostgresSchema"/> on first use.</summary>
    public static PostgreSqlStorage CreatePostgresStorage(string connectionString, TimeSpan pollInterval)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = PostgresSchema,
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = pollInterval,
            // Workers wake on NOTIFY when a job is enqueued instead of waiting for the next poll.
            EnableLongPolling = true,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }
}

/// <summary>Healthy when Hangfire's storage answers.</summary>
public sealed class HangfireHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var stats = storage.GetMonitoringApi().GetStatistics();
            return Task.FromResult(HealthCheckResult.Healthy("Hangfire répond.", new Dictionary<string, object>
            {
                ["servers"] = stats.Servers,
                ["enqueued"] = stats.Enqueued,
                ["failed"] = stats.Failed,
            }));
        }
        catch (Exception ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Hangfire ne répond pas.", ex));
        }
    }
}
