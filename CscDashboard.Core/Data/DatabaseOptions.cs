namespace CscDashboard.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which database the app uses (<c>Database:Provider</c>): SQLite in the data directory (the default,
/// one instance) or PostgreSQL (<c>ConnectionStrings:Postgres</c>, several instances). See
/// docs/decisions/010-postgresql-and-several-instances.md.
/// </summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string? PostgresConnectionString = null)
{
    public const string Section = "Database";
    public const string PostgresConnectionName = "Postgres";

    public static readonly DatabaseOptions Sqlite = new(DatabaseProvider.Sqlite);

    public bool IsPostgres => Provider == DatabaseProvider.Postgres;

    public static DatabaseOptions Postgres(string connectionString) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new ArgumentException("Database:Provider vaut Postgres mais ConnectionStrings:Postgres est vide.")
            : new(DatabaseProvider.Postgres, connectionString);

    /// <summary>Reads the two settings; an unknown provider or a missing connection string is a French error.</summary>
    public static DatabaseOptions From(string? provider, string? postgresConnectionString) => provider?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => Sqlite,
        "postgres" or "postgresql" => Postgres(postgresConnectionString ?? ""),
        _ => throw new ArgumentException($"Database:Provider « {provider} » inconnu : Sqlite ou Postgres."),
    };
}
