using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CscDashboard.Core.Indicators;

/// <summary>
/// How a group of inhabitants is described. Age bands split the inhabitants of an activity (their counts add up
/// to at most the inhabitant count); publics overlap (a parent may also seek a job), so each is at most that count.
/// </summary>
public enum AudienceKind
{
    AgeBand,
    Public,
}

/// <summary>An age band or a public of the anonymous breakdown (reference data, seeded on every start).</summary>
public class AudienceGroup : AuditableEntity
{
    /// <summary>Stable code (import files, indicators defined on a public).</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public AudienceKind Kind { get; set; }
    /// <summary>Display order inside its kind.</summary>
    public int Number { get; set; }
}

/// <summary>How many of an activity's inhabitants belong to a group: a count, never a name (DESIGN section 1).</summary>
public class ActivityAudience
{
    public int ActivityId { get; set; }
    public Activity? Activity { get; set; }
    public int AudienceGroupId { get; set; }
    public AudienceGroup? AudienceGroup { get; set; }
    public int Count { get; set; }
}

/// <summary>One group's count in an activity's breakdown, as typed in the entry form.</summary>
public sealed record AudienceCount(int GroupId, int Count);

public sealed class AudienceGroupConfiguration : IEntityTypeConfiguration<AudienceGroup>
{
    public void Configure(EntityTypeBuilder<AudienceGroup> b)
    {
        b.Property(x => x.Code).HasMaxLength(32);
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.Name).HasMaxLength(TextLimits.Name);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

public sealed class ActivityAudienceConfiguration : IEntityTypeConfiguration<ActivityAudience>
{
    public void Configure(EntityTypeBuilder<ActivityAudience> b)
    {
        b.HasKey(x => new { x.ActivityId, x.AudienceGroupId });
        b.HasOne(x => x.Activity).WithMany(a => a.Audience).HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.AudienceGroup).WithMany().HasForeignKey(x => x.AudienceGroupId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.AudienceGroupId);
    }
}
