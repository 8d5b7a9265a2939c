using CscDashboard.Core.Common;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CscDashboard.Core.Workstreams;

/// <summary>One of the three fixed "chantiers thématiques".</summary>
public class Workstream : AuditableEntity
{
    public int Number { get; set; }
    public required string Name { get; set; }
    public required string ShortName { get; set; }
}

/// <summary>A coordinator co-animating a workstream.</summary>
public class WorkstreamCoordinator
{
    public int WorkstreamId { get; set; }
    public Workstream? Workstream { get; set; }
    public required string UserId { get; set; }
    public AppUser? User { get; set; }
}

/// <summary>A monitoring item (<i>veille</i>).</summary>
public class WatchItem : AuditableEntity
{
    public int WorkstreamId { get; set; }
    public Workstream? Workstream { get; set; }
    public required string Title { get; set; }
    public string? Url { get; set; }
    public string? Summary { get; set; }
    /// <summary>Comma-separated tags.</summary>
    public string? Tags { get; set; }
    public DateOnly Date { get; set; }
    public required string AuthorId { get; set; }
    public AppUser? Author { get; set; }
}

public enum DeliverableStatus
{
    Planned,
    InProgress,
    Delivered,
    Cancelled,
}

public class Deliverable : AuditableEntity
{
    public int WorkstreamId { get; set; }
    public Workstream? Workstream { get; set; }
    public required string Title { get; set; }
    public DateOnly DueDate { get; set; }
    public DeliverableStatus Status { get; set; }
    public int? DocumentId { get; set; }
    public EvidenceDocument? Document { get; set; }
}

public sealed class WorkstreamConfiguration : IEntityTypeConfiguration<Workstream>
{
    public void Configure(EntityTypeBuilder<Workstream> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.ShortName).HasMaxLength(60);
        b.HasIndex(x => x.Number).IsUnique();
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

public sealed class WorkstreamCoordinatorConfiguration : IEntityTypeConfiguration<WorkstreamCoordinator>
{
    public void Configure(EntityTypeBuilder<WorkstreamCoordinator> b)
    {
        b.HasKey(x => new { x.WorkstreamId, x.UserId });
        b.HasOne(x => x.Workstream).WithMany().HasForeignKey(x => x.WorkstreamId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class WatchItemConfiguration : IEntityTypeConfiguration<WatchItem>
{
    public void Configure(EntityTypeBuilder<WatchItem> b)
    {
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Url).HasMaxLength(1000);
        b.Property(x => x.Summary).HasMaxLength(4000);
        b.Property(x => x.Tags).HasMaxLength(400);
        b.HasOne(x => x.Workstream).WithMany().HasForeignKey(x => x.WorkstreamId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Author).WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.WorkstreamId, x.Date });
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

public sealed class DeliverableConfiguration : IEntityTypeConfiguration<Deliverable>
{
    public void Configure(EntityTypeBuilder<Deliverable> b)
    {
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.HasOne(x => x.Workstream).WithMany().HasForeignKey(x => x.WorkstreamId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Document).WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.SetNull);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}
