using CscDashboard.Core.Common;
using CscDashboard.Core.Indicators;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Territories;
using CscDashboard.Core.Workstreams;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Data.Seeding;

/// <summary>
/// The reference data of architecture.md section 2, inserted when missing on every start. Existing rows
/// are never overwritten: the project lead may have renamed a territory.
/// </summary>
public static class ReferenceData
{
    public const string FirstOperationCode = "CSC-2021-2023";

    public static readonly IReadOnlyList<(int Number, string Name)> Sectors =
    [
        (1, "Artois-Audomarois + ruralité du Nord et du Pas-de-Calais"),
        (2, "Valenciennois, Douaisis et corridor minier du Nord et du Pas-de-Calais"),
        (3, "Métropole Européenne de Lille"),
        (4, "Sambre Avesnois Cambrésis"),
    ];

    /// <summary>Ten territories, in the order of architecture.md section 2 (coord1 … coord10 follow it).</summary>
    public static readonly IReadOnlyList<(int Number, string Code, string Name, int Sector)> Territories =
    [
        (1, "FIA", "Flandre intérieure & Audomarois", 1),
        (2, "ART", "Artois", 1),
        (3, "LIT", "Littoral & ruralité du Pas-de-Calais", 1),
        (4, "VAL", "Valenciennois", 2),
        (5, "DOU", "Douaisis", 2),
        (6, "LLH", "Lens-Liévin & Hénin-Carvin", 2),
        (7, "LIL", "Lille & Weppes", 3),
        (8, "RTL", "Roubaix-Tourcoing & Lys", 3),
        (9, "SAM", "Sambre-Avesnois", 4),
        (10, "CAM", "Cambrésis", 4),
    ];

    public static readonly IReadOnlyList<(int Number, string Name, string ShortName)> Workstreams =
    [
        (1, "Inclusion numérique et accès aux droits", "Inclusion numérique"),
        (2, "Continuité éducative, jeunesse et parentalité", "Jeunesse et parentalité"),
        (3, "Numérique éthique et responsable, sobriété numérique et transition écologique", "Numérique responsable"),
    ];

    /// <summary>The anonymous breakdown of the inhabitants reached (issue 17): age bands, then publics. Counts only, never names.</summary>
    public static readonly IReadOnlyList<(string Code, string Name, AudienceKind Kind, int Number)> AudienceGroups =
    [
        ("AGE-0-11", "Moins de 12 ans", AudienceKind.AgeBand, 1),
        ("AGE-12-17", "12 à 17 ans", AudienceKind.AgeBand, 2),
        ("AGE-18-25", "18 à 25 ans", AudienceKind.AgeBand, 3),
        ("AGE-26-59", "26 à 59 ans", AudienceKind.AgeBand, 4),
        ("AGE-60", "60 ans et plus", AudienceKind.AgeBand, 5),
        ("JEUNES", "Jeunes", AudienceKind.Public, 1),
        ("PARENTS", "Parents", AudienceKind.Public, 2),
        ("SENIORS", "Seniors", AudienceKind.Public, 3),
        ("ELOIGNES", "Personnes éloignées du numérique", AudienceKind.Public, 4),
        ("EMPLOI", "Demandeurs d'emploi", AudienceKind.Public, 5),
        ("QPV", "Habitants des quartiers prioritaires (QPV)", AudienceKind.Public, 6),
        ("RURAL", "Habitants de communes rurales", AudienceKind.Public, 7),
    ];

    public static async Task SeedAsync(AppDbContext db, CancellationToken ct = default)
    {
        foreach (var role in Roles.All)
        {
            if (!await db.Roles.AnyAsync(r => r.Name == role, ct))
            {
                db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() });
            }
        }

        var sectors = await db.Sectors.ToDictionaryAsync(s => s.Number, ct);
        foreach (var (number, name) in Sectors)
        {
            if (!sectors.ContainsKey(number))
            {
                sectors[number] = db.Sectors.Add(new Sector { Number = number, Name = name }).Entity;
            }
        }

        var territoryCodes = await db.Territories.Select(t => t.Code).ToListAsync(ct);
        foreach (var (number, code, name, sector) in Territories)
        {
            if (!territoryCodes.Contains(code))
            {
                db.Territories.Add(new Territory { Number = number, Code = code, Name = name, Sector = sectors[sector] });
            }
        }

        var workstreamNumbers = await db.Workstreams.Select(w => w.Number).ToListAsync(ct);
        foreach (var (number, name, shortName) in Workstreams)
        {
            if (!workstreamNumbers.Contains(number))
            {
                db.Workstreams.Add(new Workstream { Number = number, Name = name, ShortName = shortName });
            }
        }

        var audienceCodes = await db.AudienceGroups.Select(g => g.Code).ToListAsync(ct);
        foreach (var (code, name, kind, number) in AudienceGroups.Where(g => !audienceCodes.Contains(g.Code)))
        {
            db.AudienceGroups.Add(new AudienceGroup { Code = code, Name = name, Kind = kind, Number = number });
        }

        if (!await db.Operations.AnyAsync(o => o.Code == FirstOperationCode, ct))
        {
            var end = new DateOnly(2023, 12, 31);
            db.Operations.Add(new Operation
            {
                Code = FirstOperationCode,
                Name = "Centres Sociaux Connectés Nord Pas-de-Calais",
                StartDate = new DateOnly(2021, 9, 1),
                EndDate = end,
                Programme = "FEDER REACT-EU (Région Hauts-de-France)",
                ManagingAuthority = "Région Hauts-de-France",
                EuFundingRate = 1.00m,
                IndirectCosts = IndirectCostsOption.FlatRate15,
                RetentionUntil = Operation.DefaultRetention(end),
            });
        }

        await db.SaveChangesAsync(ct);
    }
}
