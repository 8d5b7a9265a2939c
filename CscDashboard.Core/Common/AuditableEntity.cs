namespace CscDashboard.Core.Common;

/// <summary>
/// Base of every editable domain entity: an integer key, audit columns stamped by
/// <see cref="Data.AuditInterceptor"/> through <see cref="TimeProvider"/>, and an optimistic
/// concurrency token bumped on every update (SQLite has no rowversion).
/// </summary>
public abstract class AuditableEntity
{
    public int Id { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public long Version { get; set; }
}

/// <summary>An entity whose stored columns are derived from its other values before each save.</summary>
public interface IDerivesValues
{
    void RefreshDerivedValues();
}
