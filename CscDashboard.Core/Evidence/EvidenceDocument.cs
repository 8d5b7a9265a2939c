using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Finance;
using CscDashboard.Core.Network;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Territories;
using CscDashboard.Core.Timesheets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CscDashboard.Core.Evidence;

public enum EvidenceCategory
{
    Timesheet,
    PurchaseOrder,
    Invoice,
    AttendanceSheet,
    PublicityProof,
    Payslip,
    MissionLetter,
    Other,
}

/// <summary>
/// A piece of evidence for the EU. The file itself is stored once by SHA-256 under the data
/// directory (never in wwwroot); this row carries what it proves and what it is linked to.
/// </summary>
public class EvidenceDocument : AuditableEntity
{
    public int OperationId { get; set; }
    public Operation? Operation { get; set; }
    /// <summary>Territory whose coordinators may read it; null for federation-level evidence.</summary>
    public int? TerritoryId { get; set; }
    public Territory? Territory { get; set; }
    public EvidenceCategory Category { get; set; }
    public required string Sha256 { get; set; }
    public required string OriginalName { get; set; }
    public long Size { get; set; }
    /// <summary>Checked from the file's bytes, not its name.</summary>
    public required string ContentType { get; set; }
    public int? ActivityId { get; set; }
    public Activity? Activity { get; set; }
    public int? ExpenseId { get; set; }
    public Expense? Expense { get; set; }
    public int? MemberId { get; set; }
    public NetworkMember? Member { get; set; }
    public int? CentreId { get; set; }
    public SocialCentre? Centre { get; set; }
    public int? TimesheetId { get; set; }
    public Timesheet? Timesheet { get; set; }
    /// <summary>
    /// First day of the month the document belongs to: given at upload, else the month of the linked
    /// activity, expense or timesheet, else the upload month. Always set by <see cref="EvidenceService"/>.
    /// </summary>
    public DateOnly? PeriodMonth { get; set; }
    public DateOnly RetentionUntil { get; set; }
    /// <summary>A withdrawal is recorded, the file is kept until <see cref="RetentionUntil"/>.</summary>
    public DateTime? WithdrawnAt { get; set; }
    public string? WithdrawnBy { get; set; }
    public string? WithdrawalReason { get; set; }
}

public sealed class EvidenceDocumentConfiguration : IEntityTypeConfiguration<EvidenceDocument>
{
    public void Configure(EntityTypeBuilder<EvidenceDocument> b)
    {
        b.Property(x => x.Category).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
        b.Property(x => x.OriginalName).HasMaxLength(255);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.Property(x => x.WithdrawnBy).HasMaxLength(450);
        b.Property(x => x.WithdrawalReason).HasMaxLength(1000);
        b.HasOne(x => x.Operation).WithMany().HasForeignKey(x => x.OperationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Territory).WithMany().HasForeignKey(x => x.TerritoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Activity).WithMany().HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Expense).WithMany().HasForeignKey(x => x.ExpenseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Member).WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Centre).WithMany().HasForeignKey(x => x.CentreId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Timesheet).WithMany().HasForeignKey(x => x.TimesheetId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.Sha256);
        b.HasIndex(x => x.ActivityId);
        b.HasIndex(x => x.ExpenseId);
        b.HasIndex(x => x.MemberId);
        b.HasIndex(x => x.CentreId);
        b.HasIndex(x => new { x.TerritoryId, x.Category });
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}
