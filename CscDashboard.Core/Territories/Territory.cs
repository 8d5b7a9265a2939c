using CscDashboard.Core.Common;
using CscDashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CscDashboard.Core.Territories;

/// <summary>One of the four "grands secteurs" of the job description.</summary>
public class Sector : AuditableEntity
{
    public int Number { get; set; }
    public required string Name { get; set; }
    /// <summary>Archived instead of deleted once it has territories (issue 20): kept for history, offered no more.</summary>
    public DateTime? ArchivedAt { get; set; }
    public List<Territory> Territories { get; set; } = [];
}

public class Territory : AuditableEntity
{
    /// <summary>Short stable code used in URLs (<c>/territories/{code}</c>) and on the command line.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>Display order, 1..n.</summary>
    public int Number { get; set; }
    public int SectorId { get; set; }
    public Sector? Sector { get; set; }
    /// <summary>A territory with data is archived, never deleted (issue 20): its history stays, it is offered no more.</summary>
    public DateTime? ArchivedAt { get; set; }
}

/// <summary>A coordinator's user account is responsible for one or more territories.</summary>
public class CoordinatorTerritory
{
    public required string UserId { get; set; }
    public AppUser? User { get; set; }
    public int TerritoryId { get; set; }
    public Territory? Territory { get; set; }
}

public sealed class SectorConfiguration : IEntityTypeConfiguration<Sector>
{
    public void Configure(EntityTypeBuilder<Sector> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasIndex(x => x.Number).IsUnique();
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

public sealed class TerritoryConfiguration : IEntityTypeConfiguration<Territory>
{
    public void Configure(EntityTypeBuilder<Territory> b)
    {
        b.Property(x => x.Code).HasMaxLength(16);
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasOne(x => x.Sector).WithMany(s => s.Territories).HasForeignKey(x => x.SectorId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

public sealed class CoordinatorTerritoryConfiguration : IEntityTypeConfiguration<CoordinatorTerritory>
{
    public void Configure(EntityTypeBuilder<CoordinatorTerritory> b)
    {
        b.HasKey(x => new { x.UserId, x.TerritoryId });
        b.HasOne(x => x.User).WithMany(u => u.Territories).HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Territory).WithMany().HasForeignKey(x => x.TerritoryId).OnDelete(DeleteBehavior.Cascade);
    }
}
