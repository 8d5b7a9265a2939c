using System.Globalization;
using System.Text.Json;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Activities;

/// <summary>The history of one activity, read back from the audit log and told in French.</summary>
public sealed class ActivityHistory(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users)
{
    private static readonly Dictionary<string, string> FieldNames = new()
    {
        [nameof(Activity.Date)] = "Date",
        [nameof(Activity.StartTime)] = "Heure de début",
        [nameof(Activity.DurationMinutes)] = "Durée",
        [nameof(Activity.TerritoryId)] = "Territoire",
        [nameof(Activity.Type)] = "Type",
        [nameof(Activity.Format)] = "Format",
        [nameof(Activity.Place)] = "Lieu",
        [nameof(Activity.Title)] = "Titre",
        [nameof(Activity.Notes)] = "Notes",
        [nameof(Activity.InhabitantCount)] = "Habitants",
        [nameof(Activity.ProfessionalCount)] = "Professionnels",
        [nameof(Activity.VolunteerCount)] = "Bénévoles",
        [nameof(Activity.PartnerCount)] = "Partenaires et élus",
        [nameof(Activity.IsHighlight)] = "Temps fort",
        [nameof(Activity.FollowUp)] = "Suites à donner",
    };

    private static readonly Dictionary<string, string> LinkNames = new()
    {
        [nameof(ActivityCentre)] = "Centre",
        [nameof(ActivityWorkstream)] = "Chantier",
        [nameof(ActivityPartner)] = "Partenaire",
        [nameof(Indicators.ActivityAudience)] = "Répartition",
    };

    public async Task<IReadOnlyList<HistoryEntry>> GetAsync(int id, CancellationToken ct = default)
    {
        var user = users.Current;
        if (!user.CanSeeNames)
        {
            throw new ScopeViolationException("L'historique des activités n'est pas accessible avec votre rôle.");
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var key = id.ToString(CultureInfo.InvariantCulture);
        var prefix = key + "|";
        var linkEntities = LinkNames.Keys.ToList();
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => (e.Entity == nameof(Activity) && e.EntityKey == key)
                        || (linkEntities.Contains(e.Entity) && e.EntityKey.StartsWith(prefix)))
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .ToListAsync(ct);

        var names = await NamesAsync(db, entries, ct);
        // One save writes the activity row and its link rows at the same instant by the same user: show them together.
        return entries
            .GroupBy(e => (e.At, e.UserName))
            .Select(g => new HistoryEntry(g.Key.At, g.Key.UserName, ActionOf(g.ToList()), g.SelectMany(e => Describe(e, names)).ToList()))
            .ToList();
    }

    private static string ActionOf(List<Auditing.AuditEntry> group)
    {
        var main = group.FirstOrDefault(e => e.Entity == nameof(Activity));
        if (main is null)
        {
            return "Modification";
        }
        if (main.Action == "Insert")
        {
            return "Création";
        }
        using var changes = JsonDocument.Parse(main.Changes);
        if (changes.RootElement.TryGetProperty(nameof(Activity.DeletedAt), out var deleted))
        {
            return deleted[1].ValueKind == JsonValueKind.Null ? "Restauration" : "Suppression";
        }
        return "Modification";
    }

    private static IEnumerable<string> Describe(Auditing.AuditEntry entry, Names names)
    {
        if (entry.Entity == nameof(Indicators.ActivityAudience))
        {
            yield return DescribeAudience(entry, names);
            yield break;
        }
        if (LinkNames.TryGetValue(entry.Entity, out var linkName))
        {
            var linkedId = int.Parse(entry.EntityKey.Split('|')[1], CultureInfo.InvariantCulture);
            var label = names.Of(entry.Entity, linkedId);
            yield return entry.Action == "Insert" ? $"{linkName} ajouté : {label}" : $"{linkName} retiré : {label}";
            yield break;
        }
        if (entry.Action != "Update")
        {
            yield break;
        }
        using var changes = JsonDocument.Parse(entry.Changes);
        foreach (var property in changes.RootElement.EnumerateObject())
        {
            if (FieldNames.TryGetValue(property.Name, out var field))
            {
                yield return $"{field} : {Format(property.Name, property.Value[0], names)} → {Format(property.Name, property.Value[1], names)}";
            }
        }
    }

    /// <summary>"Répartition : Seniors 4", "Répartition : Seniors 4 → 6", "Répartition : Seniors retiré".</summary>
    private static string DescribeAudience(Auditing.AuditEntry entry, Names names)
    {
        var group = names.Of(entry.Entity, int.Parse(entry.EntityKey.Split('|')[1], CultureInfo.InvariantCulture));
        using var changes = JsonDocument.Parse(entry.Changes);
        var count = changes.RootElement.TryGetProperty(nameof(Indicators.ActivityAudience.Count), out var value) ? value : default;
        return entry.Action switch
        {
            "Insert" => $"Répartition : {group} {count}",
            "Update" when count.ValueKind == JsonValueKind.Array => $"Répartition : {group} {count[0]} → {count[1]}",
            _ => $"Répartition : {group} retiré",
        };
    }

    private static string Format(string property, JsonElement value, Names names)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return "(vide)";
        }
        return property switch
        {
            nameof(Activity.Type) => Enum.TryParse<ActivityType>(value.GetString(), out var t) ? FrenchLabels.Of(t) : value.ToString(),
            nameof(Activity.Format) => Enum.TryParse<ActivityFormat>(value.GetString(), out var f) ? FrenchLabels.Of(f) : value.ToString(),
            nameof(Activity.Place) => Enum.TryParse<ActivityPlace>(value.GetString(), out var p) ? FrenchLabels.Of(p) : value.ToString(),
            nameof(Activity.DurationMinutes) => FrenchLabels.Duration(value.GetInt32()),
            nameof(Activity.TerritoryId) => names.Territory(value.GetInt32()),
            nameof(Activity.IsHighlight) => value.GetBoolean() ? "oui" : "non",
            nameof(Activity.Date) => DateOnly.TryParse(value.GetString(), CultureInfo.InvariantCulture, out var d) ? d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : value.ToString(),
            _ => $"« {value} »",
        };
    }

    /// <summary>Names of only the centres, workstreams and partners the history mentions.</summary>
    private static async Task<Names> NamesAsync(AppDbContext db, List<Auditing.AuditEntry> entries, CancellationToken ct)
    {
        List<int> Linked(string entity) => entries.Where(e => e.Entity == entity)
            .Select(e => int.Parse(e.EntityKey.Split('|')[1], CultureInfo.InvariantCulture)).Distinct().ToList();
        var centres = Linked(nameof(ActivityCentre));
        var workstreams = Linked(nameof(ActivityWorkstream));
        var partners = Linked(nameof(ActivityPartner));
        var groups = Linked(nameof(Indicators.ActivityAudience));
        return new Names(
            await db.Territories.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct),
            await db.Centres.AsNoTracking().Where(c => centres.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct),
            await db.Workstreams.AsNoTracking().Where(w => workstreams.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.ShortName, ct),
            await db.Partners.AsNoTracking().Where(p => partners.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct),
            await db.AudienceGroups.AsNoTracking().Where(g => groups.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct));
    }

    private sealed record Names(Dictionary<int, string> Territories, Dictionary<int, string> Centres, Dictionary<int, string> Workstreams,
        Dictionary<int, string> Partners, Dictionary<int, string> Groups)
    {
        public string Territory(int id) => Territories.GetValueOrDefault(id, $"n°{id}");

        public string Of(string linkEntity, int id) => (linkEntity switch
        {
            nameof(ActivityCentre) => Centres,
            nameof(ActivityWorkstream) => Workstreams,
            nameof(Indicators.ActivityAudience) => Groups,
            _ => Partners,
        }).GetValueOrDefault(id, $"n°{id}");
    }
}
