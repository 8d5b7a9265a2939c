using CscDashboard.Core.Common;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Territories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CscDashboard.Core.Reporting;

public enum ReportKind
{
    Monthly,
    QuarterlyCommittee,
    Territory,
    PaymentClaim,
}

public enum ReportStatus
{
    Pending,
    Running,
    Ready,
    Failed,
}

/// <summary>
/// A frozen report: the data it was built from (JSON) and its PDF. Never recomputed silently:
/// regenerating makes a new <see cref="Version"/>.
/// </summary>
public class ReportSnapshot : AuditableEntity
{
    public ReportKind Kind { get; set; }
    public int? OperationId { get; set; }
    public Operation? Operation { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    /// <summary>The period's code (2023-03, 2023-Q1, 2023 or an operation code), as typed on the command line; its label is derived.</summary>
    public required string PeriodCode { get; set; }
    /// <summary>"federation" or a territory code.</summary>
    public required string Scope { get; set; }
    public int? TerritoryId { get; set; }
    public Territory? Territory { get; set; }
    public int ReportVersion { get; set; } = 1;
    public ReportStatus Status { get; set; }
    /// <summary>A user's display name or the job's name.</summary>
    public required string RequestedBy { get; set; }
    public string? DataJson { get; set; }
    /// <summary>Path of the PDF relative to the reports folder of the data directory.</summary>
    public string? PdfPath { get; set; }
    public string? Error { get; set; }
    public DateTime? CompletedAt { get; set; }
}

public sealed class ReportSnapshotConfiguration : IEntityTypeConfiguration<ReportSnapshot>
{
    public void Configure(EntityTypeBuilder<ReportSnapshot> b)
    {
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.PeriodCode).HasMaxLength(32);
        b.Property(x => x.Scope).HasMaxLength(32);
        b.Property(x => x.RequestedBy).HasMaxLength(200);
        b.Property(x => x.PdfPath).HasMaxLength(400);
        b.Property(x => x.Error).HasMaxLength(4000);
        b.HasOne(x => x.Operation).WithMany().HasForeignKey(x => x.OperationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Territory).WithMany().HasForeignKey(x => x.TerritoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.Kind, x.PeriodCode, x.Scope, x.ReportVersion }).IsUnique();
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}
