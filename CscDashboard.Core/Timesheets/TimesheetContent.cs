using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Reporting;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Timesheets;

/// <summary>
/// What a monthly timesheet says — one line per day worked, from the activities the member logged through their account
/// and the manual lines of their <see cref="Timesheet"/> — and its SHA-256, which signatures keep (ADR 027). The hash
/// covers the member, the month and each day's minutes and titles: editing an activity's title, duration or date
/// changes it; printing the sheet again does not.
/// </summary>
public static class TimesheetContent
{
    public static async Task<IReadOnlyList<TimesheetDay>> DaysAsync(AppDbContext db, int memberId, string? memberUserId, DateOnly month, CancellationToken ct)
    {
        var entries = new List<(DateOnly Date, int Minutes, string Label)>();
        if (memberUserId is { } userId)
        {
            var activities = await db.Activities.AsNoTracking()
                .Where(a => a.AuthorId == userId && a.Month == month && a.DeletedAt == null)
                .Chronological()
                .Select(a => new { a.Date, a.DurationMinutes, a.Title })
                .ToListAsync(ct);
            entries.AddRange(activities.Select(a => (a.Date, a.DurationMinutes, a.Title)));
        }
        var manual = await db.TimesheetLines.AsNoTracking()
            .Where(l => l.Timesheet!.MemberId == memberId && l.Timesheet.Month == month)
            .OrderBy(l => l.Date).ThenBy(l => l.Id)
            .Select(l => new { l.Date, l.Minutes, l.Label })
            .ToListAsync(ct);
        entries.AddRange(manual.Select(l => (l.Date, l.Minutes, l.Label)));
        // One line per day for the document; the month holds a few dozen entries at most.
        return entries.GroupBy(e => e.Date).OrderBy(g => g.Key)
            .Select(g => new TimesheetDay(g.Key, g.Sum(e => e.Minutes), g.Select(e => e.Label).ToList())).ToList();
    }

    public static string Hash(int memberId, DateOnly month, IReadOnlyList<TimesheetDay> days)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"membre {memberId}\nmois {month:yyyy-MM}\n");
        foreach (var day in days)
        {
            text.Append(CultureInfo.InvariantCulture, $"{day.Date:yyyy-MM-dd};{day.Minutes};{string.Join('\u001F', day.Titles)}\n");
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public static async Task<string> HashAsync(AppDbContext db, int memberId, string? memberUserId, DateOnly month, CancellationToken ct) =>
        Hash(memberId, month, await DaysAsync(db, memberId, memberUserId, month, ct));

    /// <summary>Signed by the person, and countersigned: from the signatures that still hold.</summary>
    public static SignatureStatus StatusOf(IEnumerable<TimesheetSignature> signatures)
    {
        var valid = signatures.Where(s => s.InvalidatedAt is null).Select(s => s.Kind).ToHashSet();
        return !valid.Contains(SignatureKind.Employee) ? SignatureStatus.Draft
            : valid.Contains(SignatureKind.Countersignature) ? SignatureStatus.Countersigned
            : SignatureStatus.SignedByEmployee;
    }

    /// <summary>
    /// After activities of <paramref name="authorId"/> changed in <paramref name="months"/>: the signatures of that
    /// person's timesheets whose content no longer matches are invalidated and the timesheets' status follows. Called in
    /// the activity write's transaction; one query when nothing is signed.
    /// </summary>
    public static async Task RefreshAfterActivityWriteAsync(AppDbContext db, string authorId, IEnumerable<DateOnly> months, DateTime now, CancellationToken ct)
    {
        var wanted = months.Distinct().ToList();
        var timesheets = await db.Timesheets
            .Where(t => t.Member!.UserId == authorId && wanted.Contains(t.Month) && t.Signatures.Any(s => s.InvalidatedAt == null))
            .Include(t => t.Signatures).Include(t => t.Member)
            .ToListAsync(ct);
        foreach (var timesheet in timesheets)
        {
            var hash = await HashAsync(db, timesheet.MemberId, authorId, timesheet.Month, ct);
            foreach (var signature in timesheet.Signatures.Where(s => s.InvalidatedAt is null && s.ContentSha256 != hash))
            {
                signature.InvalidatedAt = now;
            }
            timesheet.Status = StatusOf(timesheet.Signatures);
        }
        if (timesheets.Count > 0)
        {
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>
    /// The project lead's countersignature, at approval, of each timesheet of the territory's members that the person
    /// signed for the month and that still holds; saved by the approval's transaction.
    /// </summary>
    public static async Task CountersignAsync(AppDbContext db, int territoryId, DateOnly month, CurrentUser lead, DateTime now, CancellationToken ct)
    {
        var timesheets = await db.Timesheets
            .Where(t => t.Member!.TerritoryId == territoryId && t.Month == month
                && t.Signatures.Any(s => s.Kind == SignatureKind.Employee && s.InvalidatedAt == null))
            .Include(t => t.Signatures).Include(t => t.Member)
            .ToListAsync(ct);
        foreach (var timesheet in timesheets)
        {
            var hash = await HashAsync(db, timesheet.MemberId, timesheet.Member!.UserId, month, ct);
            var employee = timesheet.Signatures.Where(s => s.Kind == SignatureKind.Employee && s.InvalidatedAt is null).ToList();
            if (!employee.Any(s => s.ContentSha256 == hash)
                || timesheet.Signatures.Any(s => s.Kind == SignatureKind.Countersignature && s.InvalidatedAt is null && s.ContentSha256 == hash))
            {
                continue;
            }
            timesheet.Signatures.Add(new TimesheetSignature
            {
                Kind = SignatureKind.Countersignature, SignedByUserId = lead.UserId, SignedByName = lead.DisplayName, SignedAt = now, ContentSha256 = hash,
            });
            timesheet.Status = StatusOf(timesheet.Signatures);
        }
        await db.SaveChangesAsync(ct);
    }
}
