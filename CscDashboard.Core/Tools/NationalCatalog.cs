using CscDashboard.Core.Data;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Core.Network;

namespace CscDashboard.Core.Tools;

/// <summary>A French département: its code, name, prefecture and region (index into <see cref="NationalCatalog.Regions"/>).</summary>
internal sealed record NationalDepartement(string Code, string Name, string Prefecture, int Region)
{
    /// <summary>The prefecture's postcode, close enough for invented addresses.</summary>
    public string Postcode => Code switch
    {
        "2A" => "20000",
        "2B" => "20200",
        "75" => "75001",
        { Length: 3 } => Code + "00",
        _ => Code + "000",
    };

    /// <summary>First two digits of the postcodes of the département.</summary>
    public string PostcodePrefix => Code is "2A" or "2B" ? "20" : Code;
}

/// <summary>
/// What the national-size data set is made of: one territory per département (in the official order,
/// overseas last), grouped in sectors by region, and partner name patterns. Public geography; the
/// centres, people and associations built from it are invented.
/// </summary>
internal static class NationalCatalog
{
    public static readonly string[] Regions =
    [
        "Auvergne-Rhône-Alpes", "Bourgogne-Franche-Comté", "Bretagne", "Centre-Val de Loire", "Corse", "Grand Est",
        "Hauts-de-France", "Île-de-France", "Normandie", "Nouvelle-Aquitaine", "Occitanie", "Pays de la Loire",
        "Provence-Alpes-Côte d'Azur", "Outre-mer",
    ];

    private const int Ara = 0, Bfc = 1, Bre = 2, Cvl = 3, Cor = 4, Ges = 5, Hdf = 6, Idf = 7, Nor = 8, Naq = 9, Occ = 10, Pdl = 11, Pac = 12, Om = 13;

    public static readonly NationalDepartement[] Departements =
    [
        new("01", "Ain", "Bourg-en-Bresse", Ara), new("02", "Aisne", "Laon", Hdf), new("03", "Allier", "Moulins", Ara),
        new("04", "Alpes-de-Haute-Provence", "Digne-les-Bains", Pac), new("05", "Hautes-Alpes", "Gap", Pac),
        new("06", "Alpes-Maritimes", "Nice", Pac), new("07", "Ardèche", "Privas", Ara), new("08", "Ardennes", "Charleville-Mézières", Ges),
        new("09", "Ariège", "Foix", Occ), new("10", "Aube", "Troyes", Ges), new("11", "Aude", "Carcassonne", Occ),
        new("12", "Aveyron", "Rodez", Occ), new("13", "Bouches-du-Rhône", "Marseille", Pac), new("14", "Calvados", "Caen", Nor),
        new("15", "Cantal", "Aurillac", Ara), new("16", "Charente", "Angoulême", Naq), new("17", "Charente-Maritime", "La Rochelle", Naq),
        new("18", "Cher", "Bourges", Cvl), new("19", "Corrèze", "Tulle", Naq), new("2A", "Corse-du-Sud", "Ajaccio", Cor),
        new("2B", "Haute-Corse", "Bastia", Cor), new("21", "Côte-d'Or", "Dijon", Bfc), new("22", "Côtes-d'Armor", "Saint-Brieuc", Bre),
        new("23", "Creuse", "Guéret", Naq), new("24", "Dordogne", "Périgueux", Naq), new("25", "Doubs", "Besançon", Bfc),
        new("26", "Drôme", "Valence", Ara), new("27", "Eure", "Évreux", Nor), new("28", "Eure-et-Loir", "Chartres", Cvl),
        new("29", "Finistère", "Quimper", Bre), new("30", "Gard", "Nîmes", Occ), new("31", "Haute-Garonne", "Toulouse", Occ),
        new("32", "Gers", "Auch", Occ), new("33", "Gironde", "Bordeaux", Naq), new("34", "Hérault", "Montpellier", Occ),
        new("35", "Ille-et-Vilaine", "Rennes", Bre), new("36", "Indre", "Châteauroux", Cvl), new("37", "Indre-et-Loire", "Tours", Cvl),
        new("38", "Isère", "Grenoble", Ara), new("39", "Jura", "Lons-le-Saunier", Bfc), new("40", "Landes", "Mont-de-Marsan", Naq),
        new("41", "Loir-et-Cher", "Blois", Cvl), new("42", "Loire", "Saint-Étienne", Ara), new("43", "Haute-Loire", "Le Puy-en-Velay", Ara),
        new("44", "Loire-Atlantique", "Nantes", Pdl), new("45", "Loiret", "Orléans", Cvl), new("46", "Lot", "Cahors", Occ),
        new("47", "Lot-et-Garonne", "Agen", Naq), new("48", "Lozère", "Mende", Occ), new("49", "Maine-et-Loire", "Angers", Pdl),
        new("50", "Manche", "Saint-Lô", Nor), new("51", "Marne", "Châlons-en-Champagne", Ges), new("52", "Haute-Marne", "Chaumont", Ges),
        new("53", "Mayenne", "Laval", Pdl), new("54", "Meurthe-et-Moselle", "Nancy", Ges), new("55", "Meuse", "Bar-le-Duc", Ges),
        new("56", "Morbihan", "Vannes", Bre), new("57", "Moselle", "Metz", Ges), new("58", "Nièvre", "Nevers", Bfc),
        new("59", "Nord", "Lille", Hdf), new("60", "Oise", "Beauvais", Hdf), new("61", "Orne", "Alençon", Nor),
        new("62", "Pas-de-Calais", "Arras", Hdf), new("63", "Puy-de-Dôme", "Clermont-Ferrand", Ara),
        new("64", "Pyrénées-Atlantiques", "Pau", Naq), new("65", "Hautes-Pyrénées", "Tarbes", Occ),
        new("66", "Pyrénées-Orientales", "Perpignan", Occ), new("67", "Bas-Rhin", "Strasbourg", Ges), new("68", "Haut-Rhin", "Colmar", Ges),
        new("69", "Rhône", "Lyon", Ara), new("70", "Haute-Saône", "Vesoul", Bfc), new("71", "Saône-et-Loire", "Mâcon", Bfc),
        new("72", "Sarthe", "Le Mans", Pdl), new("73", "Savoie", "Chambéry", Ara), new("74", "Haute-Savoie", "Annecy", Ara),
        new("75", "Paris", "Paris", Idf), new("76", "Seine-Maritime", "Rouen", Nor), new("77", "Seine-et-Marne", "Melun", Idf),
        new("78", "Yvelines", "Versailles", Idf), new("79", "Deux-Sèvres", "Niort", Naq), new("80", "Somme", "Amiens", Hdf),
        new("81", "Tarn", "Albi", Occ), new("82", "Tarn-et-Garonne", "Montauban", Occ), new("83", "Var", "Toulon", Pac),
        new("84", "Vaucluse", "Avignon", Pac), new("85", "Vendée", "La Roche-sur-Yon", Pdl), new("86", "Vienne", "Poitiers", Naq),
        new("87", "Haute-Vienne", "Limoges", Naq), new("88", "Vosges", "Épinal", Ges), new("89", "Yonne", "Auxerre", Bfc),
        new("90", "Territoire de Belfort", "Belfort", Bfc), new("91", "Essonne", "Évry-Courcouronnes", Idf),
        new("92", "Hauts-de-Seine", "Nanterre", Idf), new("93", "Seine-Saint-Denis", "Bobigny", Idf),
        new("94", "Val-de-Marne", "Créteil", Idf), new("95", "Val-d'Oise", "Cergy", Idf),
        new("971", "Guadeloupe", "Basse-Terre", Om), new("972", "Martinique", "Fort-de-France", Om),
        new("973", "Guyane", "Cayenne", Om), new("974", "La Réunion", "Saint-Denis", Om),
    ];

    /// <summary>Commune names found in many départements, for the centres outside the prefecture.</summary>
    public static readonly string[] Communes =
    [
        "Saint-Martin", "Villeneuve", "Beaumont", "Montigny", "Fontaine", "Neuville", "Saint-Germain", "Châteauneuf",
        "Villers", "Saint-Pierre", "Sainte-Marie", "La Chapelle", "Saint-Jean", "Bellevue", "Montreuil", "Rochefort",
        "Saint-Laurent", "Bourg-Neuf", "Pont-Sainte-Marie", "Saint-Denis", "Champagne", "Mont-Saint-Éloi", "Les Essarts", "Plessis",
    ];

    /// <summary>A partner of a territory: name and how activity titles name it, from the département.</summary>
    public static readonly (PartnerKind Kind, bool Committee, Func<NationalDepartement, string> Name, Func<NationalDepartement, string> InTitle)[] LocalPartners =
    [
        (PartnerKind.Commune, false, d => $"Ville de {d.Prefecture}", d => $"la Ville de {d.Prefecture}"),
        (PartnerKind.Epci, true, d => $"Agglomération de {d.Prefecture}", d => $"l'Agglomération de {d.Prefecture}"),
        (PartnerKind.Departement, true, d => $"Conseil départemental — {d.Name}", d => $"le Conseil départemental ({d.Name})"),
        (PartnerKind.Caf, false, d => $"Caisse d'allocations familiales — {d.Name}", d => $"la CAF ({d.Name})"),
        (PartnerKind.State, false, d => $"France Services de {d.Prefecture}", d => $"France Services de {d.Prefecture}"),
        (PartnerKind.Commune, false, d => $"CCAS de {d.Prefecture}", d => $"le CCAS de {d.Prefecture}"),
        (PartnerKind.Association, false, d => $"Association {d.Name} Numérique Solidaire", d => $"l'association {d.Name} Numérique Solidaire"),
        (PartnerKind.Association, false, d => $"Association Les Ateliers du Lien ({d.Prefecture})", d => "l'association Les Ateliers du Lien"),
        (PartnerKind.Company, false, d => $"Ressourcerie informatique de {d.Prefecture}", d => $"la ressourcerie informatique de {d.Prefecture}"),
        (PartnerKind.Other, false, d => $"Médiathèque de {d.Prefecture}", d => $"la médiathèque de {d.Prefecture}"),
    ];

    /// <summary>Federation-wide partners: national funders, networks and institutions.</summary>
    public static readonly DemoPartner[] Federation =
    [
        .. DemoPlaces.Federation,
        new("Agence nationale de la cohésion des territoires", PartnerKind.State, true, "l'ANCT"),
        new("Caisse nationale des allocations familiales", PartnerKind.Caf, true, "la CNAF"),
        new("Fédération des centres sociaux de France", PartnerKind.Association, true, "la fédération nationale"),
        new("Coopérative La MedNum", PartnerKind.Association, false, "La MedNum"),
        new("France Travail", PartnerKind.State, false, "France Travail"),
        new("Assurance maladie", PartnerKind.State, false, "l'Assurance maladie"),
        new("Association Emmaüs Connect", PartnerKind.Association, false, "Emmaüs Connect"),
        new("Réseau des PIMMS Médiation", PartnerKind.Association, false, "le réseau des PIMMS"),
        new("Union nationale des associations familiales", PartnerKind.Association, false, "l'UNAF"),
        new("Ligue de l'enseignement", PartnerKind.Association, false, "la Ligue de l'enseignement"),
        new("Association des maires de France", PartnerKind.Other, true, "l'AMF"),
        new("Groupe La Poste — cohésion numérique", PartnerKind.Company, false, "La Poste"),
        new("Fondation pour l'inclusion numérique", PartnerKind.Other, false, "la Fondation pour l'inclusion numérique"),
    ];
}
