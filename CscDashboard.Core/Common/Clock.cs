namespace CscDashboard.Core.Common;

/// <summary>Reading the users' calendar from the injected clock (Europe/Paris: <see cref="ParisTimeProvider"/>).</summary>
public static class Clock
{
    /// <summary>Today's date in the clock's local time zone: what "today" means to the people using the app.</summary>
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
}
