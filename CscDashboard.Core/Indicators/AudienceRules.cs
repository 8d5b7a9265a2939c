using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Indicators;

/// <summary>
/// The anonymous breakdown of an activity's inhabitants: counts per age band and public, never names. It may be partial,
/// but the age bands add up to at most the inhabitants, and each public is at most the inhabitants (publics overlap).
/// </summary>
public static class AudienceRules
{
    public const string Field = nameof(ActivityInput.Audience);

    /// <summary>Adds the breakdown's problems to <paramref name="errors"/>; returns each group's kind, for <see cref="Apply"/>.</summary>
    public static async Task<IReadOnlyDictionary<int, AudienceKind>> CheckAsync(AppDbContext db, ActivityInput input, Dictionary<string, List<string>> errors, CancellationToken ct)
    {
        var groups = await db.AudienceGroups.AsNoTracking().Select(g => new AudienceGroupRow(g.Id, g.Code, g.Name, g.Kind)).ToListAsync(ct);
        if (Problems(input.Audience, input.InhabitantCount, groups) is { Count: > 0 } problems)
        {
            errors[Field] = [.. problems];
        }
        return groups.ToDictionary(g => g.Id, g => g.Kind);
    }

    /// <summary>
    /// What is wrong with a breakdown of <paramref name="inhabitants"/> inhabitants, in French; empty when it may be saved.
    /// The entry form asks the same before calling the server.
    /// </summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<AudienceCount> audience, int inhabitants, IReadOnlyList<AudienceGroupRow> groups)
    {
        var kinds = groups.ToDictionary(g => g.Id, g => g.Kind);
        var problems = new List<string>();
        var given = audience.Where(a => a.Count != 0).ToList();
        if (given.Any(a => a.Count is < 0 or > ActivityRules.MaxCount))
        {
            problems.Add("Chaque nombre de la répartition doit être compris entre 0 et 10 000.");
        }
        if (given.Any(a => !kinds.ContainsKey(a.GroupId)))
        {
            problems.Add("Un des publics ou tranches d'âge choisis n'existe pas.");
        }
        if (given.GroupBy(a => a.GroupId).Any(g => g.Count() > 1))
        {
            problems.Add("Un public ou une tranche d'âge figure deux fois dans la répartition.");
        }
        if (problems.Count > 0)
        {
            return problems;
        }
        var ages = given.Where(a => kinds[a.GroupId] == AudienceKind.AgeBand).Sum(a => a.Count);
        if (ages > inhabitants)
        {
            problems.Add($"La répartition par âge compte {French.Plural(ages, "habitant", "habitants")}, plus que les {French.Plural(inhabitants, "habitant", "habitants")} "
                + "de l'activité : corrigez l'un ou l'autre. Rien n'a été enregistré.");
        }
        foreach (var over in given.Where(a => kinds[a.GroupId] == AudienceKind.Public && a.Count > inhabitants))
        {
            problems.Add($"Le public « {groups.Single(g => g.Id == over.GroupId).Name} » compte {French.Plural(over.Count, "habitant", "habitants")}, "
                + $"plus que les {French.Plural(inhabitants, "habitant", "habitants")} de l'activité. Rien n'a été enregistré.");
        }
        return problems;
    }

    /// <summary>Sets the activity's breakdown rows (zeros left out) and the totals the dashboards sum (<see cref="Activity.AgesDescribed"/>…).</summary>
    public static void Apply(Activity activity, IReadOnlyList<AudienceCount> audience, IReadOnlyDictionary<int, AudienceKind> kinds)
    {
        var wanted = audience.Where(a => a.Count > 0).ToDictionary(a => a.GroupId, a => a.Count);
        activity.Audience.RemoveAll(a => !wanted.ContainsKey(a.AudienceGroupId));
        foreach (var (groupId, count) in wanted)
        {
            if (activity.Audience.FirstOrDefault(a => a.AudienceGroupId == groupId) is { } row)
            {
                row.Count = count;
            }
            else
            {
                activity.Audience.Add(new ActivityAudience { ActivityId = activity.Id, AudienceGroupId = groupId, Count = count });
            }
        }
        RefreshTotals(activity, kinds);
    }

    /// <summary>The derived totals of an activity whose <see cref="Activity.Audience"/> rows are loaded (also for bulk seeding).</summary>
    public static void RefreshTotals(Activity activity, IReadOnlyDictionary<int, AudienceKind> kinds)
    {
        activity.AgesDescribed = activity.Audience.Where(a => kinds.TryGetValue(a.AudienceGroupId, out var kind) && kind == AudienceKind.AgeBand).Sum(a => a.Count);
        activity.PublicsDescribed = activity.Audience.Any(a => kinds.TryGetValue(a.AudienceGroupId, out var kind) && kind == AudienceKind.Public) ? activity.InhabitantCount : 0;
    }
}
