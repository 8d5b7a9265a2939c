using CscDashboard.Core.Common;
using CscDashboard.Core.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CscDashboard.Core.Timesheets;

public enum SignatureStatus
{
    Draft,
    SignedByEmployee,
    Countersigned,
}

/// <summary>A member's month: hours per day come from their activities plus the manual lines here.</summary>
public class Timesheet : AuditableEntity
{
    public int MemberId { get; set; }
    public NetworkMember? Member { get; set; }
    /// <summary>First day of the month.</summary>
    public DateOnly Month { get; set; }
    /// <summary>Follows the valid <see cref="Signatures"/> (<see cref="TimesheetContent.StatusOf"/>).</summary>
    public SignatureStatus Status { get; set; }
    public List<TimesheetLine> Lines { get; set; } = [];
    public List<TimesheetSignature> Signatures { get; set; } = [];
}

/// <summary>Time worked on the operation that is not in the activity log.</summary>
public class TimesheetLine
{
    public int Id { get; set; }
    public int TimesheetId { get; set; }
    public Timesheet? Timesheet { get; set; }
    public DateOnly Date { get; set; }
    public int Minutes { get; set; }
    public required string Label { get; set; }
}

public sealed class TimesheetConfiguration : IEntityTypeConfiguration<Timesheet>
{
    public void Configure(EntityTypeBuilder<Timesheet> b)
    {
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(24);
        b.HasOne(x => x.Member).WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.MemberId, x.Month }).IsUnique();
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

public sealed class TimesheetLineConfiguration : IEntityTypeConfiguration<TimesheetLine>
{
    public void Configure(EntityTypeBuilder<TimesheetLine> b)
    {
        b.Property(x => x.Label).HasMaxLength(200);
        b.HasOne(x => x.Timesheet).WithMany(t => t.Lines).HasForeignKey(x => x.TimesheetId).OnDelete(DeleteBehavior.Cascade);
    }
}
