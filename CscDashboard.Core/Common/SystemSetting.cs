using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CscDashboard.Core.Common;

/// <summary>A small key/value row for facts about the database itself (e.g. that demo data was seeded).</summary>
public class SystemSetting
{
    public const string DemoDataSeededAt = "DemoDataSeededAt";
    /// <summary>Set by <c>seed --scale national</c>: the database is the synthetic national-size data set.</summary>
    public const string NationalDataSeededAt = "NationalDataSeededAt";

    public required string Key { get; set; }
    public required string Value { get; set; }
}

public sealed class SystemSettingConfiguration : IEntityTypeConfiguration<SystemSetting>
{
    public void Configure(EntityTypeBuilder<SystemSetting> b)
    {
        b.HasKey(x => x.Key);
        b.Property(x => x.Key).HasMaxLength(100);
        b.Property(x => x.Value).HasMaxLength(1000);
    }
}
