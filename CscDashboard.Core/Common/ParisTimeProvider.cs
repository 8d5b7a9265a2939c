namespace CscDashboard.Core.Common;

/// <summary>
/// The system clock, with Europe/Paris as local time zone whatever the server's own: "today", the
/// evening rule and report periods follow the users' calendar, not the host's (often UTC).
/// </summary>
public sealed class ParisTimeProvider : TimeProvider
{
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public override TimeZoneInfo LocalTimeZone => Paris;
}
