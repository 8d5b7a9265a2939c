using System.Globalization;
using CscDashboard.Core.Activities;

namespace CscDashboard.Web.Components.Pages.Activities;

/// <summary>The mutable state behind the quick-entry form; dates and times as the native inputs give them.</summary>
public sealed class ActivityFormModel
{
    public string Date { get; set; } = "";
    public string? StartTime { get; set; }
    public int DurationMinutes { get; set; } = 60;
    public int TerritoryId { get; set; }
    public ActivityType Type { get; set; }
    public ActivityFormat Format { get; set; }
    public ActivityPlace Place { get; set; }
    public string Title { get; set; } = "";
    public string? Notes { get; set; }
    public int InhabitantCount { get; set; }
    public int ProfessionalCount { get; set; }
    public int VolunteerCount { get; set; }
    public int PartnerCount { get; set; }
    public bool IsHighlight { get; set; }
    public string? FollowUp { get; set; }
    public List<NamedItem> Centres { get; set; } = [];
    public IReadOnlyCollection<int> WorkstreamIds { get; set; } = [];
    public List<NamedItem> Partners { get; set; } = [];
    /// <summary>The inhabitants' breakdown: a count per age band or public (by group id); zeros are not sent.</summary>
    public Dictionary<int, int> Audience { get; set; } = [];

    public static ActivityFormModel From(ActivityInput input, IEnumerable<NamedItem> centres, IEnumerable<NamedItem> partners) => new()
    {
        Date = input.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        StartTime = input.StartTime?.ToString("HH:mm", CultureInfo.InvariantCulture),
        DurationMinutes = input.DurationMinutes,
        TerritoryId = input.TerritoryId,
        Type = input.Type,
        Format = input.Format,
        Place = input.Place,
        Title = input.Title,
        Notes = input.Notes,
        InhabitantCount = input.InhabitantCount,
        ProfessionalCount = input.ProfessionalCount,
        VolunteerCount = input.VolunteerCount,
        PartnerCount = input.PartnerCount,
        IsHighlight = input.IsHighlight,
        FollowUp = input.FollowUp,
        Centres = centres.Where(c => input.CentreIds.Contains(c.Id)).ToList(),
        WorkstreamIds = input.WorkstreamIds.ToList(),
        Partners = partners.Where(p => input.PartnerIds.Contains(p.Id)).ToList(),
        Audience = input.Audience.ToDictionary(a => a.GroupId, a => a.Count),
    };

    /// <summary>The typed values; an unreadable date becomes <see cref="DateOnly.MinValue"/>, which the rules refuse.</summary>
    public ActivityInput ToInput() => new()
    {
        Date = DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : DateOnly.MinValue,
        StartTime = TimeOnly.TryParse(StartTime, CultureInfo.InvariantCulture, out var time) ? time : null,
        DurationMinutes = DurationMinutes,
        TerritoryId = TerritoryId,
        Type = Type,
        Format = Format,
        Place = Place,
        Title = Title,
        Notes = Notes,
        InhabitantCount = InhabitantCount,
        ProfessionalCount = ProfessionalCount,
        VolunteerCount = VolunteerCount,
        PartnerCount = PartnerCount,
        IsHighlight = IsHighlight,
        FollowUp = FollowUp,
        CentreIds = Centres.Select(c => c.Id).ToList(),
        WorkstreamIds = WorkstreamIds.ToList(),
        PartnerIds = Partners.Select(p => p.Id).ToList(),
        Audience = Audience.Where(a => a.Value != 0).Select(a => new Core.Indicators.AudienceCount(a.Key, a.Value)).ToList(),
    };
}
