using CscDashboard.Core.Common;
using CscDashboard.Core.Compliance;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Home;

/// <summary>One of the caller's latest entries, to open it or log it again.</summary>
public sealed record RecentEntry(int Id, DateOnly Date, string Title, int DurationMinutes);

/// <summary>
/// The top of the home page for those who log activities: the caller's own week (Monday to Sunday holding today),
/// their latest entries, and how many evidence pieces their territories still owe for <see cref="EvidenceOperationCode"/>
/// (the to-do list of <c>/compliance?operation=…</c>, same count).
/// </summary>
public sealed record HomeActions(
    DateOnly Monday,
    int WeekMinutes,
    int WeekEntries,
    IReadOnlyList<RecentEntry> Recent,
    int EvidenceOwed,
    string? EvidenceOperationCode);

public sealed partial class HomeService
{
    public const int RecentCount = 5;

    /// <summary>
    /// The action hub of the home page; coordinators, project lead and admin only (the log readers). An account-less
    /// caller (a job) has no week and no entries of its own.
    /// </summary>
    public async Task<HomeActions> GetActionsAsync(CancellationToken ct = default)
    {
        var user = users.Current;
        if (!user.CanReadActivities)
        {
            throw new ScopeViolationException("Le journal d'activités n'est pas accessible avec votre rôle.");
        }
        var today = clock.Today();
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var sunday = monday.AddDays(6);

        await using var db = await factory.CreateDbContextAsync(ct);
        var mine = db.Activities.AsNoTracking().Where(a => a.AuthorId == user.UserId && a.DeletedAt == null);
        var week = mine.Where(a => a.Date >= monday && a.Date <= sunday);
        var weekMinutes = await week.SumAsync(a => (int?)a.DurationMinutes, ct) ?? 0;
        var weekEntries = await week.CountAsync(ct);
        // Latest entered first, as the entry form's "last type" default reads them.
        var recent = await mine.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(RecentCount)
            .Select(a => new RecentEntry(a.Id, a.Date, a.Title, a.DurationMinutes))
            .ToListAsync(ct);

        // The compliance page's default operation: the one holding today, else the latest.
        var operation = await db.Operations.AsNoTracking()
            .OrderByDescending(o => o.StartDate <= today && o.EndDate >= today).ThenByDescending(o => o.StartDate)
            .Select(o => new { o.Id, o.Code })
            .FirstOrDefaultAsync(ct);
        var owed = 0;
        if (operation is not null)
        {
            // The same count as the to-do list, scoped to the caller's territories by ComplianceService.
            var completeness = await compliance.CompletenessAsync(new ComplianceQuery(operation.Id), ct);
            owed = completeness.Sum(c => c.Missing);
        }
        return new HomeActions(monday, weekMinutes, weekEntries, recent, owed, operation?.Code);
    }
}
