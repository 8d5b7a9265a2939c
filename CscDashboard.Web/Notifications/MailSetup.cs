using CscDashboard.Core.Data;
using CscDashboard.Core.Notifications;
using Hangfire;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CscDashboard.Web.Notifications;

/// <summary>The mail settings of appsettings.json (<c>Mail:…</c>, ADR 028) and the Hangfire signal that sends queued mail at once.</summary>
public static class MailSetup
{
    public static MailOptions OptionsFrom(IConfiguration configuration, StorageOptions storage)
    {
        var defaults = new MailOptions();
        var security = configuration["Mail:Smtp:Security"];
        return new MailOptions
        {
            SmtpHost = configuration["Mail:Smtp:Host"]?.Trim() ?? "",
            SmtpPort = configuration.GetValue("Mail:Smtp:Port", defaults.SmtpPort),
            Security = string.IsNullOrWhiteSpace(security) ? SmtpSecurity.Auto
                : Enum.TryParse<SmtpSecurity>(security, ignoreCase: true, out var parsed) ? parsed
                : throw new InvalidOperationException($"Mail:Smtp:Security vaut « {security} » : choisissez Auto, None, StartTls ou SslOnConnect."),
            SmtpUser = configuration["Mail:Smtp:User"] ?? "",
            SmtpPassword = configuration["Mail:Smtp:Password"] ?? "",
            FromAddress = NonEmpty(configuration["Mail:From:Address"], defaults.FromAddress),
            FromName = NonEmpty(configuration["Mail:From:Name"], defaults.FromName),
            PublicUrl = NonEmpty(configuration["Mail:PublicUrl"], defaults.PublicUrl),
            MaxAttempts = Math.Max(1, configuration.GetValue("Mail:MaxAttempts", defaults.MaxAttempts)),
            PickupDirectory = storage.MailDirectory,
        };
    }

    private static string NonEmpty(string? value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value.Trim();

    public static void AddCscMail(this IServiceCollection services, IConfiguration configuration, StorageOptions storage)
    {
        var options = OptionsFrom(configuration, storage);
        services.Replace(ServiceDescriptor.Singleton(options));
        services.Replace(ServiceDescriptor.Singleton(MailTransports.For(options)));
        services.Replace(ServiceDescriptor.Singleton<IMailSignal, HangfireMailSignal>());
        var defaults = new NotificationOptions();
        services.Replace(ServiceDescriptor.Singleton(new NotificationOptions
        {
            InactivityWorkingDays = Math.Max(1, configuration.GetValue("Notifications:InactivityWorkingDays", defaults.InactivityWorkingDays)),
            EvidenceOverdueDays = Math.Max(1, configuration.GetValue("Notifications:EvidenceOverdueDays", defaults.EvidenceOverdueDays)),
            NewReportLookbackDays = Math.Max(1, configuration.GetValue("Notifications:NewReportLookbackDays", defaults.NewReportLookbackDays)),
        }));
    }
}

/// <summary>Enqueues one run of the outbox now; the recurring run every minute sends what this one missed.</summary>
public sealed class HangfireMailSignal(IBackgroundJobClient jobs) : IMailSignal
{
    public void Queued() => jobs.Enqueue<OutboxSender>(sender => sender.RunAsync(CancellationToken.None));
}
