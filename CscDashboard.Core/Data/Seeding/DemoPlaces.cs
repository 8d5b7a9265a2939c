using CscDashboard.Core.Network;

namespace CscDashboard.Core.Data.Seeding;

internal sealed record DemoCommune(string Name, string Postcode);

/// <summary>A partner; <paramref name="InTitle"/> is how activity titles name it ("la CAF du Nord").</summary>
internal sealed record DemoPartner(string Name, PartnerKind Kind, bool IsCommitteeMember, string InTitle);

/// <summary>
/// Where the demo centres of a territory are (the first commune hosts the coordinator) and its
/// local partners. Communes and postcodes are real; centres, people and associations are invented.
/// </summary>
internal sealed record DemoTerritoryPlaces(string Code, int CentreCount, DemoCommune[] Communes, DemoPartner[] Partners);

internal static class DemoPlaces
{
    public static readonly DemoTerritoryPlaces[] Territories =
    [
        new("FIA", 5,
            [new("Hazebrouck", "59190"), new("Saint-Omer", "62500"), new("Bailleul", "59270"), new("Arques", "62510"),
             new("Aire-sur-la-Lys", "62120"), new("Merville", "59660"), new("Longuenesse", "62219")],
            [Commune("Ville d'Hazebrouck"), Epci("Communauté de communes de Flandre intérieure", false),
             Epci("Communauté d'agglomération du Pays de Saint-Omer", true),
             new("Département du Nord — UTPAS Flandre intérieure", PartnerKind.Departement, false, "l'UTPAS Flandre intérieure"),
             Association("Flandre Numérique Solidaire")]),
        new("ART", 6,
            [new("Arras", "62000"), new("Béthune", "62400"), new("Bruay-la-Buissière", "62700"), new("Saint-Pol-sur-Ternoise", "62130"),
             new("Auchel", "62260"), new("Isbergues", "62330"), new("Saint-Laurent-Blangy", "62223"), new("Lillers", "62190")],
            [Commune("Ville d'Arras"), Epci("Communauté urbaine d'Arras", true),
             Epci("Communauté d'agglomération de Béthune-Bruay Artois-Lys Romane", false),
             new("Maison du Département Solidarité de l'Arrageois", PartnerKind.Departement, false, "la Maison du Département Solidarité de l'Arrageois"),
             new("France Services de Saint-Pol-sur-Ternoise", PartnerKind.State, false, "France Services de Saint-Pol-sur-Ternoise")]),
        new("LIT", 6,
            [new("Boulogne-sur-Mer", "62200"), new("Calais", "62100"), new("Berck", "62600"), new("Étaples", "62630"),
             new("Le Portel", "62480"), new("Outreau", "62230"), new("Montreuil-sur-Mer", "62170"), new("Desvres", "62240")],
            [Commune("Ville de Boulogne-sur-Mer"), Epci("Communauté d'agglomération du Boulonnais", true),
             Epci("Communauté d'agglomération Grand Calais Terres et Mers", false),
             new("Maison du Département Solidarité du Montreuillois", PartnerKind.Departement, false, "la Maison du Département Solidarité du Montreuillois"),
             Association("Côte d'Opale Connectée")]),
        new("VAL", 6,
            [new("Denain", "59220"), new("Valenciennes", "59300"), new("Anzin", "59410"), new("Saint-Amand-les-Eaux", "59230"),
             new("Condé-sur-l'Escaut", "59163"), new("Raismes", "59590"), new("Onnaing", "59264"), new("Marly", "59770")],
            [Commune("Ville de Denain"), new("Valenciennes Métropole", PartnerKind.Epci, true, "Valenciennes Métropole"),
             Epci("Communauté d'agglomération de la Porte du Hainaut", false),
             new("Département du Nord — UTPAS du Valenciennois", PartnerKind.Departement, false, "l'UTPAS du Valenciennois")]),
        new("DOU", 6,
            [new("Douai", "59500"), new("Sin-le-Noble", "59450"), new("Waziers", "59119"), new("Somain", "59490"),
             new("Aniche", "59580"), new("Cuincy", "59553"), new("Lallaing", "59167"), new("Auby", "59950")],
            [Commune("Ville de Douai"), new("Douaisis Agglo", PartnerKind.Epci, true, "Douaisis Agglo"),
             Epci("Communauté de communes Cœur d'Ostrevent", false),
             new("Département du Nord — UTPAS du Douaisis", PartnerKind.Departement, false, "l'UTPAS du Douaisis"),
             Association("Ostrevent Solidarités Numériques")]),
        new("LLH", 7,
            [new("Liévin", "62800"), new("Lens", "62300"), new("Hénin-Beaumont", "62110"), new("Carvin", "62220"),
             new("Avion", "62210"), new("Harnes", "62440"), new("Bully-les-Mines", "62160"), new("Courrières", "62710")],
            [Commune("Ville de Liévin"), Epci("Communauté d'agglomération de Lens-Liévin", true),
             Epci("Communauté d'agglomération d'Hénin-Carvin", false),
             new("Maison du Département Solidarité de Lens-Liévin", PartnerKind.Departement, false, "la Maison du Département Solidarité de Lens-Liévin"),
             Association("Bassin minier Numérique pour tous")]),
        new("LIL", 7,
            [new("Lille", "59000"), new("Lille", "59800"), new("Lomme", "59160"), new("Loos", "59120"),
             new("Haubourdin", "59320"), new("La Bassée", "59480"), new("Wattignies", "59139"), new("Faches-Thumesnil", "59155")],
            [new("Ville de Lille", PartnerKind.Commune, true, "la Ville de Lille"),
             new("Métropole Européenne de Lille", PartnerKind.Epci, true, "la Métropole Européenne de Lille"),
             Commune("Ville de Loos"),
             new("Département du Nord — UTPAS de Lille", PartnerKind.Departement, false, "l'UTPAS de Lille"),
             Association("Lille Médiation Numérique")]),
        new("RTL", 7,
            [new("Roubaix", "59100"), new("Tourcoing", "59200"), new("Wattrelos", "59150"), new("Armentières", "59280"),
             new("Croix", "59170"), new("Hem", "59510"), new("Halluin", "59250"), new("Comines", "59560")],
            [Commune("Ville de Roubaix"), Commune("Ville de Tourcoing"),
             new("CCAS de Wattrelos", PartnerKind.Commune, false, "le CCAS de Wattrelos"),
             new("Département du Nord — UTPAS de Roubaix-Tourcoing", PartnerKind.Departement, false, "l'UTPAS de Roubaix-Tourcoing"),
             Association("Les Ateliers du Lien")]),
        new("SAM", 5,
            [new("Maubeuge", "59600"), new("Hautmont", "59330"), new("Jeumont", "59460"), new("Aulnoye-Aymeries", "59620"),
             new("Fourmies", "59610"), new("Avesnes-sur-Helpe", "59440"), new("Louvroil", "59720")],
            [Commune("Ville de Maubeuge"), Epci("Communauté d'agglomération Maubeuge Val de Sambre", true),
             Epci("Communauté de communes du Sud-Avesnois", false),
             new("Département du Nord — UTPAS Sambre-Avesnois", PartnerKind.Departement, false, "l'UTPAS Sambre-Avesnois"),
             new("Parc naturel régional de l'Avesnois", PartnerKind.Other, false, "le Parc naturel régional de l'Avesnois")]),
        new("CAM", 5,
            [new("Cambrai", "59400"), new("Caudry", "59540"), new("Le Cateau-Cambrésis", "59360"), new("Solesmes", "59730"),
             new("Proville", "59267"), new("Escaudœuvres", "59161"), new("Avesnes-les-Aubert", "59129")],
            [Commune("Ville de Cambrai"), Epci("Communauté d'agglomération de Cambrai", true),
             Epci("Communauté de communes du Caudrésis et du Catésis", false),
             new("Département du Nord — UTPAS du Cambrésis", PartnerKind.Departement, false, "l'UTPAS du Cambrésis")]),
    ];

    /// <summary>Federation-wide partners (no territory): funders and institutions of the partner committee.</summary>
    public static readonly DemoPartner[] Federation =
    [
        new("Région Hauts-de-France", PartnerKind.Region, true, "la Région Hauts-de-France"),
        new("CAF du Nord", PartnerKind.Caf, true, "la CAF du Nord"),
        new("CAF du Pas-de-Calais", PartnerKind.Caf, true, "la CAF du Pas-de-Calais"),
        new("Département du Nord", PartnerKind.Departement, true, "le Département du Nord"),
        new("Département du Pas-de-Calais", PartnerKind.Departement, true, "le Département du Pas-de-Calais"),
        new("Banque des Territoires", PartnerKind.Other, true, "la Banque des Territoires"),
        new("Préfecture de la région Hauts-de-France (SGAR)", PartnerKind.State, false, "la préfecture de région"),
    ];

    /// <summary>The places of a territory by its code; a territory added later borrows those of the same rank.</summary>
    public static DemoTerritoryPlaces For(string code, int number) =>
        Territories.FirstOrDefault(t => t.Code == code) ?? Territories[(Math.Max(number, 1) - 1) % Territories.Length];

    private static DemoPartner Commune(string name) =>
        new(name, PartnerKind.Commune, false, "la " + name[0..1].ToLowerInvariant() + name[1..]);

    private static DemoPartner Epci(string name, bool committee) =>
        new(name, PartnerKind.Epci, committee, "la " + name[0..1].ToLowerInvariant() + name[1..]);

    private static DemoPartner Association(string name) =>
        new("Association " + name, PartnerKind.Association, false, "l'association " + name);
}
