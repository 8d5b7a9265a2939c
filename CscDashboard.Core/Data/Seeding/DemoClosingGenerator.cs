using CscDashboard.Core.Closing;
using CscDashboard.Core.Common;

namespace CscDashboard.Core.Data.Seeding;

/// <summary>
/// The month closes of the demo (ADR 027): every territory's months are approved by the project lead up to two months
/// before today; last month, Artois's submission was returned with a comment (its coordinator, coord2, sees it on the
/// home page) and Valenciennois's awaits the lead's decision; the other territories have not submitted it yet.
/// </summary>
internal sealed class DemoClosingGenerator(DemoWorld world)
{
    /// <summary>Artois (coord2, the coordinator of the accessibility scan): last month was returned.</summary>
    public const int ReturnedTerritory = 2;
    /// <summary>Valenciennois (coord4): last month awaits approval.</summary>
    public const int AwaitingTerritory = 4;

    public const string ReturnComment =
        "Il manque les feuilles d'émargement des ateliers du mois : déposez-les, puis soumettez de nouveau le mois.";
    public const string SubmitComment = "Mois complet ; la facture de l'imprimerie du forum arrive la semaine prochaine.";

    private static readonly TimeZoneInfo Paris = ParisTimeProvider.Paris;

    private DateOnly LastMonth => MonthClosing.MonthOf(world.Today).AddMonths(-1);

    /// <summary>The rows: approved months, then last month's returned and awaiting ones (stamped by the bulk inserter).</summary>
    public List<MonthClose> Closes()
    {
        var closes = new List<MonthClose>();
        var operations = world.Operations.Select(o => new Operations.OperationPeriod(o.Id, o.Code, o.StartDate, o.EndDate)).ToList();
        foreach (var coordinator in world.Coordinators)
        {
            for (var month = MonthClosing.MonthOf(world.Start); month < LastMonth; month = month.AddMonths(1))
            {
                if (!MonthClosing.IsClosable(month, world.Today, operations))
                {
                    continue;
                }
                closes.Add(new MonthClose
                {
                    TerritoryId = coordinator.Territory.Id, Month = month, Status = MonthCloseStatus.Approved,
                    SubmittedAt = Submitted(month), SubmittedBy = DemoDataSeeder.CoordinatorName(coordinator.Number),
                    ApprovedAt = Approved(month), ApprovedBy = DemoDataSeeder.LeadName,
                });
            }
            if (coordinator.Number == ReturnedTerritory)
            {
                closes.Add(new MonthClose
                {
                    TerritoryId = coordinator.Territory.Id, Month = LastMonth, Status = MonthCloseStatus.Open,
                    SubmittedAt = Submitted(LastMonth), SubmittedBy = DemoDataSeeder.CoordinatorName(coordinator.Number),
                    ReturnedAt = Approved(LastMonth), ReturnedBy = DemoDataSeeder.LeadName, ReturnComment = ReturnComment,
                });
            }
            else if (coordinator.Number == AwaitingTerritory)
            {
                closes.Add(new MonthClose
                {
                    TerritoryId = coordinator.Territory.Id, Month = LastMonth, Status = MonthCloseStatus.Submitted,
                    SubmittedAt = Submitted(LastMonth), SubmittedBy = DemoDataSeeder.CoordinatorName(coordinator.Number),
                });
            }
        }
        // Last month's steps happened before today, even on the first days of a month.
        foreach (var close in closes.Where(c => c.Month == LastMonth))
        {
            close.SubmittedAt = Min(close.SubmittedAt!.Value, Utc(world.Today.AddDays(-1), 9));
            close.ReturnedAt = close.ReturnedAt is null ? null : Min(close.ReturnedAt.Value, Utc(world.Today.AddDays(-1), 18));
        }
        return closes;
    }

    /// <summary>Each close's history, once the closes have their ids.</summary>
    public IEnumerable<MonthCloseEvent> Events(IEnumerable<MonthClose> closes, string? leadUserId)
    {
        var coordinators = world.Coordinators.ToDictionary(c => c.Territory.Id);
        foreach (var close in closes)
        {
            var coordinator = coordinators[close.TerritoryId];
            yield return new MonthCloseEvent
            {
                MonthCloseId = close.Id, Action = MonthCloseAction.Submitted, At = close.SubmittedAt!.Value, UserId = coordinator.UserId,
                UserName = close.SubmittedBy!, Comment = close.Status == MonthCloseStatus.Submitted ? SubmitComment : null,
            };
            if (close.Status == MonthCloseStatus.Approved)
            {
                yield return new MonthCloseEvent
                {
                    MonthCloseId = close.Id, Action = MonthCloseAction.Approved, At = close.ApprovedAt!.Value, UserId = leadUserId, UserName = close.ApprovedBy!,
                };
            }
            else if (close.ReturnComment is not null)
            {
                yield return new MonthCloseEvent
                {
                    MonthCloseId = close.Id, Action = MonthCloseAction.Returned, At = close.ReturnedAt!.Value, UserId = leadUserId,
                    UserName = close.ReturnedBy!, Comment = close.ReturnComment,
                };
            }
        }
    }

    /// <summary>The coordinator submits on the 3rd of the next month, at 17:00 in Paris.</summary>
    private static DateTime Submitted(DateOnly month) => Utc(month.AddMonths(1).AddDays(2), 17);

    /// <summary>The lead decides on the 8th, at 10:00.</summary>
    private static DateTime Approved(DateOnly month) => Utc(month.AddMonths(1).AddDays(7), 10);

    private static DateTime Utc(DateOnly day, int hour) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, 0)), Paris);

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
