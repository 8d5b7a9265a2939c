using CscDashboard.Core.Common;
using CscDashboard.Core.Network;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Territories;

namespace CscDashboard.Core.Data.Seeding;

/// <summary>A demo coordinator account, its territory and the workstream it co-animates.</summary>
internal sealed record DemoCoordinator(int Number, string UserId, string Email, Territory Territory, int WorkstreamNumber);

/// <summary>A partner row and how activity titles name it.</summary>
internal sealed record DemoPartnerRow(Partner Partner, string InTitle);

/// <summary>What the demo generators know about the database they fill; rows are added as they get ids.</summary>
internal sealed class DemoWorld
{
    /// <summary>First day of the demo logs.</summary>
    public required DateOnly Start { get; init; }
    /// <summary>Local date of the clock: nothing is dated after it.</summary>
    public required DateOnly Today { get; init; }
    /// <summary>Ordered by start date; together they cover every day from the first start.</summary>
    public required IReadOnlyList<Operation> Operations { get; init; }
    public required IReadOnlyList<Territory> Territories { get; init; }
    public required IReadOnlyList<DemoCoordinator> Coordinators { get; init; }
    /// <summary>Workstream id and short name by number (1..3).</summary>
    public required IReadOnlyDictionary<int, (int Id, string ShortName)> Workstreams { get; init; }

    public List<SocialCentre> Centres { get; } = [];
    public List<DemoPartnerRow> Partners { get; } = [];

    public Operation? OperationOn(DateOnly date)
    {
        foreach (var operation in Operations)
        {
            if (operation.Contains(date))
            {
                return operation;
            }
        }
        return null;
    }

    public IEnumerable<DemoCoordinator> CoordinatorsOf(int workstreamNumber) =>
        Coordinators.Where(c => c.WorkstreamNumber == workstreamNumber);

    /// <summary>A French public holiday, or the federation's closing from 24 December to 1 January.</summary>
    public static bool IsPublicHolidayOrClosing(DateOnly date) =>
        date is { Month: 12, Day: >= 24 } or { Month: 1, Day: 1 } || FrenchHolidays.IsPublicHoliday(date);
}
