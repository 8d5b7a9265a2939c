using CscDashboard.Core.Operations;

namespace CscDashboard.Core.Common;

/// <summary>What a period is compared with, and where the dashboards' arrows may step from it (ADR 014).</summary>
public sealed partial record Period
{
    /// <summary>True when <paramref name="today"/> falls inside the period: its figures are not final yet.</summary>
    public bool IsUnderWay(DateOnly today) => From <= today && today <= To;

    /// <summary>
    /// The period the figures are compared with. A finished (or future) period: the whole previous equal
    /// period. A period under way on <paramref name="today"/>: only as many days of the previous one as
    /// have elapsed of this one, today included ("à date"): the 1st-15th of March against the 1st-15th of
    /// February, never half a month against a whole one.
    /// </summary>
    public Period ComparedPeriod(DateOnly today)
    {
        var previous = Previous();
        if (!IsUnderWay(today))
        {
            return previous;
        }
        var end = previous.From.AddDays(today.DayNumber - From.DayNumber);
        return end >= previous.To ? previous : Custom(previous.From, end);
    }

    /// <summary>
    /// The period the "previous" arrow opens: the previous operation from an operation, the previous equal
    /// period otherwise; null when that would end before the first operation starts (no figures can exist
    /// there) or when the first operation is shown.
    /// </summary>
    public Period? PreviousStep(IReadOnlyList<OperationPeriod> operations)
    {
        if (Kind == PeriodKind.Operation)
        {
            return Neighbour(operations, -1);
        }
        var previous = Previous();
        return operations.Count > 0 && previous.To < operations.Min(o => o.StartDate) ? null : previous;
    }

    /// <summary>The period the "next" arrow opens: the next operation, or the next equal period unless it starts after the last operation ends.</summary>
    public Period? NextStep(IReadOnlyList<OperationPeriod> operations)
    {
        if (Kind == PeriodKind.Operation)
        {
            return Neighbour(operations, +1);
        }
        var next = Next();
        return operations.Count > 0 && next.From > operations.Max(o => o.EndDate) ? null : next;
    }

    private Period? Neighbour(IReadOnlyList<OperationPeriod> operations, int direction)
    {
        var ordered = operations.OrderBy(o => o.StartDate).ToList();
        var position = ordered.FindIndex(o => string.Equals(o.Code, Code, StringComparison.OrdinalIgnoreCase));
        var index = position + direction;
        return position >= 0 && index >= 0 && index < ordered.Count ? Of(ordered[index]) : null;
    }
}
