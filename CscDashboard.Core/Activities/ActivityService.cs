using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
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
}

/// <summary>The daily activity log: every write checks the caller's territory scope here, not in the UI.</summary>
public sealed class ActivityService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock)
{
    public async Task<int> CreateAsync(ActivityInput input, CancellationToken ct = default)
    {
        var user = users.Current;
        if (user.UserId is null)
        {
            throw new ScopeViolationException("Seul un utilisateur connecté peut saisir une activité.");
        }
        user.EnsureCanWriteTerritory(input.TerritoryId);

        await using var db = await factory.CreateDbContextAsync(ct);
        var operations = await db.Operations.AsNoTracking().ToListAsync(ct);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var errors = ActivityRules.Validate(input, operations, today);
        await ActivityRules.CheckLinksAsync(db, input, errors, ct);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }

        var activity = new Activity
        {
            OperationId = operations.First(o => o.Contains(input.Date)).Id,
            AuthorId = user.UserId,
            Title = input.Title.Trim(),
        };
        Apply(input, activity);
        db.Activities.Add(activity);
        await db.SaveChangesAsync(ct);
        return activity.Id;
    }

    private static void Apply(ActivityInput input, Activity activity)
    {
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
        activity.Centres = input.CentreIds.Distinct().Select(id => new ActivityCentre { CentreId = id }).ToList();
        activity.Workstreams = input.WorkstreamIds.Distinct().Select(id => new ActivityWorkstream { WorkstreamId = id }).ToList();
        activity.Partners = input.PartnerIds.Distinct().Select(id => new ActivityPartner { PartnerId = id }).ToList();
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
