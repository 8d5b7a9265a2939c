using CscDashboard.Core.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CscDashboard.Core.Timesheets;

public enum SignatureKind
{
    /// <summary>The person confirms their month (or their coordinator does, from the signed paper scan).</summary>
    Employee,
    /// <summary>The manager's countersignature: the project lead's, given when the month is approved (or on the paper scan).</summary>
    Countersignature,
}

/// <summary>
/// A signature of a monthly timesheet (ADR 027): who, when, and the SHA-256 of the timesheet's content as it was signed
/// (<see cref="TimesheetContent"/>). When the content changes (an activity edited in a reopened month), the signature is
/// invalidated, kept for the history, and the timesheet's status falls back.
/// </summary>
public class TimesheetSignature
{
    public int Id { get; set; }
    public int TimesheetId { get; set; }
    public Timesheet? Timesheet { get; set; }
    public SignatureKind Kind { get; set; }
    public string? SignedByUserId { get; set; }
    public required string SignedByName { get; set; }
    public DateTime SignedAt { get; set; }
    /// <summary>Lower-case hexadecimal SHA-256 of the content signed.</summary>
    public required string ContentSha256 { get; set; }
    /// <summary>Given by the coordinator from the paper the person (or the manager) signed, kept as <see cref="EvidenceId"/>.</summary>
    public bool OnPaper { get; set; }
    public int? EvidenceId { get; set; }
    public EvidenceDocument? Evidence { get; set; }
    /// <summary>When the content stopped matching <see cref="ContentSha256"/>; null while the signature holds.</summary>
    public DateTime? InvalidatedAt { get; set; }
}

public sealed class TimesheetSignatureConfiguration : IEntityTypeConfiguration<TimesheetSignature>
{
    public void Configure(EntityTypeBuilder<TimesheetSignature> b)
    {
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.SignedByUserId).HasMaxLength(450);
        b.Property(x => x.SignedByName).HasMaxLength(256);
        b.Property(x => x.ContentSha256).HasMaxLength(64).IsFixedLength();
        b.HasOne(x => x.Timesheet).WithMany(t => t.Signatures).HasForeignKey(x => x.TimesheetId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Evidence).WithMany().HasForeignKey(x => x.EvidenceId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.TimesheetId, x.InvalidatedAt });
    }
}
