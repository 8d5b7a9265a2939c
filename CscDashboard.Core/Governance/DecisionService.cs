using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Governance;

/// <summary>
/// Decisions recorded in meetings (ADR 031): written by whoever manages the meeting; their status and follow-up also by
/// their owner. Open decisions (à faire, en cours) are listed on the owner's home and on the lead's dashboard; an open
/// decision past its due date is overdue. Every write is audited by the interceptor.
/// </summary>
public sealed class DecisionService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock)
{
    public async Task<int> AddAsync(int meetingId, DecisionInput input, CancellationToken ct = default)
    {
        var user = users.Current;
        MeetingAccess.EnsureCanRead(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        var meeting = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId).Select(m => new { m.TerritoryId, m.WorkstreamId }).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("Cette réunion n'existe pas ou a été supprimée.");
        await MeetingService.EnsureCanManageAsync(db, user, meeting.TerritoryId, meeting.WorkstreamId, ct);
        await ValidateAsync(db, input, ct);
        var decision = new Decision { MeetingId = meetingId, Text = "", OwnerId = "" };
        Apply(input, decision, clock.Today());
        db.Decisions.Add(decision);
        await db.SaveChangesAsync(ct);
        return decision.Id;
    }

    /// <summary>Text, owner, due date, status and follow-up, by whoever manages the meeting; returns the new version.</summary>
    public async Task<long> UpdateAsync(int id, DecisionInput input, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var decision = await LoadAsync(db, id, ownerMayWrite: false, ct);
        await ValidateAsync(db, input, ct);
        db.Entry(decision).Property(d => d.Version).OriginalValue = input.Version;
        Apply(input, decision, clock.Today());
        await db.SaveOrConflictAsync(ct);
        return decision.Version;
    }

    /// <summary>Moves the decision to <paramref name="status"/> with its follow-up notes, by its owner or whoever manages the meeting.</summary>
    public async Task<long> SetStatusAsync(int id, DecisionStatus status, string? followUp, long version, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var decision = await LoadAsync(db, id, ownerMayWrite: true, ct);
        var errors = MeetingRules.Validate(new DecisionInput { Text = decision.Text, OwnerId = decision.OwnerId, FollowUp = followUp });
        errors.ThrowIfAny();
        db.Entry(decision).Property(d => d.Version).OriginalValue = version;
        Apply(new DecisionInput { Text = decision.Text, OwnerId = decision.OwnerId, DueDate = decision.DueDate, Status = status, FollowUp = followUp }, decision, clock.Today());
        await db.SaveOrConflictAsync(ct);
        return decision.Version;
    }

    public async Task DeleteAsync(int id, long version, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var decision = await LoadAsync(db, id, ownerMayWrite: false, ct);
        db.Entry(decision).Property(d => d.Version).OriginalValue = version;
        db.Decisions.Remove(decision);
        await db.SaveOrConflictAsync(ct);
    }

    /// <summary>The caller's open decisions, the most urgent first (home page).</summary>
    public async Task<IReadOnlyList<DecisionRow>> MineAsync(CancellationToken ct = default)
    {
        var user = users.Current;
        MeetingAccess.EnsureCanRead(user);
        if (user.UserId is null)
        {
            return [];
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        return await RowsAsync(db, Urgent(db.Decisions.Where(d => d.OwnerId == user.UserId && (d.Status == DecisionStatus.Todo || d.Status == DecisionStatus.InProgress))),
            user, canManage: null, clock.Today(), ct);
    }

    /// <summary>Every open decision, the most urgent first (the lead's dashboard); staff read them, the committee does not.</summary>
    public async Task<IReadOnlyList<DecisionRow>> OpenAsync(CancellationToken ct = default)
    {
        var user = users.Current;
        MeetingAccess.EnsureCanRead(user);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await RowsAsync(db, Urgent(db.Decisions.Where(d => d.Status == DecisionStatus.Todo || d.Status == DecisionStatus.InProgress)),
            user, canManage: null, clock.Today(), ct);
    }

    private static IQueryable<Decision> Urgent(IQueryable<Decision> decisions) =>
        decisions.OrderBy(d => d.DueDate == null).ThenBy(d => d.DueDate).ThenBy(d => d.Meeting!.Date).ThenBy(d => d.Id);

    /// <summary>Decisions as rows; <paramref name="canManage"/> when known for all (one meeting), else worked out per meeting.</summary>
    internal static async Task<IReadOnlyList<DecisionRow>> RowsAsync(AppDbContext db, IQueryable<Decision> decisions, CurrentUser user, bool? canManage, DateOnly today,
        CancellationToken ct)
    {
        var rows = await decisions.AsNoTracking().Select(d => new
        {
            d.Id, d.MeetingId, MeetingTitle = d.Meeting!.Title, MeetingDate = d.Meeting.Date, MeetingKind = d.Meeting.Kind,
            d.Meeting.TerritoryId, d.Meeting.WorkstreamId, d.Text, d.OwnerId, OwnerName = d.Owner!.DisplayName, d.DueDate, d.Status,
            d.FollowUp, d.ClosedOn, d.Version,
        }).ToListAsync(ct);
        var coAnimated = user.UserId is null ? [] : await db.WorkstreamCoordinators.AsNoTracking().Where(c => c.UserId == user.UserId)
            .Select(c => c.WorkstreamId).ToListAsync(ct);
        return rows.Select(d =>
        {
            var manages = canManage ?? MeetingAccess.CanManage(user, d.TerritoryId, d.TerritoryId is null && d.WorkstreamId is { } w && coAnimated.Contains(w));
            var open = d.Status is DecisionStatus.Todo or DecisionStatus.InProgress;
            return new DecisionRow(d.Id, d.MeetingId, d.MeetingTitle, d.MeetingDate, d.MeetingKind, d.Text, d.OwnerId, d.OwnerName, d.DueDate, d.Status,
                d.FollowUp, d.ClosedOn, open && d.DueDate < today, manages, manages || (user.UserId is not null && d.OwnerId == user.UserId), d.Version);
        }).ToList();
    }

    private async Task<Decision> LoadAsync(AppDbContext db, int id, bool ownerMayWrite, CancellationToken ct)
    {
        var user = users.Current;
        MeetingAccess.EnsureCanRead(user);
        var decision = await db.Decisions.Include(d => d.Meeting).SingleOrDefaultAsync(d => d.Id == id, ct)
            ?? throw new NotFoundException("Cette décision n'existe pas ou a été supprimée.");
        if (ownerMayWrite && user.UserId is not null && decision.OwnerId == user.UserId)
        {
            return decision;
        }
        await MeetingService.EnsureCanManageAsync(db, user, decision.Meeting!.TerritoryId, decision.Meeting.WorkstreamId, ct);
        return decision;
    }

    private static async Task ValidateAsync(AppDbContext db, DecisionInput input, CancellationToken ct)
    {
        var errors = MeetingRules.Validate(input);
        if (!string.IsNullOrWhiteSpace(input.OwnerId) && !await db.Users.AnyAsync(u => u.Id == input.OwnerId && u.DeactivatedAt == null, ct))
        {
            errors.Add(nameof(input.OwnerId), "Ce compte n'existe pas ou est désactivé : choisissez une autre personne.");
        }
        errors.ThrowIfAny();
    }

    private static void Apply(DecisionInput input, Decision decision, DateOnly today)
    {
        decision.Text = input.Text.Trim();
        decision.OwnerId = input.OwnerId;
        decision.DueDate = input.DueDate;
        if (decision.Status != input.Status || decision.Id == 0)
        {
            decision.ClosedOn = input.Status is DecisionStatus.Done or DecisionStatus.Abandoned ? today : null;
        }
        decision.Status = input.Status;
        decision.FollowUp = string.IsNullOrWhiteSpace(input.FollowUp) ? null : input.FollowUp.Trim();
    }
}
