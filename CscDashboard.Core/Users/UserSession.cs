using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CscDashboard.Core.Users;

/// <summary>
/// One sign-in (ADR 018): its id travels in the sign-in cookie, and a cookie whose row is revoked, or whose
/// account's security stamp changed, is refused on the next request. Sign-out revokes the row; a new password,
/// a deactivation or a reset of the second factor revokes every row of the account. Rows are kept (audited).
/// </summary>
public class UserSession
{
    /// <summary>32 hexadecimal characters drawn at random: the cookie's claim.</summary>
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public AppUser? User { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The last request seen, written at most every <see cref="UserSessionService.LastSeenStep"/> (not audited).</summary>
    public DateTime LastSeenAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    /// <summary>The browser, as its User-Agent header names it (truncated): for the person who reads the audit.</summary>
    public string? UserAgent { get; set; }
}

public sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.ToTable("UserSessions");
        b.Property(x => x.Id).HasMaxLength(32);
        b.Property(x => x.UserAgent).HasMaxLength(UserSessionService.UserAgentLength);
        b.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.UserId, x.RevokedAt });
    }
}
