using CscDashboard.Core.Common;
using CscDashboard.Core.Network;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Territories;
using CscDashboard.Core.Users;
using CscDashboard.Core.Workstreams;

namespace CscDashboard.Core.Activities;

/// <summary>Activity types; they map to the six missions of the job description.</summary>
public enum ActivityType
{
    Coordination,
    NetworkAnimation,
    CentreSupport,
    Workstream,
    Partnership,
    Communication,
    AdminFinance,
    /// <summary>Workshop, drop-in or event for inhabitants.</summary>
    PublicAction,
}

public enum ActivityFormat
{
    Meeting,
    Training,
    Workshop,
    Visit,
    Event,
    Remote,
    Phone,
    Other,
}

public enum ActivityPlace
{
    InCentre,
    Elsewhere,
    Remote,
}

/// <summary>One entry of a coordinator's daily log.</summary>
public class Activity : AuditableEntity, IDerivesValues
{
    /// <summary>Work that ends after this hour counts as evening work.</summary>
    public static readonly TimeOnly EveningStartsAt = new(19, 0);

    public int OperationId { get; set; }
    public Operation? Operation { get; set; }
    public DateOnly Date { get; set; }
    public TimeOnly? StartTime { get; set; }
    public int DurationMinutes { get; set; }
    public int TerritoryId { get; set; }
    public Territory? Territory { get; set; }
    public required string AuthorId { get; set; }
    public AppUser? Author { get; set; }
    public ActivityType Type { get; set; }
    public ActivityFormat Format { get; set; }
    public ActivityPlace Place { get; set; }
    public required string Title { get; set; }
    public string? Notes { get; set; }
    public int InhabitantCount { get; set; }
    public int ProfessionalCount { get; set; }
    public int VolunteerCount { get; set; }
    /// <summary>Partners and elected officials present.</summary>
    public int PartnerCount { get; set; }
    /// <summary>Feeds the highlights of progress reports.</summary>
    public bool IsHighlight { get; set; }
    public string? FollowUp { get; set; }

    /// <summary>Derived: the work ends after 19:00. Stored so that dashboards can sum it in SQL.</summary>
    public bool IsEvening { get; set; }
    /// <summary>Derived: Saturday or Sunday.</summary>
    public bool IsWeekend { get; set; }
    /// <summary>Derived: first day of the activity's month, the key of the monthly aggregates.</summary>
    public DateOnly Month { get; set; }

    /// <summary>Derived from <see cref="Audience"/>: the inhabitants its age bands describe (their sum). Stored so that dashboards sum it in SQL.</summary>
    public int AgesDescribed { get; set; }
    /// <summary>Derived from <see cref="Audience"/>: the inhabitant count when at least one public is given, else 0.</summary>
    public int PublicsDescribed { get; set; }

    /// <summary>
    /// The key the phone gave an entry saved offline (issue 22, ADR 032): an entry synced twice is created once.
    /// Unique per author; null for the activities typed online.
    /// </summary>
    public Guid? IdempotencyKey { get; set; }

    /// <summary>Soft delete: reversible by the project lead.</summary>
    public DateTime? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }

    public List<ActivityCentre> Centres { get; set; } = [];
    public List<ActivityWorkstream> Workstreams { get; set; } = [];
    public List<ActivityPartner> Partners { get; set; } = [];
    /// <summary>The anonymous breakdown of the inhabitants (counts per age band and public; may be partial or empty).</summary>
    public List<Indicators.ActivityAudience> Audience { get; set; } = [];

    public int ParticipantCount => InhabitantCount + ProfessionalCount + VolunteerCount + PartnerCount;

    public void RefreshDerivedValues()
    {
        IsWeekend = Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        Month = new DateOnly(Date.Year, Date.Month, 1);
        IsEvening = StartTime is { } start && EndsAfter(start, DurationMinutes, EveningStartsAt);
    }

    private static bool EndsAfter(TimeOnly start, int minutes, TimeOnly limit) =>
        start >= limit || start.ToTimeSpan() + TimeSpan.FromMinutes(minutes) > limit.ToTimeSpan();
}

public class ActivityCentre
{
    public int ActivityId { get; set; }
    public Activity? Activity { get; set; }
    public int CentreId { get; set; }
    public SocialCentre? Centre { get; set; }
}

public class ActivityWorkstream
{
    public int ActivityId { get; set; }
    public Activity? Activity { get; set; }
    public int WorkstreamId { get; set; }
    public Workstream? Workstream { get; set; }
}

public class ActivityPartner
{
    public int ActivityId { get; set; }
    public Activity? Activity { get; set; }
    public int PartnerId { get; set; }
    public Partner? Partner { get; set; }
}
