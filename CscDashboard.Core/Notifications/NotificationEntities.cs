using CscDashboard.Core.Common;
using CscDashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CscDashboard.Core.Notifications;

/// <summary>
/// A password-reset link asked for from the sign-in page or sent by the administrator (ADR 028): only the SHA-256 of its
/// secret is kept (<see cref="SecretHash"/>, left out of the audit log's values), valid one hour, used once. Audited.
/// </summary>
public class PasswordResetToken
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public AppUser? User { get; set; }
    /// <summary>Lower-case hexadecimal SHA-256 of the secret in the link.</summary>
    public required string SecretHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
    /// <summary>« page de connexion », or the administrator who sent the link.</summary>
    public required string RequestedBy { get; set; }
}

/// <summary>
/// A fact in a user's notification centre (the bell): the same facts as the e-mails, each with the address of the page that
/// resolves it. <see cref="DedupKey"/> names the fact and its period: a job run twice adds it once. Not audited: derived
/// from audited data, and reading it is bookkeeping.
/// </summary>
public class Notification : INotAudited
{
    public const int TitleLength = 200;
    public const int TextLength = 1000;

    public int Id { get; set; }
    public required string UserId { get; set; }
    public MailKind Kind { get; set; }
    public required string Title { get; set; }
    public required string Text { get; set; }
    /// <summary>A path of the app (<c>/activities/new</c>, <c>/compliance</c>…).</summary>
    public required string Link { get; set; }
    public required string DedupKey { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}

/// <summary>A kind of e-mail a user chose not to receive (from <c>/account/notifications</c> or a mail's unsubscribe link). Audited.</summary>
public class MailOptOut
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public MailKind Kind { get; set; }
    public DateTime At { get; set; }
}

public sealed class PasswordResetTokenConfiguration : IEntityTypeConfiguration<PasswordResetToken>
{
    public void Configure(EntityTypeBuilder<PasswordResetToken> b)
    {
        b.ToTable("PasswordResetTokens");
        b.Property(x => x.SecretHash).HasMaxLength(64);
        b.Property(x => x.RequestedBy).HasMaxLength(200);
        b.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.SecretHash).IsUnique();
        b.HasIndex(x => new { x.UserId, x.CreatedAt });
    }
}

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("Notifications");
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Title).HasMaxLength(Notification.TitleLength);
        b.Property(x => x.Text).HasMaxLength(Notification.TextLength);
        b.Property(x => x.Link).HasMaxLength(300);
        b.Property(x => x.DedupKey).HasMaxLength(200);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.UserId, x.DedupKey }).IsUnique();
        b.HasIndex(x => new { x.UserId, x.ReadAt });
    }
}

public sealed class MailOptOutConfiguration : IEntityTypeConfiguration<MailOptOut>
{
    public void Configure(EntityTypeBuilder<MailOptOut> b)
    {
        b.ToTable("MailOptOuts");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.UserId, x.Kind }).IsUnique();
    }
}
