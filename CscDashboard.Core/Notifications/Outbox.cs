using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Notifications;

/// <summary>Told when messages were queued, so that they leave now rather than at the next minute's run (the host enqueues a send).</summary>
public interface IMailSignal
{
    void Queued();
}

/// <summary>No host to tell (tests, command-line verbs): the recurring run sends the messages.</summary>
public sealed class NoMailSignal : IMailSignal
{
    public void Queued()
    {
    }
}

/// <summary>Puts messages into the outbox, in the caller's context: they are saved with the caller's own change.</summary>
public static class Outbox
{
    /// <summary>
    /// Adds a message to <paramref name="db"/> unless one with the same <paramref name="dedupKey"/> was queued before (a job
    /// run twice queues each fact once). Returns whether it was added; the caller saves.
    /// </summary>
    public static async Task<bool> AddAsync(AppDbContext db, TimeProvider clock, MailKind kind, string? userId, string toAddress, string? toName,
        MailContent content, string? dedupKey, CancellationToken ct)
    {
        if (dedupKey is not null && (await db.OutboxMessages.AnyAsync(m => m.DedupKey == dedupKey, ct)
            || db.OutboxMessages.Local.Any(m => m.DedupKey == dedupKey)))
        {
            return false;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        db.OutboxMessages.Add(new OutboxMessage
        {
            MessageKey = Guid.NewGuid().ToString("N"),
            DedupKey = dedupKey,
            Kind = kind,
            UserId = userId,
            ToAddress = toAddress,
            ToName = toName,
            Subject = content.Subject.Length > OutboxMessage.SubjectLength ? content.Subject[..OutboxMessage.SubjectLength] : content.Subject,
            TextBody = content.Text(),
            HtmlBody = content.Html(),
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        return true;
    }

    /// <summary>An address as it may appear in a log line: its first letter and its domain (never in full).</summary>
    public static string Masked(string address)
    {
        var at = address.IndexOf('@');
        return at <= 0 ? "***" : $"{address[0]}***{address[at..]}";
    }
}
