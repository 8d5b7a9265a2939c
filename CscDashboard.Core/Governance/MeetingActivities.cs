using CscDashboard.Core.Activities;
using CscDashboard.Core.Closing;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Data;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Timesheets;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Governance;

/// <summary>
/// A meeting counts as an activity of each coordinator who attends (issue 20 point 3): one entry per coordinator,
/// created when the meeting is saved, then theirs to edit like any entry. Created only for a meeting dated no later
/// than the activity log accepts (7 days ahead); saving the meeting again later creates the missing ones. Participant
/// counts stay on the meeting (each entry counts none, so that figures do not count a committee's partners ten times).
/// </summary>
internal static class MeetingActivities
{
    /// <summary>Saves the meeting and the activities it owes, their months' aggregates and timesheets, in one transaction.</summary>
    public static async Task<IReadOnlyList<Activity>> SaveWithActivitiesAsync(AppDbContext db, Meeting meeting, TimeProvider clock, CancellationToken ct)
    {
        var created = await AddMissingAsync(db, meeting, clock.Today(), ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var activity in created)
        {
            await MonthLock.EnsureOpenAsync(db, await MonthLock.ActivityKeysAsync(db, activity.AuthorId, [MonthKey.Of(activity.TerritoryId, activity.Date)], ct), ct);
        }
        await db.SaveOrConflictAsync(ct);
        if (created.Count > 0)
        {
            await ActivityStatsUpdater.RefreshAsync(db, created.Select(StatScope.Of).ToList(), ct);
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var activity in created)
            {
                await TimesheetContent.RefreshAfterActivityWriteAsync(db, activity.AuthorId, [MonthClosing.MonthOf(activity.Date)], now, ct);
            }
        }
        await transaction.CommitAsync(ct);
        return created;
    }

    public static void Notify(ChangeNotifier notifier, IEnumerable<Activity> created)
    {
        foreach (var activity in created)
        {
            notifier.NotifyActivityChanged(new ActivityChange(activity.Id, activity.TerritoryId, activity.Date));
        }
    }

    private static async Task<List<Activity>> AddMissingAsync(AppDbContext db, Meeting meeting, DateOnly today, CancellationToken ct)
    {
        if (meeting.Date > today.AddDays(ActivityRules.MaxDaysAhead))
        {
            return [];
        }
        var operation = (await db.OperationPeriodsAsync(ct)).FirstOrDefault(o => o.Contains(meeting.Date));
        var waiting = meeting.Attendees.Where(a => a.Kind == AttendeeKind.Account && a.ActivityId is null && a.Activity is null).ToList();
        if (operation is null || waiting.Count == 0)
        {
            return [];
        }
        var userIds = waiting.Select(a => a.UserId!).ToList();
        var territories = await db.CoordinatorTerritories.AsNoTracking().Where(c => userIds.Contains(c.UserId))
            .Select(c => new { c.UserId, c.TerritoryId, c.Territory!.Number }).ToListAsync(ct);
        var created = new List<Activity>();
        foreach (var attendee in waiting)
        {
            var own = territories.Where(t => t.UserId == attendee.UserId).OrderBy(t => t.Number).Select(t => t.TerritoryId).ToList();
            if (own.Count == 0)
            {
                continue; // not a coordinator: the lead's and the federal team's time is not logged as activities
            }
            var activity = new Activity
            {
                AuthorId = attendee.UserId!,
                OperationId = operation.Id,
                Date = meeting.Date,
                StartTime = meeting.StartTime,
                DurationMinutes = meeting.DurationMinutes,
                // The meeting's territory when the coordinator covers it, else their own first one.
                TerritoryId = meeting.TerritoryId is { } t && own.Contains(t) ? t : own[0],
                Type = MeetingRules.ActivityTypeOf(meeting.Kind),
                Format = meeting.Place is null && meeting.VideoLink is not null ? ActivityFormat.Remote : ActivityFormat.Meeting,
                Place = meeting.Place is null && meeting.VideoLink is not null ? ActivityPlace.Remote : ActivityPlace.Elsewhere,
                Title = Truncate($"{GovernanceLabels.Of(meeting.Kind)} — {meeting.Title}", ActivityRules.MaxTitleLength),
                Notes = "Saisie avec la réunion (menu « Réunions et décisions ») : le compte rendu et les décisions y sont.",
                Workstreams = meeting.WorkstreamId is { } w ? [new ActivityWorkstream { WorkstreamId = w }] : [],
            };
            attendee.Activity = activity;
            db.Activities.Add(activity);
            created.Add(activity);
        }
        return created;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
