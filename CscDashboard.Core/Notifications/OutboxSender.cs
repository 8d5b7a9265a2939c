using System.Net.Sockets;
using CscDashboard.Core.Data;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace CscDashboard.Core.Notifications;

/// <summary>
/// The Hangfire job that empties the outbox (ADR 028): every minute, and as soon as a message is queued. Each due message
/// is claimed (one UPDATE … WHERE Status = Pending) before it is sent, so two runs at once never send it twice; a failure
/// the server calls permanent (5xx: address refused) fails the message at once, another one is tried again later
/// (1, 5, 15, 60, 240 minutes) until <see cref="MailOptions.MaxAttempts"/>. A message left « Sending » by a crash may have
/// left: it is marked failed for the administrator to resend, never resent on its own. Safe to run twice.
/// </summary>
public sealed class OutboxSender(IDbContextFactory<AppDbContext> factory, TimeProvider clock, MailOptions options, IMailTransport transport,
    ILogger<OutboxSender> log)
{
    public const int BatchSize = 50;
    private static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(10);
    private static readonly int[] BackoffMinutes = [1, 5, 15, 60, 240];

    public const string UncertainMessage =
        "Envoi interrompu (arrêt de l'application) : le message est peut-être parti. Renvoyez-le si son destinataire ne l'a pas reçu.";

    /// <summary>Sends what is due; returns how many messages left.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        var stale = now - ClaimTimeout;
        await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Sending && m.ClaimedAt < stale)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutboxStatus.Failed).SetProperty(m => m.LastError, UncertainMessage), ct);
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.Id).Select(m => m.Id).Take(BatchSize).ToListAsync(ct);
        var sent = 0;
        foreach (var id in due)
        {
            var claimed = await db.OutboxMessages
                .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.ClaimedAt, now), ct);
            if (claimed == 1 && await SendOneAsync(db, id, ct))
            {
                sent++;
            }
        }
        return sent;
    }

    private async Task<bool> SendOneAsync(AppDbContext db, int id, CancellationToken ct)
    {
        var message = await db.OutboxMessages.SingleAsync(m => m.Id == id, ct);
        message.Attempts++;
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            await transport.SendAsync(Build(message), message.MessageKey, ct);
            message.Status = OutboxStatus.Sent;
            message.SentAt = now;
            message.LastError = null;
            if (message.Kind == MailKind.PasswordReset)
            {
                // The link is a credential for an hour: once handed over it is not kept.
                message.TextBody = message.HtmlBody = "";
            }
            log.LogInformation("Mail {MessageKey} ({Kind}) sent to {To}", message.MessageKey, message.Kind, Outbox.Masked(message.ToAddress));
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or SocketException or IOException
            or ServiceNotConnectedException or ServiceNotAuthenticatedException or MailKit.Security.AuthenticationException
            or MailKit.Security.SslHandshakeException or TimeoutException or UnauthorizedAccessException)
        {
            var permanent = e is SmtpCommandException { StatusCode: >= (SmtpStatusCode)500 };
            message.LastError = Reason(e);
            if (permanent || message.Attempts >= options.MaxAttempts)
            {
                message.Status = OutboxStatus.Failed;
                log.LogWarning(e, "Mail {MessageKey} ({Kind}) failed for good after {Attempts} attempt(s)", message.MessageKey, message.Kind, message.Attempts);
            }
            else
            {
                message.Status = OutboxStatus.Pending;
                message.NextAttemptAt = now.AddMinutes(BackoffMinutes[Math.Min(message.Attempts, BackoffMinutes.Length) - 1]);
                log.LogWarning(e, "Mail {MessageKey} ({Kind}) not sent (attempt {Attempts}), tried again at {NextAttemptAt}",
                    message.MessageKey, message.Kind, message.Attempts, message.NextAttemptAt);
            }
        }
        await db.SaveChangesAsync(CancellationToken.None);
        return message.Status == OutboxStatus.Sent;
    }

    /// <summary>The MIME message: French text and HTML alternatives, the message key as Message-ID.</summary>
    public MimeMessage Build(OutboxMessage message)
    {
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            MessageId = $"{message.MessageKey}@csc-dashboard",
            Date = new DateTimeOffset(message.CreatedAt, TimeSpan.Zero),
        };
        mime.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        mime.To.Add(new MailboxAddress(message.ToName ?? "", message.ToAddress));
        mime.Headers.Add("Content-Language", "fr");
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        mime.Body = body.ToMessageBody();
        return mime;
    }

    /// <summary>A French reason for the administrator's page: the server's answer, never the address or the body.</summary>
    private static string Reason(Exception e)
    {
        var reason = e switch
        {
            SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } smtp => $"Adresse refusée par le serveur ({(int)smtp.StatusCode}).",
            SmtpCommandException { ErrorCode: SmtpErrorCode.SenderNotAccepted } smtp => $"Expéditeur refusé par le serveur ({(int)smtp.StatusCode}) : vérifiez Mail:From:Address.",
            SmtpCommandException smtp => $"Le serveur a refusé le message ({(int)smtp.StatusCode}).",
            MailKit.Security.AuthenticationException => "Identifiants SMTP refusés : vérifiez Mail:Smtp:User et Mail:Smtp:Password.",
            MailKit.Security.SslHandshakeException => "Échec de la connexion chiffrée (TLS) au serveur SMTP : vérifiez Mail:Smtp:Security et le port.",
            SocketException or ServiceNotConnectedException => "Serveur SMTP injoignable : vérifiez Mail:Smtp:Host et Mail:Smtp:Port.",
            TimeoutException => "Le serveur SMTP n'a pas répondu à temps.",
            UnauthorizedAccessException or IOException => "Écriture impossible dans le dossier mail/ ou coupure de la connexion.",
            _ => "Échange SMTP interrompu.",
        };
        return reason.Length > 500 ? reason[..500] : reason;
    }
}
