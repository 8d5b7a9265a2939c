using CscDashboard.Core.Common;
using CscDashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CscDashboard.Core.OpenData;

/// <summary>
/// A personal access token to the read API (ADR 026). The secret is shown once at creation and only its SHA-256 is
/// kept; <see cref="Hint"/> (its first characters) lets its owner recognise it. Its scope is fixed at creation and never
/// wider than its account's: <see cref="Role"/> is the account's role then, or <see cref="Roles.Committee"/> for
/// "aggregates only"; a coordinator's token keeps the territories chosen then (<see cref="TerritoryIds"/>). At each use
/// the account must still be active and still hold that role, and the territories are narrowed to the account's.
/// Created and revoked through EF (audited rows); each use writes an audit entry of its own.
/// </summary>
public class AccessToken : AuditableEntity
{
    public const int NameLength = 100;
    public const int MaxDays = 365;

    public required string UserId { get; set; }
    public AppUser? User { get; set; }
    public required string Name { get; set; }
    /// <summary>Lower-case hexadecimal SHA-256 of the whole secret (<c>csc_…</c>).</summary>
    public required string SecretHash { get; set; }
    /// <summary>The secret's first characters (<c>csc_AbCd1234</c>), shown in the lists.</summary>
    public required string Hint { get; set; }
    /// <summary>The role the token reads with: its account's role at creation, or the committee's (aggregates only).</summary>
    public required string Role { get; set; }
    /// <summary>A coordinator's token: the territory ids it reads as its own, comma-separated; empty for other roles.</summary>
    public string TerritoryIds { get; set; } = "";
    public DateTime ExpiresAt { get; set; }
    /// <summary>The last request made with the token (UTC); written at each use without a second audit row.</summary>
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }

    public IReadOnlySet<int> Territories() => Split(TerritoryIds);

    public static IReadOnlySet<int> Split(string territoryIds) =>
        territoryIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToHashSet();

    public static string Join(IEnumerable<int> territoryIds) => string.Join(",", territoryIds.Distinct().Order());
}

public sealed class AccessTokenConfiguration : IEntityTypeConfiguration<AccessToken>
{
    public void Configure(EntityTypeBuilder<AccessToken> b)
    {
        b.ToTable("AccessTokens");
        b.Property(x => x.Name).HasMaxLength(AccessToken.NameLength);
        b.Property(x => x.SecretHash).HasMaxLength(64);
        b.Property(x => x.Hint).HasMaxLength(20);
        b.Property(x => x.Role).HasMaxLength(50);
        b.Property(x => x.TerritoryIds).HasMaxLength(500);
        b.Property(x => x.RevokedBy).HasMaxLength(200);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.SecretHash).IsUnique();
        b.HasIndex(x => x.UserId);
    }
}
