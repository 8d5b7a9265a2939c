using CscDashboard.Core.Common;
using CscDashboard.Core.Territories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CscDashboard.Core.Network;

public enum CentreStatus
{
    Candidate,
    Engaged,
    Withdrawn,
}

public class SocialCentre : AuditableEntity, IArchivable
{
    public required string Name { get; set; }
    public required string Commune { get; set; }
    public required string Postcode { get; set; }
    public string? Address { get; set; }
    public int TerritoryId { get; set; }
    public Territory? Territory { get; set; }
    public CentreStatus Status { get; set; }
    public DateOnly? CandidateSince { get; set; }
    public DateOnly? EngagedOn { get; set; }
    public DateOnly? WithdrawnOn { get; set; }
    /// <summary>The centre where a coordinator is based.</summary>
    public bool IsHostCentre { get; set; }
    public DateTime? ArchivedAt { get; set; }
}

public sealed class SocialCentreConfiguration : IEntityTypeConfiguration<SocialCentre>
{
    public void Configure(EntityTypeBuilder<SocialCentre> b)
    {
        b.ToTable("SocialCentres");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Commune).HasMaxLength(100);
        b.Property(x => x.Postcode).HasMaxLength(10);
        b.Property(x => x.Address).HasMaxLength(300);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.HasOne(x => x.Territory).WithMany().HasForeignKey(x => x.TerritoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.TerritoryId, x.Name });
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}
