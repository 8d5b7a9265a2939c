namespace CscDashboard.Core.Activities;

/// <summary>
/// Activities in time order: day, start time, then id. Activities without a start time come before
/// the timed ones of their day (after them, newest first): SQLite's order for NULL, written out so
/// that PostgreSQL, which puts NULL at the other end, lists them the same way.
/// </summary>
public static class ActivityOrder
{
    public static IOrderedQueryable<Activity> Chronological(this IQueryable<Activity> activities) =>
        activities.OrderBy(a => a.Date).ThenBy(a => a.StartTime != null).ThenBy(a => a.StartTime).ThenBy(a => a.Id);

    public static IOrderedQueryable<Activity> NewestFirst(this IQueryable<Activity> activities) =>
        activities.OrderByDescending(a => a.Date).ThenByDescending(a => a.StartTime != null).ThenByDescending(a => a.StartTime).ThenByDescending(a => a.Id);
}
