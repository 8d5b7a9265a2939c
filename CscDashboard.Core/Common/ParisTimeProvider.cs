using System.Globalization;

namespace CscDashboard.Core.Common;

/// <summary>
/// The system clock, with Europe/Paris as local time zone whatever the server's own: "today", the
/// evening rule and report periods follow the users' calendar, not the host's (often UTC).
/// </summary>
public sealed class ParisTimeProvider : TimeProvider
{
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public override TimeZoneInfo LocalTimeZone => Paris;

    /// <summary>A stored UTC time as Paris reads it, "dd/MM/yyyy HH:mm" unless another (numeric) format is given.</summary>
    public static string Format(DateTime utc, string format = "dd/MM/yyyy HH:mm") =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Paris).ToString(format, CultureInfo.InvariantCulture);
}
