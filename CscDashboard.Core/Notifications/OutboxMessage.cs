using CscDashboard.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CscDashboard.Core.Notifications;

/// <summary>What an e-mail is about: one kind per preference (the password reset cannot be turned off).</summary>
public enum MailKind
{
    PasswordReset,
    InactivityReminder,
    EvidenceReminder,
    MonthToSubmit,
    LeadDigest,
    NewReport,
}

public enum OutboxStatus
{
    Pending,
    /// <summary>Claimed by a sending run; a message left here by a crash is never sent again on its own (it may have left).</summary>
    Sending,
    Sent,
    Failed,
}

/// <summary>
/// One e-mail of the outbox (ADR 028): written in the database with the fact that causes it, then sent by
/// <see cref="OutboxSender"/>. <see cref="MessageKey"/> is its idempotency key (also its Message-ID and its pickup file
/// name): a run claims a message before sending it, so two runs never send it twice. <see cref="DedupKey"/> names the fact
/// and period it tells about, unique, so a job run twice queues it once. Not in the audit log (a transport row that
/// holds bodies and links); the administrator's resend writes an audit entry of its own.
/// </summary>
public class OutboxMessage : INotAudited
{
    public const int AddressLength = 256;
    public const int SubjectLength = 300;

    public int Id { get; set; }
    public required string MessageKey { get; set; }
    public string? DedupKey { get; set; }
    public MailKind Kind { get; set; }
    /// <summary>The account it goes to (null for an address without account).</summary>
    public string? UserId { get; set; }
    public required string ToAddress { get; set; }
    public string? ToName { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public required string HtmlBody { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? ClaimedAt { get; set; }
    public DateTime? SentAt { get; set; }
    /// <summary>The last failure, in French, without the address nor the body.</summary>
    public string? LastError { get; set; }
}

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("OutboxMessages");
        b.Property(x => x.MessageKey).HasMaxLength(64);
        b.Property(x => x.DedupKey).HasMaxLength(200);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.ToAddress).HasMaxLength(OutboxMessage.AddressLength);
        b.Property(x => x.ToName).HasMaxLength(200);
        b.Property(x => x.Subject).HasMaxLength(OutboxMessage.SubjectLength);
        b.Property(x => x.LastError).HasMaxLength(500);
        b.HasIndex(x => x.MessageKey).IsUnique();
        b.HasIndex(x => x.DedupKey).IsUnique();
        b.HasIndex(x => new { x.Status, x.NextAttemptAt });
        b.HasIndex(x => x.CreatedAt);
    }
}
