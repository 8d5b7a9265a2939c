namespace CscDashboard.Core.Indicators;

/// <summary>Where an indicator stands against its target on a day.</summary>
public enum TargetStatus
{
    /// <summary>No target is set.</summary>
    NoTarget,
    /// <summary>Below the expected value by more than <see cref="TargetTrack.Tolerance"/>.</summary>
    Behind,
    /// <summary>Within <see cref="TargetTrack.Tolerance"/> of the expected value.</summary>
    OnTrack,
    /// <summary>Above the expected value by more than <see cref="TargetTrack.Tolerance"/>.</summary>
    Ahead,
    /// <summary>The final target is met.</summary>
    Reached,
}

/// <summary>A value expected on a day: a milestone, or the final target on the operation's last day.</summary>
public sealed record TargetPoint(DateOnly Date, decimal Value);

/// <summary>
/// The line a target draws: 0 on the operation's first day, each milestone on its day, the final value on the last
/// day, straight between them (ADR 025). The operation's target, when it is the sum of its territories', expects the sum
/// of their expected values.
/// </summary>
public sealed class TargetTrack
{
    /// <summary>How far from the expected value still counts as "dans les temps": 10 % either way.</summary>
    public const decimal Tolerance = 0.10m;

    private readonly IReadOnlyList<TargetPoint> _points;

    private TargetTrack(IReadOnlyList<TargetPoint> points) => _points = points;

    /// <summary>The final value, expected on the last day.</summary>
    public decimal Final => _points[^1].Value;

    public IReadOnlyList<TargetPoint> Points => _points;

    /// <param name="milestones">Days strictly inside the operation; others are ignored (the service refuses them).</param>
    public static TargetTrack Of(DateOnly start, DateOnly end, decimal final, IEnumerable<TargetPoint> milestones)
    {
        var points = new List<TargetPoint> { new(start, 0) };
        points.AddRange(milestones.Where(m => m.Date > start && m.Date < end).OrderBy(m => m.Date));
        points.Add(new TargetPoint(end, final));
        return new TargetTrack(points);
    }

    /// <summary>The value expected on <paramref name="date"/>: 0 before the first day, the final value after the last.</summary>
    public decimal ExpectedAt(DateOnly date)
    {
        if (date <= _points[0].Date)
        {
            return _points[0].Value;
        }
        for (var i = 1; i < _points.Count; i++)
        {
            var (before, after) = (_points[i - 1], _points[i]);
            if (date <= after.Date)
            {
                var span = after.Date.DayNumber - before.Date.DayNumber;
                var elapsed = date.DayNumber - before.Date.DayNumber;
                return before.Value + (after.Value - before.Value) * elapsed / span;
            }
        }
        return Final;
    }

    /// <summary>
    /// Reached when the final value is met; otherwise ahead, on track or behind as <paramref name="actual"/> is more than
    /// <see cref="Tolerance"/> above, within it, or more than it below what is <paramref name="expected"/> (nothing expected yet:
    /// on track at 0, ahead above).
    /// </summary>
    public static TargetStatus StatusOf(decimal actual, decimal expected, decimal final)
    {
        if (actual >= final && final > 0)
        {
            return TargetStatus.Reached;
        }
        if (expected <= 0)
        {
            return actual > 0 ? TargetStatus.Ahead : TargetStatus.OnTrack;
        }
        return actual > expected * (1 + Tolerance) ? TargetStatus.Ahead
            : actual >= expected * (1 - Tolerance) ? TargetStatus.OnTrack
            : TargetStatus.Behind;
    }
}
