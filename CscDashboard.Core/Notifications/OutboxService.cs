using System.Text.Json;
using CscDashboard.Core.Auditing;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Notifications;

/// <summary>A line of the administrator's mail page: no body, the address as the administrator manages accounts anyway.</summary>
public sealed record OutboxRow(int Id, string MessageKey, MailKind Kind, string ToAddress, string Subject, OutboxStatus Status, int Attempts,
    DateTime CreatedAt, DateTime NextAttemptAt, DateTime? SentAt, string? LastError);

public sealed record OutboxCounts(int Pending, int Sent, int Failed);

/// <summary>The administrator's view of the outbox (<c>/admin/mail</c>): what waits, what left, what failed and why; resend.</summary>
public sealed class OutboxService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock, IMailSignal signal,
    MailOptions options)
{
    /// <summary>Whether mail goes to the pickup folder (no SMTP host), and which folder or relay.</summary>
    public string TransportDescription => options.UsesPickup
        ? $"Aucun serveur SMTP configuré : les messages sont écrits en fichiers .eml dans {options.PickupDirectory}."
        : $"Envoi par le serveur SMTP {options.SmtpHost}:{options.SmtpPort}.";

    public async Task<OutboxCounts> CountsAsync(CancellationToken ct = default)
    {
        EnsureAdmin();
        await using var db = await factory.CreateDbContextAsync(ct);
        var counts = await db.OutboxMessages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Of(params OutboxStatus[] statuses) => counts.Where(c => statuses.Contains(c.Key)).Sum(c => c.Count);
        return new OutboxCounts(Of(OutboxStatus.Pending, OutboxStatus.Sending), Of(OutboxStatus.Sent), Of(OutboxStatus.Failed));
    }

    /// <summary>One page of the messages of <paramref name="status"/> (waiting includes those being sent), newest first.</summary>
    public async Task<PagedResult<OutboxRow>> ListAsync(OutboxStatus status, PageRequest page, CancellationToken ct = default)
    {
        EnsureAdmin();
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = status == OutboxStatus.Pending
            ? db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Sending)
            : db.OutboxMessages.Where(m => m.Status == status);
        var total = await query.CountAsync(ct);
        var rows = await query.AsNoTracking().OrderByDescending(m => m.Id).Skip(page.Skip).Take(page.Take)
            .Select(m => new OutboxRow(m.Id, m.MessageKey, m.Kind, m.ToAddress, m.Subject, m.Status, m.Attempts, m.CreatedAt, m.NextAttemptAt,
                m.SentAt, m.LastError))
            .ToListAsync(ct);
        return new PagedResult<OutboxRow>(rows, total);
    }

    /// <summary>
    /// Puts a failed message back in the queue with fresh attempts (audited). Only a failed one: a sent message is not
    /// sent again from here, and a password-reset link, emptied once sent, is asked again from the sign-in page.
    /// </summary>
    public async Task ResendAsync(int id, CancellationToken ct = default)
    {
        EnsureAdmin();
        await using var db = await factory.CreateDbContextAsync(ct);
        var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == id, ct) ?? throw new NotFoundException("Ce message n'existe pas.");
        if (message.Status != OutboxStatus.Failed)
        {
            throw new ScopeViolationException("Seul un message en échec peut être renvoyé.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        message.Status = OutboxStatus.Pending;
        message.Attempts = 0;
        message.NextAttemptAt = now;
        message.ClaimedAt = null;
        var user = users.Current;
        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            UserId = user.UserId,
            UserName = user.DisplayName,
            Entity = nameof(OutboxMessage),
            EntityKey = message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Action = "Resend",
            Changes = JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["MessageKey"] = message.MessageKey,
                ["Kind"] = message.Kind.ToString(),
                ["LastError"] = message.LastError,
            }),
        });
        await db.SaveChangesAsync(ct);
        signal.Queued();
    }

    private void EnsureAdmin()
    {
        if (!users.Current.IsAdmin)
        {
            throw new ScopeViolationException("La file des courriels est réservée à l'administrateur.");
        }
    }
}
