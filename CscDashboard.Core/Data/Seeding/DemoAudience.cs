using CscDashboard.Core.Activities;
using CscDashboard.Core.Indicators;

namespace CscDashboard.Core.Data.Seeding;

/// <summary>
/// The anonymous breakdown a coordinator notes on some collective activities (issue 17): about half the public actions
/// and a quarter of the other activities with inhabitants. The age bands follow the kind of audience the activity drew
/// (families, young people, seniors, adults), sometimes only partly described; the publics follow from the bands
/// (seniors are the over-sixties…) and from the territory (rural communes, priority neighbourhoods). Counts only.
/// Its own random generator, so that the rest of the demo log is drawn as before.
/// </summary>
internal sealed class DemoAudience(IReadOnlyList<AudienceGroupRow> groups, int seed)
{
    /// <summary>Weights of the five age bands (under 12, 12-17, 18-25, 26-59, 60 and over) and the publics each audience brings.</summary>
    private static readonly (double[] Ages, (string Code, double Share)[] Publics)[] Audiences =
    [
        ([0.35, 0.15, 0.05, 0.40, 0.05], [("PARENTS", 0.35), ("JEUNES", 0.40)]),
        ([0.05, 0.45, 0.35, 0.15, 0.00], [("JEUNES", 0.85)]),
        ([0.00, 0.00, 0.00, 0.25, 0.75], [("SENIORS", 0.75), ("ELOIGNES", 0.45)]),
        ([0.00, 0.00, 0.20, 0.72, 0.08], [("EMPLOI", 0.40), ("ELOIGNES", 0.30)]),
    ];

    private readonly Random _rng = new(seed);
    private readonly int[] _ageBands = groups.Where(g => g.Kind == AudienceKind.AgeBand).Select(g => g.Id).ToArray();
    private readonly Dictionary<string, int> _publics = groups.Where(g => g.Kind == AudienceKind.Public).ToDictionary(g => g.Code, g => g.Id);
    private readonly Dictionary<int, AudienceKind> _kinds = groups.ToDictionary(g => g.Id, g => g.Kind);

    /// <summary>
    /// Adds a breakdown to the activity (or not) and sets its described totals. <paramref name="rural"/> and
    /// <paramref name="priority"/>: how often the territory's activities reach rural residents and priority neighbourhoods.
    /// </summary>
    public void Describe(Activity activity, double rural, double priority)
    {
        var inhabitants = activity.InhabitantCount;
        if (inhabitants == 0 || _ageBands.Length != 5 || !_rng.Chance(activity.Type == ActivityType.PublicAction ? 0.55 : 0.25))
        {
            return;
        }
        var (weights, publics) = _rng.Pick(Audiences);
        var counts = new int[5];
        if (_rng.Chance(0.8))
        {
            // Most of the time every inhabitant is placed in a band; sometimes only those the coordinator could tell.
            var described = _rng.Chance(0.7) ? inhabitants : (int)Math.Round(inhabitants * (0.5 + 0.4 * _rng.NextDouble()));
            counts = Split(described, weights);
            for (var i = 0; i < 5; i++)
            {
                Add(activity, _ageBands[i], counts[i]);
            }
        }
        foreach (var (code, share) in publics)
        {
            // From the bands when they were given (seniors are the over-sixties, young people the 12-25), else a share.
            var count = code switch
            {
                "SENIORS" when counts[4] > 0 => counts[4],
                "JEUNES" when counts[1] + counts[2] > 0 => counts[1] + counts[2],
                _ => (int)Math.Round(inhabitants * share * (0.6 + 0.8 * _rng.NextDouble())),
            };
            Public(activity, code, Math.Min(count, inhabitants));
        }
        if (_rng.Chance(rural))
        {
            Public(activity, "RURAL", (int)Math.Round(inhabitants * (0.6 + 0.4 * _rng.NextDouble())));
        }
        if (_rng.Chance(priority))
        {
            Public(activity, "QPV", (int)Math.Round(inhabitants * (0.3 + 0.6 * _rng.NextDouble())));
        }
        AudienceRules.RefreshTotals(activity, _kinds);
    }

    /// <summary>How often a demo territory reaches rural residents and priority neighbourhoods, by its code.</summary>
    public static (double Rural, double Priority) ProfileOf(string territoryCode) => territoryCode switch
    {
        "LIT" => (0.7, 0.1),
        "FIA" or "CAM" => (0.6, 0.15),
        "SAM" => (0.5, 0.3),
        "ART" => (0.3, 0.25),
        "DOU" => (0.2, 0.35),
        "VAL" => (0.1, 0.4),
        "LLH" => (0.05, 0.45),
        "LIL" => (0.02, 0.5),
        "RTL" => (0.02, 0.6),
        _ => (0.3, 0.3),
    };

    /// <summary><paramref name="total"/> split by the weights, each a little off (never more than the total).</summary>
    private int[] Split(int total, double[] weights)
    {
        var noisy = weights.Select(w => w * (0.7 + 0.6 * _rng.NextDouble())).ToArray();
        var sum = noisy.Sum();
        var counts = noisy.Select(w => (int)Math.Floor(total * w / sum)).ToArray();
        var heaviest = Array.IndexOf(noisy, noisy.Max());
        counts[heaviest] += total - counts.Sum();
        return counts;
    }

    private void Public(Activity activity, string code, int count)
    {
        if (_publics.TryGetValue(code, out var id))
        {
            Add(activity, id, count);
        }
    }

    private static void Add(Activity activity, int groupId, int count)
    {
        if (count > 0 && activity.Audience.All(a => a.AudienceGroupId != groupId))
        {
            activity.Audience.Add(new ActivityAudience { ActivityId = activity.Id, AudienceGroupId = groupId, Count = count });
        }
    }
}
