namespace CscDashboard.Web.Components.Layout;

/// <summary>Per circuit: true while this circuit's page runs a restore, which it reports itself instead of reloading (<see cref="MaintenanceBanner"/>).</summary>
public sealed class MaintenanceCircuit
{
    public bool Restoring { get; set; }
}
