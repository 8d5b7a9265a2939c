using System.Globalization;

namespace CscDashboard.Core.Tools;

/// <summary>
/// The values EF Core's SQLite provider writes, as text, for the CLR types SQLite has no storage
/// class for. Bulk-written rows must hold exactly the same text, or EF's comparisons (which are
/// string comparisons on these columns) and its readers would disagree with them.
/// </summary>
internal static class SqliteStoreValues
{
    /// <summary>Turns a provider value (after the EF value converter) into what SQLite stores.</summary>
    public static object ToStore(object? value) => value switch
    {
        null => DBNull.Value,
        string or long or int or bool or double or byte[] => value,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly time => Format(time),
        DateTime dateTime => dateTime.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        decimal number => number.ToString("0.0###########################", CultureInfo.InvariantCulture),
        short or byte or sbyte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        float f => (double)f,
        // Guid, DateTimeOffset, TimeSpan…: add them here once checked against a row EF wrote.
        _ => throw new NotSupportedException($"BulkInserter has no checked SQLite format for {value.GetType().Name}."),
    };

    /// <summary>Whole seconds are stored without a fraction, other values with seven digits.</summary>
    private static string Format(TimeOnly time) =>
        time.Ticks % TimeSpan.TicksPerSecond == 0
            ? time.ToString("HH:mm:ss", CultureInfo.InvariantCulture)
            : time.ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture);
}
