using System.Linq.Expressions;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;

namespace CscDashboard.Core.Dashboards;

/// <summary>
/// A period cut into the whole months it covers (read from the monthly aggregates) and at most two
/// edges of days that do not fill a month (read from the activities).
/// </summary>
public sealed record PeriodSlices(DateOnly FirstMonth, DateOnly LastMonth, bool HasMonths, DateOnly Edge1From, DateOnly Edge1To, DateOnly Edge2From, DateOnly Edge2To)
{
    public bool HasEdges => Edge1From <= Edge1To || Edge2From <= Edge2To;

    public static PeriodSlices Of(Period period) => Of(period.From, period.To);

    public static PeriodSlices Of(DateOnly from, DateOnly to)
    {
        var firstFull = from.Day == 1 ? from : new DateOnly(from.Year, from.Month, 1).AddMonths(1);
        var lastFullEnd = to.AddDays(1).Day == 1 ? to : new DateOnly(to.Year, to.Month, 1).AddDays(-1);
        var none = (From: DateOnly.MaxValue, To: DateOnly.MinValue);
        if (firstFull > lastFullEnd)
        {
            return new PeriodSlices(firstFull, firstFull, false, from, to, none.From, none.To);
        }
        var head = from < firstFull ? (from, firstFull.AddDays(-1)) : none;
        var tail = to > lastFullEnd ? (lastFullEnd.AddDays(1), to) : none;
        return new PeriodSlices(firstFull, new DateOnly(lastFullEnd.Year, lastFullEnd.Month, 1), true, head.Item1, head.Item2, tail.Item1, tail.Item2);
    }

    /// <summary>
    /// The edges that hold days, one or two. An empty edge is left out of the SQL rather than sent as an
    /// impossible range: PostgreSQL cannot tell such a range is empty and plans for thousands of rows
    /// (a parallel scan where a glance at the date index would do).
    /// </summary>
    public IReadOnlyList<(DateOnly From, DateOnly To)> EdgeRanges =>
        new[] { (Edge1From, Edge1To), (Edge2From, Edge2To) }.Where(r => r.Item1 <= r.Item2).ToList();

    /// <summary>The activities dated in one of the edges.</summary>
    public IQueryable<Activity> Edges(IQueryable<Activity> activities)
    {
        var activity = Expression.Parameter(typeof(Activity), "a");
        var date = Expression.Property(activity, nameof(Activity.Date));
        var body = EdgeRanges
            .Select(r => (Expression)Expression.AndAlso(
                Expression.GreaterThanOrEqual(date, Expression.Constant(r.From)), Expression.LessThanOrEqual(date, Expression.Constant(r.To))))
            .Aggregate(Expression.OrElse);
        return activities.Where(Expression.Lambda<Func<Activity, bool>>(body, activity));
    }
}
