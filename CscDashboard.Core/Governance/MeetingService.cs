using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Workstreams;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Governance;

/// <summary>
/// Records meetings (ADR 031): create, edit, delete. Scope is checked here (<see cref="MeetingAccess"/>): the lead and
/// the admin manage every meeting, a coordinator those of their territories and of the workstreams they co-animate.
/// The minutes are sanitised on every write; each attending coordinator gets one activity in their log
/// (<see cref="MeetingActivities"/>), theirs to edit afterwards. Reads are in <see cref="MeetingQueries"/>.
/// </summary>
public sealed class MeetingService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock, ChangeNotifier notifier)
{
    public async Task<int> CreateAsync(MeetingInput input, CancellationToken ct = default)
    {
        var user = users.Current;
        MeetingAccess.EnsureCanRead(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        await EnsureCanManageAsync(db, user, input.TerritoryId, input.WorkstreamId, ct);
        await ValidateAsync(db, input, ct);
        var meeting = new Meeting { Title = "" };
        Apply(input, meeting);
        SyncAttendees(meeting, input);
        db.Meetings.Add(meeting);
        var created = await MeetingActivities.SaveWithActivitiesAsync(db, meeting, clock, ct);
        MeetingActivities.Notify(notifier, created);
        return meeting.Id;
    }

    /// <summary>Saves the form over the version it loaded (a conflict otherwise); returns the new version.</summary>
    public async Task<long> UpdateAsync(int id, MeetingInput input, CancellationToken ct = default)
    {
        var user = users.Current;
        MeetingAccess.EnsureCanRead(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var meeting = await db.Meetings.Include(m => m.Attendees).SingleOrDefaultAsync(m => m.Id == id, ct)
            ?? throw new NotFoundException("Cette réunion n'existe pas ou a été supprimée.");
        await EnsureCanManageAsync(db, user, meeting.TerritoryId, meeting.WorkstreamId, ct);
        await EnsureCanManageAsync(db, user, input.TerritoryId, input.WorkstreamId, ct);
        await ValidateAsync(db, input, ct);
        db.Entry(meeting).Property(m => m.Version).OriginalValue = input.Version;
        Apply(input, meeting);
        SyncAttendees(meeting, input);
        var created = await MeetingActivities.SaveWithActivitiesAsync(db, meeting, clock, ct);
        MeetingActivities.Notify(notifier, created);
        return meeting.Version;
    }

    /// <summary>Deletes the meeting, its decisions and attachment links; the activities it created stay in their authors' logs.</summary>
    public async Task DeleteAsync(int id, long version, CancellationToken ct = default)
    {
        var user = users.Current;
        MeetingAccess.EnsureCanRead(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var meeting = await db.Meetings.Include(m => m.Attendees).Include(m => m.Decisions).Include(m => m.Documents).Include(m => m.Reports)
            .SingleOrDefaultAsync(m => m.Id == id, ct) ?? throw new NotFoundException("Cette réunion n'existe pas ou a déjà été supprimée.");
        await EnsureCanManageAsync(db, user, meeting.TerritoryId, meeting.WorkstreamId, ct);
        db.Entry(meeting).Property(m => m.Version).OriginalValue = version;
        db.Meetings.Remove(meeting);
        await db.SaveOrConflictAsync(ct);
    }

    /// <summary>Refuses a caller who may not hold this territory's or workstream's meetings.</summary>
    internal static async Task EnsureCanManageAsync(AppDbContext db, CurrentUser user, int? territoryId, int? workstreamId, CancellationToken ct)
    {
        var coAnimator = territoryId is null && workstreamId is { } w && await WorkstreamService.IsCoAnimatorAsync(db, w, user.UserId, ct);
        MeetingAccess.EnsureCanManage(user, territoryId, coAnimator);
    }

    private static async Task ValidateAsync(AppDbContext db, MeetingInput input, CancellationToken ct)
    {
        var errors = MeetingRules.Validate(input, await db.OperationPeriodsAsync(ct));
        if (input.TerritoryId is { } t && !await db.Territories.AnyAsync(x => x.Id == t, ct))
        {
            errors.Add(nameof(input.TerritoryId), "Ce territoire n'existe pas.");
        }
        if (input.WorkstreamId is { } w && !await db.Workstreams.AnyAsync(x => x.Id == w, ct))
        {
            errors.Add(nameof(input.WorkstreamId), "Ce chantier n'existe pas.");
        }
        var accounts = input.AccountIds.Distinct().ToList();
        if (accounts.Count > 0 && await db.Users.CountAsync(u => accounts.Contains(u.Id), ct) != accounts.Count)
        {
            errors.Add(nameof(input.AccountIds), "Un des comptes choisis n'existe pas.");
        }
        var members = input.MemberIds.Distinct().ToList();
        if (members.Count > 0 && await db.Members.CountAsync(m => members.Contains(m.Id), ct) != members.Count)
        {
            errors.Add(nameof(input.MemberIds), "Un des membres du réseau choisis n'existe pas.");
        }
        var partners = input.PartnerIds.Distinct().ToList();
        if (partners.Count > 0 && await db.Partners.CountAsync(p => partners.Contains(p.Id), ct) != partners.Count)
        {
            errors.Add(nameof(input.PartnerIds), "Un des partenaires choisis n'existe pas.");
        }
        errors.ThrowIfAny();
    }

    private static void Apply(MeetingInput input, Meeting meeting)
    {
        meeting.Kind = input.Kind;
        meeting.Title = input.Title.Trim();
        meeting.Date = input.Date!.Value;
        meeting.StartTime = input.StartTime;
        meeting.DurationMinutes = input.DurationMinutes;
        meeting.TerritoryId = input.TerritoryId;
        meeting.WorkstreamId = input.WorkstreamId;
        meeting.Place = Clean(input.Place);
        meeting.VideoLink = Clean(input.VideoLink);
        meeting.Agenda = Clean(input.Agenda);
        meeting.Minutes = MinutesHtml.Sanitize(input.Minutes);
        meeting.OtherParticipantCount = input.OtherParticipantCount;
    }

    /// <summary>Keeps the attendees still wanted (with the activity made for them), removes the others, adds the new ones.</summary>
    private static void SyncAttendees(Meeting meeting, MeetingInput input)
    {
        var wanted = input.AccountIds.Distinct().Select(id => (AttendeeKind.Account, id))
            .Concat(input.MemberIds.Distinct().Select(id => (AttendeeKind.Member, id.ToString(French.Culture))))
            .Concat(input.PartnerIds.Distinct().Select(id => (AttendeeKind.Partner, id.ToString(French.Culture))))
            .ToHashSet();
        meeting.Attendees.RemoveAll(a => !wanted.Contains(KeyOf(a)));
        var present = meeting.Attendees.Select(KeyOf).ToHashSet();
        foreach (var (kind, key) in wanted.Where(k => !present.Contains(k)))
        {
            meeting.Attendees.Add(kind switch
            {
                AttendeeKind.Account => new MeetingAttendee { Kind = kind, UserId = key },
                AttendeeKind.Member => new MeetingAttendee { Kind = kind, MemberId = int.Parse(key, French.Culture) },
                _ => new MeetingAttendee { Kind = kind, PartnerId = int.Parse(key, French.Culture) },
            });
        }
    }

    internal static (AttendeeKind, string) KeyOf(MeetingAttendee a) => a.Kind switch
    {
        AttendeeKind.Account => (a.Kind, a.UserId!),
        AttendeeKind.Member => (a.Kind, a.MemberId!.Value.ToString(French.Culture)),
        _ => (a.Kind, a.PartnerId!.Value.ToString(French.Culture)),
    };

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
