using CscDashboard.Core.Data;
using CscDashboard.Core.Data.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

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

    /// <summary>
    /// The start uses the compiled models (Data/Compiled, ADR 038) instead of building the model from OnModelCreating:
    /// a model change must regenerate them, or the app would run on the old model.
    /// </summary>
    [Fact]
    public void The_compiled_models_match_the_model_of_both_providers()
    {
        using var sqlite = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var postgres = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=none").Options);

        Assert.IsType<CscDashboard.Core.Data.Compiled.Sqlite.AppDbContextModel>(sqlite.Model);
        Assert.IsType<CscDashboard.Core.Data.Compiled.Postgres.PostgresAppDbContextModel>(postgres.Model);
        AssertSameAsItsCompiledModel(sqlite,
            "dotnet ef dbcontext optimize --context AppDbContext --output-dir Data/Compiled/Sqlite --namespace CscDashboard.Core.Data.Compiled.Sqlite --project CscDashboard.Core --startup-project CscDashboard.Core");
        AssertSameAsItsCompiledModel(postgres,
            "dotnet ef dbcontext optimize --context PostgresAppDbContext --output-dir Data/Compiled/Postgres --namespace CscDashboard.Core.Data.Compiled.Postgres --project CscDashboard.Core --startup-project CscDashboard.Core");
    }

    private static void AssertSameAsItsCompiledModel(DbContext context, string command)
    {
        var compiled = Describe(context.Model);
        var current = Describe(context.GetService<IDesignTimeModel>().Model);
        var difference = current.Except(compiled).Concat(compiled.Except(current)).FirstOrDefault();
        Assert.True(difference is null, $"Le modèle compilé n'est plus à jour ({difference}) : {command}");
        Assert.Equal(current.Count, compiled.Count);
    }

    /// <summary>What the app relies on at run time: tables, columns, keys, indexes and the mapping of each property.</summary>
    private static List<string> Describe(IModel model)
    {
        var lines = new List<string>();
        foreach (var table in model.GetRelationalModel().Tables)
        {
            lines.AddRange(table.Columns.Select(c => $"{table.Name}.{c.Name} {c.StoreType} {(c.IsNullable ? "null" : "not null")}"));
            lines.Add($"{table.Name} key {table.PrimaryKey?.Name}({string.Join(",", table.PrimaryKey?.Columns.Select(c => c.Name) ?? [])})");
            lines.AddRange(table.ForeignKeyConstraints.Select(f =>
                $"{table.Name} fk {f.Name}({string.Join(",", f.Columns.Select(c => c.Name))}) → {f.PrincipalTable.Name} {f.OnDeleteAction}"));
            lines.AddRange(table.Indexes.Select(i =>
                $"{table.Name} index {i.Name}({string.Join(",", i.Columns.Select(c => c.Name))}) {(i.IsUnique ? "unique" : "")} {i.Filter}"));
        }
        foreach (var entity in model.GetEntityTypes())
        {
            lines.Add($"{entity.Name} → {entity.GetTableName()} {string.Join(";", entity.GetDeclaredQueryFilters().Select(f => f.Expression?.ToString()))}");
            lines.AddRange(entity.GetProperties().Select(p =>
                $"{entity.Name}.{p.Name} {p.ClrType.Name} → {p.GetColumnName()} {p.GetTypeMapping().Converter?.GetType().Name} {p.GetMaxLength()} {p.IsNullable} {p.ValueGenerated} {p.IsConcurrencyToken}"));
            lines.AddRange(entity.GetNavigations().Select(n => $"{entity.Name}.{n.Name} → {n.TargetEntityType.Name}"));
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
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
