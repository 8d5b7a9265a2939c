using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace CscDashboard.Core.Notifications;

/// <summary>Where a built message goes: an SMTP relay, or the pickup folder. Both may be asked twice for the same message.</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, string messageKey, CancellationToken ct);
}

/// <summary>The transport <see cref="MailOptions"/> asks for: SMTP when a host is configured, the pickup folder otherwise.</summary>
public static class MailTransports
{
    public static IMailTransport For(MailOptions options) =>
        options.UsesPickup ? new PickupFolderTransport(options.PickupDirectory) : new SmtpMailTransport(options);
}

/// <summary>
/// Writes each message as <c>&lt;key&gt;.eml</c> into the pickup folder (written under a temporary name, then moved:
/// a reader never sees half a file; the same message written again replaces its own file).
/// </summary>
public sealed class PickupFolderTransport(string directory) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, string messageKey, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, messageKey + ".eml");
        var temporary = path + ".tmp";
        await using (var file = File.Create(temporary))
        {
            await message.WriteToAsync(file, ct);
        }
        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>MailKit's SMTP client, one connection per message (a few messages a day: no pool to keep).</summary>
public sealed class SmtpMailTransport(MailOptions options) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, string messageKey, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = 30_000 };
        var security = options.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.Auto,
        };
        await client.ConnectAsync(options.SmtpHost, options.SmtpPort, security, ct);
        if (!string.IsNullOrEmpty(options.SmtpUser))
        {
            await client.AuthenticateAsync(options.SmtpUser, options.SmtpPassword, ct);
        }
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
