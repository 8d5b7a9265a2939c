using CscDashboard.Core.Territories;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CscDashboard.Core.Users;

/// <summary>An Identity account. Coordinators are linked to their territories and to their network-member record.</summary>
public class AppUser : IdentityUser
{
    public required string DisplayName { get; set; }
    public bool IsDemo { get; set; }
    public List<CoordinatorTerritory> Territories { get; set; } = [];

    /// <summary>
    /// When the administrator deactivated the account (UTC); null while it is active. A deactivated account
    /// cannot sign in, and its activities, evidence and audit history stay (accounts are never deleted).
    /// Kept apart from Identity's lockout, which is the short "too many failures" lock (ADR 016).
    /// </summary>
    public DateTime? DeactivatedAt { get; set; }

    public bool IsActive => DeactivatedAt is null;
}

public sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(x => x.DisplayName).HasMaxLength(200);
    }
}
