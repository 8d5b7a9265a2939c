using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CscDashboard.Core.Activities;

public sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> b)
    {
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Notes).HasMaxLength(4000);
        b.Property(x => x.FollowUp).HasMaxLength(2000);
        b.Property(x => x.AuthorId).HasMaxLength(450);
        b.Property(x => x.DeletedBy).HasMaxLength(450);
        b.Property(x => x.Type).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Format).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Place).HasConversion<string>().HasMaxLength(16);
        b.HasOne(x => x.Operation).WithMany().HasForeignKey(x => x.OperationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Territory).WithMany().HasForeignKey(x => x.TerritoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Author).WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.TerritoryId, x.Date });
        b.HasIndex(x => x.Date);
        b.HasIndex(x => new { x.AuthorId, x.Date });
        b.HasIndex(x => new { x.TerritoryId, x.Month });
        // An offline entry is created once per author (ADR 032). Both providers let NULLs repeat in a unique index.
        b.HasIndex(x => new { x.AuthorId, x.IdempotencyKey }).IsUnique();
        b.Ignore(x => x.ParticipantCount);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

public sealed class ActivityCentreConfiguration : IEntityTypeConfiguration<ActivityCentre>
{
    public void Configure(EntityTypeBuilder<ActivityCentre> b)
    {
        b.HasKey(x => new { x.ActivityId, x.CentreId });
        b.HasOne(x => x.Activity).WithMany(a => a.Centres).HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Centre).WithMany().HasForeignKey(x => x.CentreId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.CentreId);
    }
}

public sealed class ActivityWorkstreamConfiguration : IEntityTypeConfiguration<ActivityWorkstream>
{
    public void Configure(EntityTypeBuilder<ActivityWorkstream> b)
    {
        b.HasKey(x => new { x.ActivityId, x.WorkstreamId });
        b.HasOne(x => x.Activity).WithMany(a => a.Workstreams).HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Workstream).WithMany().HasForeignKey(x => x.WorkstreamId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.WorkstreamId);
    }
}

public sealed class ActivityPartnerConfiguration : IEntityTypeConfiguration<ActivityPartner>
{
    public void Configure(EntityTypeBuilder<ActivityPartner> b)
    {
        b.HasKey(x => new { x.ActivityId, x.PartnerId });
        b.HasOne(x => x.Activity).WithMany(a => a.Partners).HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Partner).WithMany().HasForeignKey(x => x.PartnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.PartnerId);
    }
}
