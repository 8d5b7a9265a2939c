using CscDashboard.Core.Data;
using CscDashboard.Core.Data.Postgres;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Postgres;

/// <summary>Each provider has its own migrations: a model change must come with a migration for both (no server needed).</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresModelTests
{
    [Fact]
    public void Both_providers_have_a_migration_for_every_model_change()
    {
        using var sqlite = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var postgres = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=none").Options);

        Assert.False(sqlite.Database.HasPendingModelChanges(),
            "SQLite : dotnet ef migrations add NOM --context AppDbContext --project CscDashboard.Core --startup-project CscDashboard.Core");
        Assert.False(postgres.Database.HasPendingModelChanges(),
            "PostgreSQL : dotnet ef migrations add NOM --context PostgresAppDbContext --output-dir Data/Postgres/Migrations --project CscDashboard.Core --startup-project CscDashboard.Core");
    }

    [Fact]
    public void The_postgres_model_holds_the_data_protection_keys_and_the_sqlite_one_does_not()
    {
        using var sqlite = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var postgres = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=none").Options);

        Assert.Contains(postgres.Model.GetEntityTypes(), t => t.GetTableName() == "DataProtectionKeys");
        Assert.DoesNotContain(sqlite.Model.GetEntityTypes(), t => t.GetTableName() == "DataProtectionKeys");
        Assert.Equal(
            sqlite.Model.GetEntityTypes().Select(t => t.GetTableName()).Order(StringComparer.Ordinal),
            postgres.Model.GetEntityTypes().Select(t => t.GetTableName()).Where(t => t != "DataProtectionKeys").Order(StringComparer.Ordinal));
    }
}
