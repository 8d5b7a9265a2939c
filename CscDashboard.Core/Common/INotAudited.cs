namespace CscDashboard.Core.Common;

/// <summary>Derived rows (aggregates) that the audit log skips: they are recomputed from audited data.</summary>
public interface INotAudited;
