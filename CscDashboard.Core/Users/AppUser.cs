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
}

public sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(x => x.DisplayName).HasMaxLength(200);
    }
}
