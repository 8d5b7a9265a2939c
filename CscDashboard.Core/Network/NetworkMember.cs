using CscDashboard.Core.Common;
using CscDashboard.Core.Territories;
using CscDashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CscDashboard.Core.Network;

public enum MemberRole
{
    Coordinator,
    /// <summary>Chargé(e) de transition numérique.</summary>
    Ctn,
    Mediator,
    Volunteer,
    OtherProfessional,
    /// <summary>Délégué(e) de territoire: a volunteer elected for a territory (issue 20).</summary>
    TerritoryDelegate,
}

/// <summary>Time assignment to the operation; decides the evidence needed (mission letter, % statement, timesheets).</summary>
public enum Assignment
{
    None,
    FullTime,
    FixedPercent,
    Variable,
}

public class NetworkMember : AuditableEntity, IArchivable
{
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public MemberRole Role { get; set; }
    public int TerritoryId { get; set; }
    public Territory? Territory { get; set; }
    public int? CentreId { get; set; }
    public SocialCentre? Centre { get; set; }
    public Assignment Assignment { get; set; }
    /// <summary>For <see cref="Assignment.FixedPercent"/>: share of working time, 0..100.</summary>
    public decimal? AssignmentPercent { get; set; }
    /// <summary>Annual gross employment cost, for staff costs (hourly rate = cost / 1,720).</summary>
    public decimal? AnnualGrossCost { get; set; }
    public DateOnly ActiveFrom { get; set; }
    public DateOnly? ActiveTo { get; set; }
    /// <summary>Coordinators are members linked to their user account.</summary>
    public string? UserId { get; set; }
    public AppUser? User { get; set; }
    public DateTime? ArchivedAt { get; set; }

    public string FullName => $"{FirstName} {LastName}";
}

public sealed class NetworkMemberConfiguration : IEntityTypeConfiguration<NetworkMember>
{
    public void Configure(EntityTypeBuilder<NetworkMember> b)
    {
        b.Property(x => x.FirstName).HasMaxLength(100);
        b.Property(x => x.LastName).HasMaxLength(100);
        b.Property(x => x.Email).HasMaxLength(200);
        b.Property(x => x.Phone).HasMaxLength(30);
        b.Property(x => x.Role).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Assignment).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.AssignmentPercent).HasPrecision(5, 2);
        b.Property(x => x.AnnualGrossCost).HasPrecision(12, 2);
        b.HasOne(x => x.Territory).WithMany().HasForeignKey(x => x.TerritoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Centre).WithMany().HasForeignKey(x => x.CentreId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.TerritoryId, x.LastName });
        b.HasIndex(x => x.CentreId);
        // Dashboards count active members per territory: covering, so 20,000 members are counted from the index alone.
        b.HasIndex(x => new { x.TerritoryId, x.ActiveFrom, x.ActiveTo, x.ArchivedAt }).HasDatabaseName("IX_Members_Territory_Activity");
        b.Ignore(x => x.FullName);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}
