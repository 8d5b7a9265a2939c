using CscDashboard.Core.Closing;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Data;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Timesheets;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Activities;

/// <summary>What a coordinator types in the quick-entry form.</summary>
public sealed record ActivityInput
{
    public DateOnly Date { get; init; }
    public TimeOnly? StartTime { get; init; }
    public int DurationMinutes { get; init; }
    public int TerritoryId { get; init; }
    public ActivityType Type { get; init; }
    public ActivityFormat Format { get; init; }
    public ActivityPlace Place { get; init; }
    public string Title { get; init; } = "";
    public string? Notes { get; init; }
    public int InhabitantCount { get; init; }
    public int ProfessionalCount { get; init; }
    public int VolunteerCount { get; init; }
    public int PartnerCount { get; init; }
    public bool IsHighlight { get; init; }
    public string? FollowUp { get; init; }
    public IReadOnlyList<int> CentreIds { get; init; } = [];
    public IReadOnlyList<int> WorkstreamIds { get; init; } = [];
    public IReadOnlyList<int> PartnerIds { get; init; } = [];
    /// <summary>The anonymous breakdown of the inhabitants (optional; zeros are left out).</summary>
    public IReadOnlyList<Indicators.AudienceCount> Audience { get; init; } = [];
}

/// <summary>
/// The daily activity log: create, edit, soft delete and restore. Every write checks the caller's
/// territory scope here, not in the UI, and tells open pages through <see cref="ChangeNotifier"/>.
/// Reads (lists, week, history) are in <see cref="ActivityQueries"/>.
/// </summary>
public sealed class ActivityService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock, ChangeNotifier notifier)
{
    public Task<int> CreateAsync(ActivityInput input, CancellationToken ct = default) => InsertAsync(input, idempotencyKey: null, ct);

    /// <summary>
    /// An entry saved offline on a phone and synced (issue 22, ADR 032): created once whatever the number of syncs.
    /// The first call with <paramref name="key"/> creates the activity, with the same rules, scope, month lock and
    /// audit as <see cref="CreateAsync"/>; later calls by the same author (a replayed or concurrent sync) return it
    /// untouched, even if it was deleted since. Refusals throw as <see cref="CreateAsync"/> does; nothing is written.
    /// </summary>
    public async Task<ActivityReceipt> CreateOnceAsync(Guid key, ActivityInput input, CancellationToken ct = default)
    {
        var author = AuthorId();
        if (key == Guid.Empty)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["IdempotencyKey"] = [MissingKeyMessage] });
        }
        if (await FindByKeyAsync(author, key, ct) is { } existing)
        {
            return new ActivityReceipt(existing, Created: false);
        }
        try
        {
            return new ActivityReceipt(await InsertAsync(input, key, ct), Created: true);
        }
        catch (DbUpdateException)
        {
            // Two syncs of the same entry at once: the unique index let one in; the other finds it.
            if (await FindByKeyAsync(author, key, ct) is { } raced)
            {
                return new ActivityReceipt(raced, Created: false);
            }
            throw;
        }
    }

    public const string MissingKeyMessage = "Cette saisie n'a pas d'identifiant : enregistrez-la de nouveau sur le téléphone.";

    private string AuthorId() => users.Current.UserId
        ?? throw new ScopeViolationException("Seul un utilisateur connecté peut saisir une activité.");

    private async Task<int?> FindByKeyAsync(string authorId, Guid key, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Activities.AsNoTracking().Where(a => a.AuthorId == authorId && a.IdempotencyKey == key)
            .Select(a => (int?)a.Id).SingleOrDefaultAsync(ct);
    }

    private async Task<int> InsertAsync(ActivityInput input, Guid? idempotencyKey, CancellationToken ct)
    {
        var authorId = AuthorId();
        users.Current.EnsureCanWriteTerritory(input.TerritoryId);

        await using var db = await factory.CreateDbContextAsync(ct);
        var (operations, kinds) = await ValidateAsync(db, input, ct);
        var activity = new Activity { AuthorId = authorId, Title = input.Title.Trim(), IdempotencyKey = idempotencyKey };
        Apply(input, activity, operations);
        Indicators.AudienceRules.Apply(activity, input.Audience, kinds);
        activity.Centres = input.CentreIds.Distinct().Select(id => new ActivityCentre { CentreId = id }).ToList();
        activity.Workstreams = input.WorkstreamIds.Distinct().Select(id => new ActivityWorkstream { WorkstreamId = id }).ToList();
        activity.Partners = input.PartnerIds.Distinct().Select(id => new ActivityPartner { PartnerId = id }).ToList();
        db.Activities.Add(activity);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var month = MonthKey.Of(input.TerritoryId, input.Date);
            await MonthLock.EnsureOpenAsync(db, await MonthLock.ActivityKeysAsync(db, authorId, [month], ct), ct);
            await db.SaveChangesAsync(ct);
            await ActivityStatsUpdater.RefreshAsync(db, [StatScope.Of(activity)], ct);
            await TimesheetContent.RefreshAfterActivityWriteAsync(db, authorId, [month.Month], clock.GetUtcNow().UtcDateTime, ct);
            await transaction.CommitAsync(ct);
        }
        Notify(activity);
        return activity.Id;
    }

    /// <summary>Saves an edit made on <paramref name="version"/>; refuses it if someone saved in between.</summary>
    public async Task UpdateAsync(int id, ActivityInput input, long version, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var activity = await WithLinks(db).SingleOrDefaultAsync(a => a.Id == id && a.DeletedAt == null, ct)
            ?? throw new NotFoundException("Cette activité n'existe pas ou a été supprimée.");
        var user = users.Current;
        user.EnsureCanWriteTerritory(activity.TerritoryId);
        user.EnsureCanWriteTerritory(input.TerritoryId);

        var (operations, kinds) = await ValidateAsync(db, input, ct);
        var before = StatScope.Of(activity);
        var moved = new ActivityChange(activity.Id, activity.TerritoryId, activity.Date);
        db.Entry(activity).Property(a => a.Version).OriginalValue = version;
        Apply(input, activity, operations);
        Indicators.AudienceRules.Apply(activity, input.Audience, kinds);
        Sync(activity.Centres, input.CentreIds, c => c.CentreId, cid => new ActivityCentre { ActivityId = id, CentreId = cid });
        Sync(activity.Workstreams, input.WorkstreamIds, w => w.WorkstreamId, wid => new ActivityWorkstream { ActivityId = id, WorkstreamId = wid });
        Sync(activity.Partners, input.PartnerIds, p => p.PartnerId, pid => new ActivityPartner { ActivityId = id, PartnerId = pid });
        await SaveWithStatsAsync(db, activity, [before, StatScope.Of(activity)], ct);
        Notify(activity);
        if ((moved.TerritoryId, moved.Date) != (activity.TerritoryId, activity.Date))
        {
            // The pages showing where it was refresh too (ADR 035: a page follows its own territory-months only).
            notifier.NotifyActivityChanged(moved);
        }
    }

    /// <summary>Soft delete: the activity leaves lists and figures; the project lead can restore it.</summary>
    public async Task DeleteAsync(int id, long version, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var activity = await WithLinks(db).SingleOrDefaultAsync(a => a.Id == id && a.DeletedAt == null, ct)
            ?? throw new NotFoundException("Cette activité n'existe pas ou a déjà été supprimée.");
        var user = users.Current;
        user.EnsureCanWriteTerritory(activity.TerritoryId);
        db.Entry(activity).Property(a => a.Version).OriginalValue = version;
        activity.DeletedAt = clock.GetUtcNow().UtcDateTime;
        activity.DeletedBy = user.DisplayName;
        await SaveWithStatsAsync(db, activity, [StatScope.Of(activity)], ct);
        Notify(activity);
    }

    public async Task RestoreAsync(int id, CancellationToken ct = default)
    {
        var user = users.Current;
        if (!user.HasFederationScope)
        {
            throw new ScopeViolationException("Seule la cheffe de projet peut restaurer une activité supprimée.");
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var activity = await WithLinks(db).SingleOrDefaultAsync(a => a.Id == id && a.DeletedAt != null, ct)
            ?? throw new NotFoundException("Cette activité n'est pas dans la corbeille.");
        activity.DeletedAt = null;
        activity.DeletedBy = null;
        await SaveWithStatsAsync(db, activity, [StatScope.Of(activity)], ct);
        Notify(activity);
    }

    private async Task<(IReadOnlyList<OperationPeriod> Operations, IReadOnlyDictionary<int, Indicators.AudienceKind> Kinds)> ValidateAsync(
        AppDbContext db, ActivityInput input, CancellationToken ct)
    {
        var operations = await db.OperationPeriodsAsync(ct);
        var errors = ActivityRules.Validate(input, operations, clock.Today());
        await ActivityRules.CheckLinksAsync(db, input, errors, ct);
        var kinds = await Indicators.AudienceRules.CheckAsync(db, input, errors, ct);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
        return (operations, kinds);
    }

    private static IQueryable<Activity> WithLinks(AppDbContext db) =>
        db.Activities.Include(a => a.Centres).Include(a => a.Workstreams).Include(a => a.Partners).Include(a => a.Audience);

    /// <summary>
    /// Saves the change and the monthly aggregates it touched in one transaction, if none of its months is approved
    /// (before and after the change: <see cref="MonthLock"/>); a stale version is a conflict. The author's timesheet
    /// signatures that no longer match are invalidated in the same transaction.
    /// </summary>
    private async Task SaveWithStatsAsync(AppDbContext db, Activity activity, IReadOnlyList<StatScope> scopes, CancellationToken ct)
    {
        var id = activity.Id;
        var months = scopes.Select(s => new MonthKey(s.TerritoryId, s.Month)).ToList();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await MonthLock.EnsureOpenAsync(db, await MonthLock.ActivityKeysAsync(db, activity.AuthorId, months, ct), ct);
            await db.SaveChangesAsync(ct);
            await ActivityStatsUpdater.RefreshAsync(db, scopes, ct);
            await TimesheetContent.RefreshAfterActivityWriteAsync(db, activity.AuthorId, months.Select(m => m.Month), clock.GetUtcNow().UtcDateTime, ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await factory.CreateDbContextAsync(ct);
            var current = await fresh.Activities.AsNoTracking().Where(a => a.Id == id)
                .Select(a => new { a.UpdatedBy, a.UpdatedAt, a.DeletedAt }).SingleOrDefaultAsync(ct);
            var who = current?.UpdatedBy ?? "quelqu'un d'autre";
            var when = current?.UpdatedAt is { } at ? $" le {TimeZoneInfo.ConvertTimeFromUtc(at, clock.LocalTimeZone):dd/MM/yyyy à HH:mm}" : "";
            throw new ConcurrencyConflictException(
                $"Cette activité a été modifiée par {who}{when} pendant votre saisie. Vos changements n'ont pas été enregistrés : rechargez l'activité pour voir sa version actuelle.");
        }
    }

    private void Notify(Activity activity) =>
        notifier.NotifyActivityChanged(new ActivityChange(activity.Id, activity.TerritoryId, activity.Date));

    private static void Apply(ActivityInput input, Activity activity, IReadOnlyList<OperationPeriod> operations)
    {
        activity.OperationId = operations.First(o => o.Contains(input.Date)).Id;
        activity.Date = input.Date;
        activity.StartTime = input.StartTime;
        activity.DurationMinutes = input.DurationMinutes;
        activity.TerritoryId = input.TerritoryId;
        activity.Type = input.Type;
        activity.Format = input.Format;
        activity.Place = input.Place;
        activity.Title = input.Title.Trim();
        activity.Notes = Clean(input.Notes);
        activity.InhabitantCount = input.InhabitantCount;
        activity.ProfessionalCount = input.ProfessionalCount;
        activity.VolunteerCount = input.VolunteerCount;
        activity.PartnerCount = input.PartnerCount;
        activity.IsHighlight = input.IsHighlight;
        activity.FollowUp = Clean(input.FollowUp);
    }

    /// <summary>Removes the links no longer wanted and adds the new ones (the join rows are audited one by one).</summary>
    private static void Sync<TLink>(List<TLink> links, IEnumerable<int> wanted, Func<TLink, int> idOf, Func<int, TLink> create)
    {
        var target = wanted.Distinct().ToHashSet();
        links.RemoveAll(l => !target.Contains(idOf(l)));
        links.AddRange(target.Except(links.Select(idOf)).Select(create));
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
