using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CscDashboard.Core.Dashboards;

/// <summary>
/// Monthly aggregates of the activity log, kept up to date in the same transaction as every
/// activity write (<see cref="ActivityStatsUpdater"/>) and rebuilt in bulk after seeding, so that
/// dashboards sum a few thousand rows instead of a million activities (NOTES.md, SQLite speed).
/// </summary>
public class ActivityMonthStat : INotAudited
{
    public int TerritoryId { get; set; }
    /// <summary>First day of the month.</summary>
    public DateOnly Month { get; set; }
    public ActivityType Type { get; set; }
    public int Activities { get; set; }
    public int Minutes { get; set; }
    public int Inhabitants { get; set; }
    public int Professionals { get; set; }
    public int Volunteers { get; set; }
    public int Partners { get; set; }
    public int EveningMinutes { get; set; }
    public int WeekendMinutes { get; set; }
    /// <summary>Inhabitants described by the activities' age bands (<see cref="Activity.AgesDescribed"/>).</summary>
    public int AgesDescribed { get; set; }
    /// <summary>Inhabitants of the activities whose publics were given (<see cref="Activity.PublicsDescribed"/>).</summary>
    public int PublicsDescribed { get; set; }
}

/// <summary>Activities linked to a centre in a month; <see cref="TerritoryId"/> is the centre's territory.</summary>
public class CentreMonthStat : INotAudited
{
    public int CentreId { get; set; }
    public int TerritoryId { get; set; }
    public DateOnly Month { get; set; }
    public int Activities { get; set; }
    public int Minutes { get; set; }
    public DateOnly LastDate { get; set; }
    /// <summary>Last visit or centre-support activity of the month (the directory's "last visit" rule).</summary>
    public DateOnly? LastVisitDate { get; set; }
}

/// <summary>Activities with a partner, per territory of the activity and month.</summary>
public class PartnerMonthStat : INotAudited
{
    public int PartnerId { get; set; }
    public int TerritoryId { get; set; }
    public DateOnly Month { get; set; }
    public int Activities { get; set; }
}

/// <summary>Activities tagged with a workstream, per territory of the activity and month.</summary>
public class WorkstreamMonthStat : INotAudited
{
    public int WorkstreamId { get; set; }
    public int TerritoryId { get; set; }
    public DateOnly Month { get; set; }
    public int Activities { get; set; }
    public int Minutes { get; set; }
    public int Inhabitants { get; set; }
}

/// <summary>An age band or public of the breakdown, per territory of the activity and month: <see cref="Inhabitants"/> is the sum of its counts.</summary>
public class AudienceMonthStat : INotAudited
{
    public int AudienceGroupId { get; set; }
    public int TerritoryId { get; set; }
    public DateOnly Month { get; set; }
    public int Activities { get; set; }
    public int Inhabitants { get; set; }
}

public sealed class ActivityMonthStatConfiguration : IEntityTypeConfiguration<ActivityMonthStat>
{
    public void Configure(EntityTypeBuilder<ActivityMonthStat> b)
    {
        b.HasKey(x => new { x.TerritoryId, x.Month, x.Type });
        b.Property(x => x.Type).HasConversion<string>().HasMaxLength(24);
        // Whole-federation periods read a month range. Covering (every summed column in the index):
        // SQLite then never fetches table rows, which was most of the time of a whole-operation
        // overview on the national database (docs/bench.md). Territory periods use the key.
        b.HasIndex(x => new { x.Month, x.TerritoryId, x.Type, x.Activities, x.Minutes, x.Inhabitants, x.Professionals, x.Volunteers, x.EveningMinutes, x.WeekendMinutes, x.AgesDescribed, x.PublicsDescribed })
            .HasDatabaseName("IX_ActivityMonthStats_Month_Covering");
    }
}

public sealed class CentreMonthStatConfiguration : IEntityTypeConfiguration<CentreMonthStat>
{
    public void Configure(EntityTypeBuilder<CentreMonthStat> b)
    {
        b.HasKey(x => new { x.CentreId, x.Month });
        // Covering indexes, as for ActivityMonthStats: active centres over a month range, a territory's centres.
        b.HasIndex(x => new { x.Month, x.TerritoryId, x.CentreId }).HasDatabaseName("IX_CentreMonthStats_Month_Covering");
        b.HasIndex(x => new { x.TerritoryId, x.Month, x.CentreId, x.Activities, x.Minutes }).HasDatabaseName("IX_CentreMonthStats_Territory_Covering");
    }
}

public sealed class PartnerMonthStatConfiguration : IEntityTypeConfiguration<PartnerMonthStat>
{
    public void Configure(EntityTypeBuilder<PartnerMonthStat> b)
    {
        b.HasKey(x => new { x.PartnerId, x.TerritoryId, x.Month });
        b.HasIndex(x => new { x.Month, x.TerritoryId, x.PartnerId, x.Activities }).HasDatabaseName("IX_PartnerMonthStats_Month_Covering");
        b.HasIndex(x => new { x.TerritoryId, x.Month, x.PartnerId, x.Activities }).HasDatabaseName("IX_PartnerMonthStats_Territory_Covering");
    }
}

public sealed class WorkstreamMonthStatConfiguration : IEntityTypeConfiguration<WorkstreamMonthStat>
{
    public void Configure(EntityTypeBuilder<WorkstreamMonthStat> b)
    {
        b.HasKey(x => new { x.WorkstreamId, x.TerritoryId, x.Month });
        b.HasIndex(x => new { x.Month, x.TerritoryId, x.WorkstreamId, x.Activities, x.Minutes, x.Inhabitants }).HasDatabaseName("IX_WorkstreamMonthStats_Month_Covering");
    }
}

public sealed class AudienceMonthStatConfiguration : IEntityTypeConfiguration<AudienceMonthStat>
{
    public void Configure(EntityTypeBuilder<AudienceMonthStat> b)
    {
        b.HasKey(x => new { x.AudienceGroupId, x.TerritoryId, x.Month });
        // The federation's breakdown groups by age band or public over a month range: group first, SQLite then reads each group's months
        // in order and sums them without sorting 40,000 rows (national database, ADR 025). Territory periods use the second index.
        b.HasIndex(x => new { x.AudienceGroupId, x.Month, x.TerritoryId, x.Activities, x.Inhabitants }).HasDatabaseName("IX_AudienceMonthStats_Group_Covering");
        b.HasIndex(x => new { x.TerritoryId, x.Month, x.AudienceGroupId, x.Activities, x.Inhabitants }).HasDatabaseName("IX_AudienceMonthStats_Territory_Covering");
    }
}
