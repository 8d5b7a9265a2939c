using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CscDashboard.Core.Data.Postgres;

/// <summary>
/// The same model on PostgreSQL, with its own migrations (Data/Postgres/Migrations) and one more
/// table: the ASP.NET Core data-protection keys, shared by every app instance so that a cookie
/// issued by one is read by the others. Services still see an <see cref="AppDbContext"/>.
/// </summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // Npgsql writes DateTime to "timestamp with time zone" only when its Kind is Utc. Every stored
        // instant of the app is UTC already (audit stamps, deletions…); the converter also accepts an
        // Unspecified one as UTC, which is what SQLite hands back and what a test writes.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        // Same rule for DateTimeOffset (Identity's lockout end): Npgsql only writes offset zero.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcDateTimeOffsetConverter>();
    }

    // Internal, not private: the compiled model (Data/Compiled/Postgres) creates them.
    internal sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
        value => value.ToUniversalTime(),
        value => value);

    internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        value => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc),
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
