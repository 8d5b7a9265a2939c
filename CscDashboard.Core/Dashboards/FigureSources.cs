using System.Linq.Expressions;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Data;

namespace CscDashboard.Core.Dashboards;

/// <summary>
/// One activity (or one activity–centre, –partner or –workstream link), or one row of a monthly
/// aggregate, in the one shape every figure is grouped and summed from. <see cref="SubjectId"/> is the
/// centre, partner or workstream of a link. A source leaves out what it does not keep (<see cref="FigureQuery.Kept"/>).
/// </summary>
internal sealed class Fact
{
    public int TerritoryId { get; set; }
    public DateOnly Month { get; set; }
    public ActivityType Type { get; set; }
    public int SubjectId { get; set; }
    public int Activities { get; set; }
    public int Minutes { get; set; }
    public int Inhabitants { get; set; }
    public int Professionals { get; set; }
    public int Volunteers { get; set; }
    public int PartnerCount { get; set; }
    public int EveningMinutes { get; set; }
    public int WeekendMinutes { get; set; }
    public DateOnly? LastDate { get; set; }
    public DateOnly? LastVisitDate { get; set; }
    public int AgesDescribed { get; set; }
    public int PublicsDescribed { get; set; }
}

/// <summary>The GROUP BY key of a <see cref="FigureQuery"/>: only the members of its grouping are set.</summary>
internal sealed class FactKey
{
    public int TerritoryId { get; set; }
    public DateOnly Month { get; set; }
    public ActivityType Type { get; set; }
    public int SubjectId { get; set; }
}

/// <summary>
/// Where figures come from, twice over: the monthly aggregates (whole months) and the activities
/// themselves (edge days, and the aggregates' own definition: <see cref="ActivityStatsUpdater"/> fills
/// them from <see cref="Days"/>). Every link is joined explicitly: summing through a navigation inside a
/// GROUP BY makes EF write one correlated sub-query per sum.
/// </summary>
internal static class FigureSources
{
    /// <summary>The monthly aggregate of activities (<see cref="FigureGroup.None"/>) or of a link, as facts; an expression, so that it can be compiled.</summary>
    public static Expression<Func<AppDbContext, IQueryable<Fact>>> Months(FigureGroup link) => link switch
    {
        FigureGroup.None => db => db.ActivityMonthStats.Select(s => new Fact
        {
            TerritoryId = s.TerritoryId, Month = s.Month, Type = s.Type, Activities = s.Activities, Minutes = s.Minutes,
            Inhabitants = s.Inhabitants, Professionals = s.Professionals, Volunteers = s.Volunteers, PartnerCount = s.Partners,
            EveningMinutes = s.EveningMinutes, WeekendMinutes = s.WeekendMinutes, AgesDescribed = s.AgesDescribed, PublicsDescribed = s.PublicsDescribed,
        }),
        FigureGroup.Centre => db => db.CentreMonthStats.Select(s => new Fact
        {
            TerritoryId = s.TerritoryId, Month = s.Month, SubjectId = s.CentreId, Activities = s.Activities, Minutes = s.Minutes,
            LastDate = s.LastDate, LastVisitDate = s.LastVisitDate,
        }),
        FigureGroup.Partner => db => db.PartnerMonthStats.Select(s => new Fact
        {
            TerritoryId = s.TerritoryId, Month = s.Month, SubjectId = s.PartnerId, Activities = s.Activities,
        }),
        FigureGroup.Workstream => db => db.WorkstreamMonthStats.Select(s => new Fact
        {
            TerritoryId = s.TerritoryId, Month = s.Month, SubjectId = s.WorkstreamId, Activities = s.Activities, Minutes = s.Minutes,
            Inhabitants = s.Inhabitants,
        }),
        FigureGroup.Audience => db => db.AudienceMonthStats.Select(s => new Fact
        {
            TerritoryId = s.TerritoryId, Month = s.Month, SubjectId = s.AudienceGroupId, Activities = s.Activities, Inhabitants = s.Inhabitants,
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(link)),
    };

    /// <summary>The same facts, one per activity (or link) of <paramref name="activities"/>.</summary>
    public static IQueryable<Fact> Days(AppDbContext db, IQueryable<Activity> activities, FigureGroup link) => link switch
    {
        FigureGroup.None => activities.Select(a => new Fact
        {
            TerritoryId = a.TerritoryId, Month = a.Month, Type = a.Type, Activities = 1, Minutes = a.DurationMinutes,
            Inhabitants = a.InhabitantCount, Professionals = a.ProfessionalCount, Volunteers = a.VolunteerCount, PartnerCount = a.PartnerCount,
            EveningMinutes = a.IsEvening ? a.DurationMinutes : 0, WeekendMinutes = a.IsWeekend ? a.DurationMinutes : 0,
            AgesDescribed = a.AgesDescribed, PublicsDescribed = a.PublicsDescribed,
        }),
        FigureGroup.Centre => db.ActivityCentres
            .Join(activities, l => l.ActivityId, a => a.Id, (l, a) => new { l.CentreId, a.Month, a.Date, a.DurationMinutes, a.Format, a.Type })
            .Join(db.Centres, x => x.CentreId, c => c.Id, (x, c) => new Fact
            {
                TerritoryId = c.TerritoryId, Month = x.Month, SubjectId = x.CentreId, Activities = 1, Minutes = x.DurationMinutes,
                LastDate = x.Date,
                LastVisitDate = x.Format == ActivityFormat.Visit || x.Type == ActivityType.CentreSupport ? (DateOnly?)x.Date : null,
            }),
        FigureGroup.Partner => db.ActivityPartners
            .Join(activities, l => l.ActivityId, a => a.Id, (l, a) => new Fact
            {
                TerritoryId = a.TerritoryId, Month = a.Month, SubjectId = l.PartnerId, Activities = 1,
            }),
        FigureGroup.Workstream => db.ActivityWorkstreams
            .Join(activities, l => l.ActivityId, a => a.Id, (l, a) => new Fact
            {
                TerritoryId = a.TerritoryId, Month = a.Month, SubjectId = l.WorkstreamId, Activities = 1, Minutes = a.DurationMinutes,
                Inhabitants = a.InhabitantCount,
            }),
        FigureGroup.Audience => db.ActivityAudiences
            .Join(activities, l => l.ActivityId, a => a.Id, (l, a) => new Fact
            {
                TerritoryId = a.TerritoryId, Month = a.Month, SubjectId = l.AudienceGroupId, Activities = 1, Inhabitants = l.Count,
            }),
        _ => throw new ArgumentOutOfRangeException(nameof(link)),
    };
}
