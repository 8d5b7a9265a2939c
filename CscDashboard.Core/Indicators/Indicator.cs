using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Territories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CscDashboard.Core.Indicators;

/// <summary>
/// How an indicator's value is obtained. All but <see cref="Manual"/> are computed: from the activity log through
/// <see cref="Dashboards.PeriodFigures"/>, or from the network directory as it stands on a day.
/// </summary>
public enum IndicatorSource
{
    /// <summary>Activities logged (of one type when <see cref="Indicator.ActivityType"/> is set).</summary>
    Activities,
    /// <summary>Inhabitants counted on the activities.</summary>
    Inhabitants,
    /// <summary>Professionals and volunteers counted on the activities.</summary>
    ProfessionalsAndVolunteers,
    /// <summary>Inhabitants of one age band or public of the breakdown (<see cref="Indicator.AudienceGroupId"/>).</summary>
    AudienceInhabitants,
    /// <summary>Partners met at least once (distinct).</summary>
    PartnersMet,
    /// <summary>Centres named on at least one activity (distinct).</summary>
    CentresActive,
    /// <summary>Centres engaged in the operation on the day (network directory).</summary>
    CentresEngaged,
    /// <summary>Declared by hand, period by period, with a note and the evidence behind it.</summary>
    Manual,
}

/// <summary>One indicator of an operation's catalogue: an EU indicator of the operation or an internal one.</summary>
public class Indicator : AuditableEntity
{
    public int OperationId { get; set; }
    public Operation? Operation { get; set; }
    /// <summary>Short code, unique in the operation (import files name indicators by it).</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>What is counted, in the plural ("habitants", "centres", "€").</summary>
    public required string Unit { get; set; }
    /// <summary>An indicator the operation reports to the EU (else internal steering).</summary>
    public bool IsEu { get; set; }
    public IndicatorSource Source { get; set; }
    /// <summary>Only the activities of this type (sources over the activities).</summary>
    public ActivityType? ActivityType { get; set; }
    /// <summary>The age band or public counted (<see cref="IndicatorSource.AudienceInhabitants"/>).</summary>
    public int? AudienceGroupId { get; set; }
    public AudienceGroup? AudienceGroup { get; set; }
    /// <summary>Display order in the catalogue.</summary>
    public int Number { get; set; }
    public List<IndicatorTarget> Targets { get; set; } = [];
}

/// <summary>
/// The value an indicator should reach by the end of its operation, for one territory or for the operation itself
/// (<see cref="TerritoryId"/> null: set on its own; without it, the operation's target is the sum of its territories').
/// </summary>
public class IndicatorTarget : AuditableEntity
{
    public int IndicatorId { get; set; }
    public Indicator? Indicator { get; set; }
    public int? TerritoryId { get; set; }
    public Territory? Territory { get; set; }
    /// <summary>The value expected on the operation's last day.</summary>
    public decimal Value { get; set; }
    /// <summary>Intermediate values expected on given days (the end of each year, say); the line runs straight between them.</summary>
    public List<TargetMilestone> Milestones { get; set; } = [];
}

public class TargetMilestone : AuditableEntity
{
    public int TargetId { get; set; }
    public IndicatorTarget? Target { get; set; }
    public DateOnly Date { get; set; }
    public decimal Value { get; set; }
}

/// <summary>
/// A value declared by hand for a manual indicator over a period of days (co-funding secured in a quarter, say), with a
/// note saying where it comes from and, when filed, the piece of evidence that supports it. It counts on its last day.
/// </summary>
public class IndicatorDeclaration : AuditableEntity
{
    public int IndicatorId { get; set; }
    public Indicator? Indicator { get; set; }
    /// <summary>The territory it is declared for; null for the operation as a whole.</summary>
    public int? TerritoryId { get; set; }
    public Territory? Territory { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public decimal Value { get; set; }
    public required string Note { get; set; }
    public int? EvidenceDocumentId { get; set; }
    public EvidenceDocument? EvidenceDocument { get; set; }
}

public sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> b)
    {
        b.Property(x => x.Code).HasMaxLength(IndicatorRules.CodeLength);
        b.HasIndex(x => new { x.OperationId, x.Code }).IsUnique();
        b.Property(x => x.Name).HasMaxLength(TextLimits.Name);
        b.Property(x => x.Unit).HasMaxLength(IndicatorRules.UnitLength);
        b.Property(x => x.Source).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.ActivityType).HasConversion<string>().HasMaxLength(24);
        b.HasOne(x => x.Operation).WithMany().HasForeignKey(x => x.OperationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.AudienceGroup).WithMany().HasForeignKey(x => x.AudienceGroupId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

public sealed class IndicatorTargetConfiguration : IEntityTypeConfiguration<IndicatorTarget>
{
    public void Configure(EntityTypeBuilder<IndicatorTarget> b)
    {
        b.Property(x => x.Value).HasPrecision(14, 2);
        b.HasOne(x => x.Indicator).WithMany(i => i.Targets).HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Territory).WithMany().HasForeignKey(x => x.TerritoryId).OnDelete(DeleteBehavior.Restrict);
        // One target per indicator and territory; the operation's own (no territory) by a partial index, since a unique
        // index lets several NULLs through.
        b.HasIndex(x => new { x.IndicatorId, x.TerritoryId }).IsUnique();
        b.HasIndex(x => x.IndicatorId).IsUnique().HasFilter("\"TerritoryId\" IS NULL").HasDatabaseName("IX_IndicatorTargets_OperationOwn");
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

public sealed class TargetMilestoneConfiguration : IEntityTypeConfiguration<TargetMilestone>
{
    public void Configure(EntityTypeBuilder<TargetMilestone> b)
    {
        b.Property(x => x.Value).HasPrecision(14, 2);
        b.HasOne(x => x.Target).WithMany(t => t.Milestones).HasForeignKey(x => x.TargetId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.TargetId, x.Date }).IsUnique();
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

public sealed class IndicatorDeclarationConfiguration : IEntityTypeConfiguration<IndicatorDeclaration>
{
    public void Configure(EntityTypeBuilder<IndicatorDeclaration> b)
    {
        b.Property(x => x.Value).HasPrecision(14, 2);
        b.Property(x => x.Note).HasMaxLength(TextLimits.Description);
        b.HasOne(x => x.Indicator).WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Territory).WithMany().HasForeignKey(x => x.TerritoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.EvidenceDocument).WithMany().HasForeignKey(x => x.EvidenceDocumentId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.IndicatorId, x.TerritoryId, x.To });
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}
