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
    public static bool IsPublicHolidayOrClosing(DateOnly date)
    {
        if (date is { Month: 12, Day: >= 24 } or { Month: 1, Day: 1 })
        {
            return true;
        }
        if ((date.Month, date.Day) is (5, 1) or (5, 8) or (7, 14) or (8, 15) or (11, 1) or (11, 11))
        {
            return true;
        }
        var easter = EasterSunday(date.Year);
        return date == easter.AddDays(1) || date == easter.AddDays(39) || date == easter.AddDays(50);
    }

    /// <summary>Gregorian Easter (Meeus/Jones/Butcher computus).</summary>
    private static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = (19 * a + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7;
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }
}
