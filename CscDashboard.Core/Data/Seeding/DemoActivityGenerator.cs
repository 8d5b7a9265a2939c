using System.Globalization;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Network;
using CscDashboard.Core.Operations;

namespace CscDashboard.Core.Data.Seeding;

/// <summary>
/// The coordinators' daily logs from the start of the first operation to today: 2-4 activities per
/// working day, a few evenings and weekends, public holidays and two weeks of summer leave off.
/// Reproducible: one <c>new Random(2021)</c> drawn in a fixed order.
/// </summary>
internal sealed class DemoActivityGenerator(DemoWorld world)
{
    private static readonly (ActivityType Type, int Weight)[] TypeWeights =
    [
        (ActivityType.Coordination, 12), (ActivityType.NetworkAnimation, 11), (ActivityType.CentreSupport, 22),
        (ActivityType.Workstream, 12), (ActivityType.Partnership, 11), (ActivityType.Communication, 8),
        (ActivityType.AdminFinance, 10), (ActivityType.PublicAction, 14),
    ];

    private static readonly ActivityType[] EveningTypes = [ActivityType.PublicAction, ActivityType.NetworkAnimation, ActivityType.Partnership];
    private static readonly int TotalWeight = TypeWeights.Sum(t => t.Weight);

    private readonly Random _rng = new(2021);
    private readonly Dictionary<int, SocialCentre[]> _centres = world.Centres.GroupBy(c => c.TerritoryId).ToDictionary(g => g.Key, g => g.ToArray());
    private readonly Dictionary<int, string> _centreTitles = world.Centres.ToDictionary(c => c.Id, c => $"{char.ToLowerInvariant(c.Name[0])}{c.Name[1..]} ({c.Commune})");
    private readonly DemoPartnerRow[] _federationPartners = world.Partners.Where(p => p.Partner.TerritoryId is null).ToArray();
    private readonly Dictionary<int, DemoPartnerRow[]> _partners = world.Partners.Where(p => p.Partner.TerritoryId is not null)
        .GroupBy(p => p.Partner.TerritoryId!.Value).ToDictionary(g => g.Key, g => g.ToArray());

    public List<Activity> Generate()
    {
        var activities = new List<Activity>(64_000);
        for (var date = world.Start; date <= world.Today; date = date.AddDays(1))
        {
            if (world.OperationOn(date) is not { } operation)
            {
                continue;
            }
            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            foreach (var coordinator in world.Coordinators)
            {
                if (weekend)
                {
                    if (_rng.Chance(date.DayOfWeek == DayOfWeek.Saturday ? 0.08 : 0.02))
                    {
                        activities.Add(WeekendActivity(coordinator, date, operation));
                    }
                }
                else if (!DemoWorld.IsPublicHolidayOrClosing(date) && !OnSummerLeave(coordinator, date))
                {
                    AddWorkingDay(coordinator, date, operation, activities);
                }
            }
        }
        return activities;
    }

    /// <summary>Two weeks between mid-July and late August, staggered so the network is never left alone.</summary>
    private static bool OnSummerLeave(DemoCoordinator coordinator, DateOnly date)
    {
        var firstWeek = 29 + coordinator.Number % 4;
        var week = ISOWeek.GetWeekOfYear(date.ToDateTime(TimeOnly.MinValue));
        return week >= firstWeek && week < firstWeek + 2;
    }

    private void AddWorkingDay(DemoCoordinator coordinator, DateOnly date, Operation operation, List<Activity> activities)
    {
        var count = _rng.Next(10) switch { 0 => 2, < 5 => 3, _ => 4 };
        var eveningDay = _rng.Chance(0.08);
        var cursor = new TimeOnly(8, 30).AddMinutes(30 * _rng.Next(0, 4));
        for (var i = 0; i < count; i++)
        {
            if (eveningDay && i == count - 1)
            {
                var type = _rng.Pick(EveningTypes);
                activities.Add(Build(coordinator, date, operation, type, new TimeOnly(18, 0).AddMinutes(30 * _rng.Next(0, 5))));
                return;
            }
            var dayType = WeightedType();
            if (dayType is ActivityType.AdminFinance or ActivityType.Communication && _rng.Chance(0.3))
            {
                activities.Add(Build(coordinator, date, operation, dayType, null));
                continue;
            }
            if (cursor > new TimeOnly(17, 30))
            {
                return;
            }
            var activity = Build(coordinator, date, operation, dayType, cursor);
            activities.Add(activity);
            cursor = cursor.AddMinutes(activity.DurationMinutes + 15 * _rng.Next(1, 5));
            if (cursor >= new TimeOnly(11, 45) && cursor < new TimeOnly(13, 30))
            {
                cursor = new TimeOnly(13, 30);
            }
        }
    }

    private Activity WeekendActivity(DemoCoordinator coordinator, DateOnly date, Operation operation)
    {
        // Saturday events for inhabitants, or a meeting with the volunteers who are free that day.
        var type = _rng.Chance(0.75) ? ActivityType.PublicAction : ActivityType.NetworkAnimation;
        return Build(coordinator, date, operation, type, new TimeOnly(9, 30).AddMinutes(30 * _rng.Next(0, 11)), weekend: true);
    }

    private ActivityType WeightedType()
    {
        var roll = _rng.Next(TotalWeight);
        foreach (var (type, weight) in TypeWeights)
        {
            if ((roll -= weight) < 0)
            {
                return type;
            }
        }
        return ActivityType.Coordination;
    }

    private Activity Build(DemoCoordinator coordinator, DateOnly date, Operation operation, ActivityType type, TimeOnly? start, bool weekend = false)
    {
        var (format, place) = weekend ? (_rng.Chance(0.5) ? ActivityFormat.Event : ActivityFormat.Workshop, ActivityPlace.InCentre) : FormatAndPlace(type);
        var territoryId = coordinator.Territory.Id;
        var centres = ChooseCentres(type, place, territoryId, date);
        var partner = ChoosePartner(type, territoryId);
        var title = ChooseTitle(type, place, coordinator, centres.Count > 0, partner is not null);
        var workstream = title.Workstream
            ?? (type == ActivityType.Workstream ? coordinator.WorkstreamNumber : _rng.Chance(0.08) ? coordinator.WorkstreamNumber : (int?)null);

        var activity = new Activity
        {
            OperationId = operation.Id,
            Date = date,
            StartTime = start,
            DurationMinutes = Duration(type),
            TerritoryId = territoryId,
            AuthorId = coordinator.UserId,
            Type = type,
            Format = format,
            Place = place,
            Title = Fill(title.Pattern, date, centres, partner, workstream),
            Notes = _rng.Chance(0.25) ? _rng.Pick(DemoActivityTitles.Notes[type]) : null,
            FollowUp = _rng.Chance(0.12) ? _rng.Pick(DemoActivityTitles.FollowUps) : null,
            IsHighlight = _rng.Chance(0.03),
        };
        if (activity.IsHighlight)
        {
            activity.Notes = _rng.Pick(DemoActivityTitles.HighlightNotes);
        }
        SetParticipants(activity, partner is not null);
        activity.Centres.AddRange(centres.Select(c => new ActivityCentre { CentreId = c.Id }));
        if (workstream is { } number)
        {
            activity.Workstreams.Add(new ActivityWorkstream { WorkstreamId = world.Workstreams[number].Id });
        }
        if (partner is not null)
        {
            activity.Partners.Add(new ActivityPartner { PartnerId = partner.Partner.Id });
        }
        activity.RefreshDerivedValues();
        return activity;
    }

    private (ActivityFormat, ActivityPlace) FormatAndPlace(ActivityType type)
    {
        var roll = _rng.NextDouble();
        return type switch
        {
            ActivityType.Coordination => roll switch { < 0.3 => (ActivityFormat.Meeting, ActivityPlace.Elsewhere), < 0.5 => (ActivityFormat.Meeting, ActivityPlace.InCentre), < 0.85 => (ActivityFormat.Remote, ActivityPlace.Remote), _ => (ActivityFormat.Phone, ActivityPlace.Remote) },
            ActivityType.NetworkAnimation => roll switch { < 0.5 => (ActivityFormat.Meeting, ActivityPlace.InCentre), < 0.75 => (ActivityFormat.Training, ActivityPlace.InCentre), _ => (ActivityFormat.Remote, ActivityPlace.Remote) },
            ActivityType.CentreSupport => roll switch { < 0.65 => (ActivityFormat.Visit, ActivityPlace.InCentre), < 0.8 => (ActivityFormat.Phone, ActivityPlace.Remote), _ => (ActivityFormat.Remote, ActivityPlace.Remote) },
            ActivityType.Workstream => roll switch { < 0.35 => (ActivityFormat.Meeting, ActivityPlace.Elsewhere), < 0.8 => (ActivityFormat.Remote, ActivityPlace.Remote), _ => (ActivityFormat.Workshop, ActivityPlace.InCentre) },
            ActivityType.Partnership => roll switch { < 0.75 => (ActivityFormat.Meeting, ActivityPlace.Elsewhere), < 0.9 => (ActivityFormat.Remote, ActivityPlace.Remote), _ => (ActivityFormat.Event, ActivityPlace.Elsewhere) },
            ActivityType.Communication => roll switch { < 0.6 => (ActivityFormat.Other, ActivityPlace.Elsewhere), < 0.8 => (ActivityFormat.Event, ActivityPlace.InCentre), _ => (ActivityFormat.Remote, ActivityPlace.Remote) },
            ActivityType.AdminFinance => roll < 0.7 ? (ActivityFormat.Other, ActivityPlace.Elsewhere) : (ActivityFormat.Remote, ActivityPlace.Remote),
            _ => roll switch { < 0.7 => (ActivityFormat.Workshop, ActivityPlace.InCentre), < 0.9 => (ActivityFormat.Event, ActivityPlace.InCentre), _ => (ActivityFormat.Event, ActivityPlace.Elsewhere) },
        };
    }

    /// <summary>0-2 centres of the territory open at that date; public actions and work in a centre always name one.</summary>
    private List<SocialCentre> ChooseCentres(ActivityType type, ActivityPlace place, int territoryId, DateOnly date)
    {
        var wanted = type switch
        {
            ActivityType.CentreSupport => _rng.Chance(0.15) ? 2 : 1,
            ActivityType.PublicAction => _rng.Chance(0.1) ? 2 : 1,
            ActivityType.AdminFinance or ActivityType.Communication => _rng.Chance(0.1) ? 1 : 0,
            _ => _rng.Chance(0.15) ? 1 : 0,
        };
        if (place == ActivityPlace.InCentre)
        {
            wanted = Math.Max(wanted, 1);
        }
        var publicOnly = type == ActivityType.PublicAction;
        var open = _centres[territoryId].Where(c => IsOpen(c, date, publicOnly)).ToList();
        var chosen = new List<SocialCentre>(wanted);
        while (chosen.Count < wanted && open.Count > 0)
        {
            var index = _rng.Next(open.Count);
            chosen.Add(open[index]);
            open.RemoveAt(index);
        }
        if (chosen.Count == 0 && wanted > 0)
        {
            chosen.Add(_centres[territoryId].First(c => c.IsHostCentre));
        }
        return chosen;
    }

    /// <summary>Known to the network at that date and not withdrawn; public actions need an engaged centre.</summary>
    private static bool IsOpen(SocialCentre centre, DateOnly date, bool engagedOnly) =>
        (engagedOnly ? centre.EngagedOn <= date : centre.CandidateSince <= date || centre.EngagedOn <= date)
        && (centre.WithdrawnOn is null || date < centre.WithdrawnOn);

    private DemoPartnerRow? ChoosePartner(ActivityType type, int territoryId)
    {
        var chance = type switch
        {
            ActivityType.Partnership => 1.0,
            ActivityType.PublicAction => 0.15,
            ActivityType.Workstream => 0.1,
            ActivityType.NetworkAnimation => 0.05,
            _ => 0.0,
        };
        if (chance == 0 || !_rng.Chance(chance))
        {
            return null;
        }
        return _rng.Chance(0.3) || !_partners.TryGetValue(territoryId, out var local) ? _rng.Pick(_federationPartners) : _rng.Pick(local);
    }

    private DemoTitle ChooseTitle(ActivityType type, ActivityPlace place, DemoCoordinator coordinator, bool hasCentre, bool hasPartner)
    {
        var titles = DemoActivityTitles.ByType[type]
            .Where(t => (!t.NeedsCentre || hasCentre) && (!t.NeedsPartner || hasPartner) && (t.Place is null || t.Place == place))
            .ToList();
        if (type == ActivityType.Workstream && _rng.Chance(0.85))
        {
            titles.RemoveAll(t => t.Workstream is { } number && number != coordinator.WorkstreamNumber);
        }
        // Titles naming the centre or partner are preferred when there is one, so the log reads naturally.
        var specific = titles.Where(t => t.NeedsCentre || t.NeedsPartner).ToList();
        return _rng.Pick(specific.Count > 0 && _rng.Chance(0.6) ? specific : titles);
    }

    private string Fill(string pattern, DateOnly date, List<SocialCentre> centres, DemoPartnerRow? partner, int? workstream) => pattern
        .Replace("{centre}", centres.Count > 0 ? _centreTitles[centres[0].Id] : "")
        .Replace("{partner}", partner?.InTitle ?? "")
        .Replace("{ws}", workstream is { } n ? world.Workstreams[n].ShortName : "")
        .Replace("{month}", DemoCatalog.MonthName(date));

    private int Duration(ActivityType type) => SeedDraws.Minutes(_rng, type switch
    {
        ActivityType.NetworkAnimation or ActivityType.PublicAction => (90, 180),
        ActivityType.CentreSupport => (60, 150),
        ActivityType.Workstream => (60, 180),
        ActivityType.Partnership => (60, 120),
        ActivityType.Communication => (30, 90),
        _ => (30, 120),
    });

    private void SetParticipants(Activity a, bool withPartner)
    {
        if (SeedDraws.TrySetParticipants(a, _rng, withPartner, unplannedPartners: true))
        {
            return;
        }
        switch (a.Type)
        {
            case ActivityType.Communication when a.Format == ActivityFormat.Event:
                a.InhabitantCount = _rng.Next(5, 41);
                break;
            case ActivityType.AdminFinance:
                a.ProfessionalCount = _rng.Next(0, 2);
                break;
        }
    }
}
