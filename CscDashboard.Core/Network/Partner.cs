using CscDashboard.Core.Common;
using CscDashboard.Core.Territories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CscDashboard.Core.Network;

public enum PartnerKind
{
    Commune,
    Epci,
    Departement,
    Region,
    Caf,
    State,
    Association,
    Company,
    Other,
}

public class Partner : AuditableEntity, IArchivable
{
    public required string Name { get; set; }
    public PartnerKind Kind { get; set; }
    /// <summary>Null for a federation-wide partner.</summary>
    public int? TerritoryId { get; set; }
    public Territory? Territory { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }
    public bool IsCommitteeMember { get; set; }
    public DateTime? ArchivedAt { get; set; }
}

public sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ContactName).HasMaxLength(200);
        b.Property(x => x.ContactEmail).HasMaxLength(200);
        b.Property(x => x.ContactPhone).HasMaxLength(30);
        b.HasOne(x => x.Territory).WithMany().HasForeignKey(x => x.TerritoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.TerritoryId);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}
