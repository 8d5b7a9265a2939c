using CscDashboard.Core.Activities;
using CscDashboard.Core.Data;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Core.Operations;

namespace CscDashboard.Core.Tools;

/// <summary>A centre as activities see it: id, how titles name it, and when it can host work.</summary>
internal sealed record NationalCentre(int Id, string InTitle, DateOnly OpenFrom, DateOnly? WithdrawnOn)
{
    public bool IsOpen(DateOnly date) => OpenFrom <= date && (WithdrawnOn is null || date < WithdrawnOn);
}

/// <summary>A territory as activities see it: its coordinator (the author), centres, local partners and weight (busier or quieter).</summary>
internal sealed record NationalTerritory(int Id, string AuthorId, NationalCentre[] Centres, DemoPartnerRow[] Partners, double Weight);

/// <summary>
/// Streams exactly <c>total</c> activities over <see cref="NationalDataSeeder.FirstDay"/> …
/// <see cref="NationalDataSeeder.LastDay"/>, day after day, with their centre, partner and
/// workstream links, so that nothing but one day's rows is ever held in memory. Each day and
/// territory gets its share of the total (weekdays, a little on weekends, less in summer and on
/// public holidays, slowly growing) by cumulative rounding, which hits the total exactly.
/// Reproducible: one <c>new Random(2024)</c> drawn in a fixed order.
/// </summary>
internal sealed class NationalActivityGenerator
{
    private static readonly (ActivityType Type, int Weight, double CentreChance, double PartnerChance)[] Types =
    [
        (ActivityType.Coordination, 12, 0.25, 0.02), (ActivityType.NetworkAnimation, 11, 0.5, 0.05),
        (ActivityType.CentreSupport, 22, 0.95, 0.02), (ActivityType.Workstream, 12, 0.3, 0.1),
        (ActivityType.Partnership, 11, 0.2, 1.0), (ActivityType.Communication, 8, 0.2, 0.02),
        (ActivityType.AdminFinance, 10, 0.1, 0.02), (ActivityType.PublicAction, 14, 1.0, 0.15),
    ];

    /// <summary>Chance that other work is tagged with a workstream (public actions and trainings mostly get one from their title).</summary>
    private const double OtherWorkstreamChance = 0.05;

    private static readonly int TotalWeight = Types.Sum(t => t.Weight);

    private readonly Random _rng = new(2024);
    private readonly IReadOnlyList<NationalTerritory> _territories;
    private readonly IReadOnlyList<Operation> _operations;
    private readonly DemoPartnerRow[] _federationPartners;
    private readonly int[] _workstreamIds;
    private readonly int _total;
    private readonly Dictionary<(ActivityType, ActivityPlace, bool, bool), DemoTitle[]> _titles = [];
    private int _nextId;

    public NationalActivityGenerator(IReadOnlyList<NationalTerritory> territories, IReadOnlyList<Operation> operations,
        DemoPartnerRow[] federationPartners, int[] workstreamIds, int total, int firstId)
    {
        _territories = territories;
        _operations = operations;
        _federationPartners = federationPartners;
        _workstreamIds = workstreamIds;
        _total = total;
        _nextId = firstId;
        foreach (var type in Enum.GetValues<ActivityType>())
        {
            foreach (var place in Enum.GetValues<ActivityPlace>())
            {
                foreach (var hasCentre in new[] { false, true })
                {
                    foreach (var hasPartner in new[] { false, true })
                    {
                        var fitting = DemoActivityTitles.ByType[type]
                            .Where(t => (!t.NeedsCentre || hasCentre) && (!t.NeedsPartner || hasPartner) && (t.Place is null || t.Place == place))
                            .ToArray();
                        _titles[(type, place, hasCentre, hasPartner)] = fitting.Length > 0 ? fitting
                            : DemoActivityTitles.ByType[type].Where(t => !t.NeedsCentre && !t.NeedsPartner).DefaultIfEmpty(new DemoTitle("Activité")).ToArray();
                    }
                }
            }
        }
    }

    public static int DayCount => NationalDataSeeder.LastDay.DayNumber - NationalDataSeeder.FirstDay.DayNumber + 1;

    /// <summary>The activities of each day in turn (ids assigned, links filled); the list is reused: consume it before asking for the next day.</summary>
    public IEnumerable<List<Activity>> Days()
    {
        var dayWeights = new double[DayCount];
        for (var i = 0; i < dayWeights.Length; i++)
        {
            dayWeights[i] = DayWeight(NationalDataSeeder.FirstDay.AddDays(i), i);
        }
        var scale = _total / (dayWeights.Sum() * _territories.Sum(t => t.Weight));
        var expected = 0.0;
        var emitted = 0;
        var batch = new List<Activity>(4_096);
        for (var i = 0; i < dayWeights.Length; i++)
        {
            batch.Clear();
            var date = NationalDataSeeder.FirstDay.AddDays(i);
            var operation = _operations.First(o => o.Contains(date));
            for (var t = 0; t < _territories.Count; t++)
            {
                expected += dayWeights[i] * _territories[t].Weight * scale;
                var last = i == dayWeights.Length - 1 && t == _territories.Count - 1;
                var count = last ? _total - emitted : Math.Max(0, Math.Min(_total - emitted, (int)Math.Floor(expected) - emitted));
                for (var k = 0; k < count; k++)
                {
                    batch.Add(Build(_territories[t], date, operation));
                }
                emitted += count;
            }
            yield return batch;
        }
    }

    /// <summary>Weekdays carry the work; weekends, holidays and summer much less; activity grows over the three years.</summary>
    private static double DayWeight(DateOnly date, int index)
    {
        var weight = date.DayOfWeek switch
        {
            DayOfWeek.Saturday => 0.10,
            DayOfWeek.Sunday => 0.03,
            _ => DemoWorld.IsPublicHolidayOrClosing(date) ? 0.04 : 1.0,
        };
        weight *= date.Month switch { 8 => 0.5, 7 => 0.85, _ => 1.0 };
        return weight * (0.85 + 0.3 * index / DayCount);
    }

    private Activity Build(NationalTerritory territory, DateOnly date, Operation operation)
    {
        var (type, _, centreChance, partnerChance) = PickType();
        var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var (format, place) = FormatAndPlace(type, weekend);
        var id = _nextId++;
        var activity = new Activity
        {
            Id = id,
            OperationId = operation.Id,
            Date = date,
            StartTime = StartTime(type, weekend),
            DurationMinutes = Duration(type),
            TerritoryId = territory.Id,
            AuthorId = territory.AuthorId,
            Type = type,
            Format = format,
            Place = place,
            Title = "",
            IsHighlight = _rng.Chance(0.02),
        };

        NationalCentre? centre = null;
        if (place == ActivityPlace.InCentre || _rng.Chance(centreChance))
        {
            centre = PickCentre(territory, date);
            activity.Centres.Add(new ActivityCentre { ActivityId = id, CentreId = centre.Id });
            if (_rng.Chance(0.1) && PickCentre(territory, date) is { } second && second.Id != centre.Id)
            {
                activity.Centres.Add(new ActivityCentre { ActivityId = id, CentreId = second.Id });
            }
        }
        DemoPartnerRow? partner = null;
        if (_rng.Chance(partnerChance))
        {
            partner = territory.Partners.Length == 0 || _rng.Chance(0.3) ? _rng.Pick(_federationPartners) : _rng.Pick(territory.Partners);
            activity.Partners.Add(new ActivityPartner { ActivityId = id, PartnerId = partner.Partner.Id });
        }

        var title = _rng.Pick(_titles[(type, place, centre is not null, partner is not null)]);
        int? workstream = title.Workstream
            ?? (type == ActivityType.Workstream || _rng.Chance(OtherWorkstreamChance) ? _rng.Next(1, _workstreamIds.Length + 1) : null);
        if (workstream is { } number)
        {
            activity.Workstreams.Add(new ActivityWorkstream { ActivityId = id, WorkstreamId = _workstreamIds[number - 1] });
        }
        activity.Title = title.Pattern.Contains('{')
            ? title.Pattern.Replace("{centre}", centre?.InTitle ?? "").Replace("{partner}", partner?.InTitle ?? "")
                .Replace("{ws}", workstream is { } n ? WorkstreamName(n) : "").Replace("{month}", DemoCatalog.MonthName(date))
            : title.Pattern;
        if (_rng.Chance(0.1))
        {
            activity.Notes = _rng.Pick(DemoActivityTitles.Notes[type]);
        }
        SetParticipants(activity, partner is not null);
        return activity;
    }

    private static string WorkstreamName(int number) => ReferenceData.Workstreams[number - 1].ShortName;

    private (ActivityType Type, int Weight, double CentreChance, double PartnerChance) PickType()
    {
        var roll = _rng.Next(TotalWeight);
        foreach (var type in Types)
        {
            if ((roll -= type.Weight) < 0)
            {
                return type;
            }
        }
        return Types[0];
    }

    /// <summary>A centre open on that day, else the territory's first (host) centre.</summary>
    private NationalCentre PickCentre(NationalTerritory territory, DateOnly date)
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var centre = territory.Centres[_rng.Next(territory.Centres.Length)];
            if (centre.IsOpen(date))
            {
                return centre;
            }
        }
        return territory.Centres[0];
    }

    private (ActivityFormat, ActivityPlace) FormatAndPlace(ActivityType type, bool weekend)
    {
        if (weekend)
        {
            return (_rng.Chance(0.5) ? ActivityFormat.Event : ActivityFormat.Workshop, ActivityPlace.InCentre);
        }
        var roll = _rng.NextDouble();
        return type switch
        {
            ActivityType.Coordination => roll < 0.4 ? (ActivityFormat.Meeting, ActivityPlace.Elsewhere) : (ActivityFormat.Remote, ActivityPlace.Remote),
            ActivityType.NetworkAnimation => roll < 0.5 ? (ActivityFormat.Meeting, ActivityPlace.InCentre) : roll < 0.75 ? (ActivityFormat.Training, ActivityPlace.Elsewhere) : (ActivityFormat.Remote, ActivityPlace.Remote),
            ActivityType.CentreSupport => roll < 0.65 ? (ActivityFormat.Visit, ActivityPlace.InCentre) : (ActivityFormat.Phone, ActivityPlace.Remote),
            ActivityType.Workstream => roll < 0.4 ? (ActivityFormat.Meeting, ActivityPlace.Elsewhere) : (ActivityFormat.Remote, ActivityPlace.Remote),
            ActivityType.Partnership => roll < 0.8 ? (ActivityFormat.Meeting, ActivityPlace.Elsewhere) : (ActivityFormat.Remote, ActivityPlace.Remote),
            ActivityType.Communication => roll < 0.7 ? (ActivityFormat.Other, ActivityPlace.Elsewhere) : (ActivityFormat.Remote, ActivityPlace.Remote),
            ActivityType.AdminFinance => (ActivityFormat.Other, ActivityPlace.Elsewhere),
            _ => roll < 0.7 ? (ActivityFormat.Workshop, ActivityPlace.InCentre) : (ActivityFormat.Event, ActivityPlace.InCentre),
        };
    }

    /// <summary>Most work starts between 8:30 and 17:00; some public work and meetings run into the evening; some entries have no time.</summary>
    private TimeOnly? StartTime(ActivityType type, bool weekend)
    {
        if (!weekend && type is ActivityType.AdminFinance or ActivityType.Communication && _rng.Chance(0.3))
        {
            return null;
        }
        if (!weekend && type is ActivityType.PublicAction or ActivityType.NetworkAnimation or ActivityType.Partnership && _rng.Chance(0.15))
        {
            return new TimeOnly(18, 0).AddMinutes(30 * _rng.Next(0, 5));
        }
        return new TimeOnly(8, 30).AddMinutes(15 * _rng.Next(0, 35));
    }

    private int Duration(ActivityType type) => SeedDraws.Minutes(_rng, type switch
    {
        ActivityType.NetworkAnimation or ActivityType.PublicAction => (90, 180),
        ActivityType.CentreSupport or ActivityType.Workstream => (60, 180),
        ActivityType.Partnership => (60, 120),
        _ => (30, 120),
    });

    private void SetParticipants(Activity a, bool withPartner)
    {
        if (!SeedDraws.TrySetParticipants(a, _rng, withPartner, unplannedPartners: false))
        {
            a.ProfessionalCount = _rng.Next(0, 2);
        }
    }
}
