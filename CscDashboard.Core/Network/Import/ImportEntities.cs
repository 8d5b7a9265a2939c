using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Network.Import;

/// <summary>
/// The checks and entities of each kind of import line: centres, members, partners. A line with an error gets its
/// message (<see cref="RowReader.Error"/>) and no entity is written while any line has one (<see cref="NetworkImportService"/>).
/// </summary>
internal static class ImportEntities
{
    public static async Task<List<object>> CentresAsync(AppDbContext db, List<RowReader> data, TerritoryLookup territories, CancellationToken ct)
    {
        var existing = (await db.Centres.AsNoTracking().Select(c => new { c.Name, c.Commune }).ToListAsync(ct))
            .Select(c => DuplicateKeys.Centre(c.Name, c.Commune)).ToHashSet();
        var seen = new Dictionary<string, int>();
        var entities = new List<object>();
        foreach (var row in data)
        {
            var input = new CentreInput
            {
                Name = row[NetworkColumns.Name],
                Commune = row[NetworkColumns.Commune],
                Postcode = row[NetworkColumns.Postcode],
                Address = row[NetworkColumns.Address],
                TerritoryId = territories.Resolve(row, NetworkColumns.Territory) ?? 0,
                Status = row.Enum(NetworkColumns.Status, CentreStatus.Candidate, "statut"),
                CandidateSince = row.Date(NetworkColumns.CandidateSince),
                EngagedOn = row.Date(NetworkColumns.EngagedOn),
                WithdrawnOn = row.Date(NetworkColumns.WithdrawnOn),
                IsHostCentre = row.Bool(NetworkColumns.HostCentre),
            };
            row.AddRuleErrors(ImportKind.Centres, NetworkRules.Validate(input));
            if (input.Name.Length > 0 && input.Commune.Length > 0)
            {
                row.CheckDuplicate(NetworkColumns.Name, DuplicateKeys.Centre(input.Name, input.Commune), seen, existing,
                    "même nom et même commune", "ce centre existe déjà dans l'annuaire (même nom et même commune).");
            }
            if (row.Errors.Count == 0)
            {
                var centre = new SocialCentre { Name = "", Commune = "", Postcode = "" };
                CentreService.Apply(input, centre);
                entities.Add(centre);
            }
        }
        return entities;
    }

    public static async Task<List<object>> MembersAsync(AppDbContext db, List<RowReader> data, TerritoryLookup territories, CancellationToken ct)
    {
        var centres = (await db.Centres.AsNoTracking().Select(c => new { c.Id, c.Name, c.TerritoryId, Archived = c.ArchivedAt != null }).ToListAsync(ct))
            .GroupBy(c => (c.TerritoryId, Name: NetworkLabels.Fold(c.Name)))
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.Archived).Select(c => c.Id).ToList());
        var people = await db.Members.AsNoTracking().Select(m => new { m.FirstName, m.LastName, m.TerritoryId, m.Email }).ToListAsync(ct);
        var existing = people.Select(m => DuplicateKeys.Member(m.FirstName, m.LastName, m.TerritoryId)).ToHashSet();
        var existingEmails = people.Where(m => m.Email is not null).Select(m => DuplicateKeys.Email(m.Email)).ToHashSet();
        var seen = new Dictionary<string, int>();
        var seenEmails = new Dictionary<string, int>();
        var entities = new List<object>();
        foreach (var row in data)
        {
            var territoryId = territories.Resolve(row, NetworkColumns.Territory);
            int? centreId = null;
            var centreName = row[NetworkColumns.Centre];
            if (centreName.Length > 0 && territoryId is { } tid)
            {
                if (centres.TryGetValue((tid, NetworkLabels.Fold(centreName)), out var ids) && ids.Count == 1)
                {
                    centreId = ids[0];
                }
                else if (ids is { Count: > 1 })
                {
                    row.Error(NetworkColumns.Centre, $"plusieurs centres s'appellent « {centreName} » dans ce territoire : renommez-les pour les distinguer.");
                }
                else
                {
                    row.Error(NetworkColumns.Centre, $"aucun centre « {centreName} » dans le territoire « {territories.NameOf(tid)} ».");
                }
            }
            var input = new MemberInput
            {
                FirstName = row[NetworkColumns.FirstName],
                LastName = row[NetworkColumns.Name],
                Email = row[NetworkColumns.Email],
                Phone = row[NetworkColumns.Phone],
                Role = row.Enum(NetworkColumns.Role, MemberRole.OtherProfessional, "rôle"),
                TerritoryId = territoryId ?? 0,
                CentreId = centreId,
                Assignment = row.Enum(NetworkColumns.Assignment, Assignment.None, "type d'affectation"),
                AssignmentPercent = row.Number(NetworkColumns.Percent),
                AnnualGrossCost = row.Number(NetworkColumns.AnnualGrossCost),
                ActiveFrom = row.Date(NetworkColumns.ActiveFrom) ?? default,
                ActiveTo = row.Date(NetworkColumns.ActiveTo),
            };
            row.AddRuleErrors(ImportKind.Members, NetworkRules.Validate(input));
            if (input.FirstName.Length > 0 && input.LastName.Length > 0 && territoryId is not null)
            {
                row.CheckDuplicate(NetworkColumns.Name, DuplicateKeys.Member(input.FirstName, input.LastName, input.TerritoryId), seen, existing,
                    "même prénom, même nom et même territoire", "cette personne existe déjà dans l'annuaire de ce territoire.");
            }
            if (input.Email is { Length: > 0 } email)
            {
                row.CheckDuplicate(NetworkColumns.Email, DuplicateKeys.Email(email), seenEmails, existingEmails,
                    "même adresse e-mail", "cette adresse e-mail est déjà celle d'un membre du réseau.");
            }
            if (row.Errors.Count == 0)
            {
                var member = new NetworkMember { FirstName = "", LastName = "" };
                MemberService.Apply(input, member);
                entities.Add(member);
            }
        }
        return entities;
    }

    public static async Task<List<object>> PartnersAsync(AppDbContext db, List<RowReader> data, TerritoryLookup territories, CurrentUser user, CancellationToken ct)
    {
        var existing = (await db.Partners.AsNoTracking().Select(p => new { p.Name, p.TerritoryId }).ToListAsync(ct))
            .Select(p => DuplicateKeys.Partner(p.Name, p.TerritoryId)).ToHashSet();
        var seen = new Dictionary<string, int>();
        var entities = new List<object>();
        foreach (var row in data)
        {
            // An empty territory means the whole federation.
            var territoryId = row[NetworkColumns.Territory].Length == 0 ? null : territories.Resolve(row, NetworkColumns.Territory);
            var input = new PartnerInput
            {
                Name = row[NetworkColumns.Name],
                Kind = row.Enum(NetworkColumns.Kind, PartnerKind.Other, "type de partenaire"),
                TerritoryId = territoryId,
                ContactName = row[NetworkColumns.ContactName],
                ContactEmail = row[NetworkColumns.ContactEmail],
                ContactPhone = row[NetworkColumns.ContactPhone],
                IsCommitteeMember = row.Bool(NetworkColumns.CommitteeMember),
            };
            if (row[NetworkColumns.Territory].Length > 0 && territoryId is null)
            {
                // Unknown territory: already reported; skip the federation-wide rule, which would be misleading.
                input.TerritoryId = -1;
            }
            row.AddRuleErrors(ImportKind.Partners, NetworkRules.Validate(input, user));
            if (input.Name.Length > 0)
            {
                row.CheckDuplicate(NetworkColumns.Name, DuplicateKeys.Partner(input.Name, input.TerritoryId), seen, existing,
                    "même nom et même territoire", "ce partenaire existe déjà dans l'annuaire (même nom et même territoire).");
            }
            if (row.Errors.Count == 0)
            {
                var partner = new Partner { Name = "" };
                PartnerService.Apply(input, partner);
                entities.Add(partner);
            }
        }
        return entities;
    }
}
