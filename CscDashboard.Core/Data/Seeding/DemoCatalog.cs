using System.Globalization;
using System.Text;
using CscDashboard.Core.Finance;

namespace CscDashboard.Core.Data.Seeding;

/// <summary>A supplier of the demo expenses, with what it typically invoices (amounts excl. VAT, euros).</summary>
internal sealed record DemoSupplier(string Name, string Prefix, CostCategory Category, string Description, int MinAmount, int MaxAmount);

/// <summary>French names and words the demo data is made of. Everything here is invented or generic.</summary>
internal static class DemoCatalog
{
    public static readonly string[] FirstNames =
    [
        "Julie", "Mehdi", "Camille", "Thomas", "Sarah", "Nicolas", "Amélie", "Karim", "Pauline", "Antoine",
        "Léa", "Hugo", "Manon", "Lucas", "Chloé", "Maxime", "Inès", "Romain", "Émilie", "Kevin",
        "Aurélie", "Jérôme", "Sandrine", "Yacine", "Nathalie", "Franck", "Céline", "Rachid", "Sophie", "David",
        "Élodie", "Mickaël", "Laetitia", "Sébastien", "Fatima", "Grégory", "Marine", "Jonathan", "Virginie", "Samir",
        "Océane", "Dylan", "Audrey", "Bruno", "Nadia", "Christophe", "Justine", "Alexandre", "Coralie", "Rémi",
        "Mélanie", "Yannick", "Amandine", "Florian", "Salomé", "Ludovic", "Anaïs", "Bernard", "Martine", "Jacqueline",
    ];

    public static readonly string[] LastNames =
    [
        "Lefebvre", "Dubois", "Lemaire", "Delattre", "Vandenbussche", "Deschamps", "Caron", "Duhamel", "Leclercq", "Dufour",
        "Delmotte", "Declercq", "Vasseur", "Lecomte", "Carpentier", "Hennebelle", "Deldalle", "Ducrocq", "Bouchez", "Dupont",
        "Morel", "Martin", "Petit", "Lambert", "Roussel", "Fontaine", "Mercier", "Delannoy", "Pruvost", "Wallet",
        "Lemoine", "Herbaut", "Cuvelier", "Delbarre", "Desmet", "Vandamme", "Verhaeghe", "Bataille", "Boulanger", "Lefort",
        "Benali", "Haddad", "Kaci", "Mansouri", "Diallo", "Traoré", "Kowalski", "Nowak", "Szymanski", "Bruneel",
        "Maes", "Dewaele", "Lagache", "Flament", "Gosselin", "Hochart", "Lesage", "Boulet", "Catteau", "Debove",
        "Dhainaut", "Facon", "Gheysens", "Lebrun", "Mortelette", "Obert", "Pollet", "Ramez", "Sénéchal", "Warin",
    ];

    /// <summary>The ten demo coordinators' names, by territory number.</summary>
    public static readonly (string First, string Last)[] CoordinatorNames =
    [
        ("Julie", "Lefebvre"), ("Mehdi", "Benali"), ("Camille", "Deschamps"), ("Thomas", "Vandamme"), ("Sarah", "Kowalski"),
        ("Nicolas", "Caron"), ("Amélie", "Delattre"), ("Karim", "Haddad"), ("Pauline", "Dufour"), ("Antoine", "Lemaire"),
    ];

    public static readonly string[] CentreNames =
    [
        "Jacques Prévert", "Georges Brassens", "Louise Michel", "La Passerelle", "Les Tilleuls", "L'Arc-en-ciel",
        "Le Colibri", "Nelson Mandela", "Marie Curie", "Jules Ferry", "Albert Camus", "Victor Hugo",
        "Le Petit Prince", "La Source", "Simone Veil", "Émile Zola", "Jean Jaurès", "Les Oyats",
        "Le Phare", "La Fontaine", "Agora", "Mosaïque", "Horizon", "Le Trait d'Union",
        "Les Hirondelles", "Pablo Picasso", "Saint-Exupéry", "Les Peupliers", "La Ruche", "Le Marais",
        "Les Coquelicots", "Olympe de Gouges", "Léo Lagrange", "Jean Moulin", "Les Glycines", "La Briqueterie",
        "Le Terril", "Les Chevalets", "La Fosse 7", "Les Corons", "L'Escale", "La Clé",
        "Le Chemin Vert", "Les Trois Rivières", "L'Étoile", "Le Beffroi", "Paul Éluard", "Rosa Parks",
        "Lucie Aubrac", "Germaine Tillion", "Les Alouettes", "Le Petit Bois", "La Sablière", "Les Mouettes",
        "Le Moulin", "Les Genêts", "Pierre de Coubertin", "Anatole France", "La Boussole", "Les Bruyères",
        "Le Kiosque", "L'Oasis", "Les Saules", "La Maison Bleue",
    ];

    public static readonly string[] Streets =
    [
        "rue Jean Jaurès", "rue de la République", "rue Victor Hugo", "avenue de la Liberté", "rue Pasteur",
        "place du Général de Gaulle", "rue Roger Salengro", "rue Émile Zola", "boulevard Gambetta", "rue Jules Guesde",
        "rue Arthur Lamendin", "rue des Écoles", "rue du Moulin", "rue de Lille", "rue Léon Blum",
        "rue Paul Bert", "rue de la Gare", "rue Henri Barbusse", "avenue Jean Moulin", "rue Anatole France",
    ];

    public static readonly DemoSupplier[] Suppliers =
    [
        new("SNCF Voyageurs", "SNCF", CostCategory.Travel, "Billets TER pour les réunions régionales du réseau", 80, 450),
        new("Nord Location Véhicules", "NLV", CostCategory.Travel, "Location d'un véhicule pour la tournée des centres", 150, 600),
        new("Hôtel du Beffroi", "HDB", CostCategory.Travel, "Hébergement du séminaire des coordinateurs", 200, 900),
        new("Informatique Services Hauts-de-France", "ISHF", CostCategory.Equipment, "Ordinateurs portables reconditionnés pour les ateliers", 1_500, 8_000),
        new("Numéri'Stock Lille", "NSL", CostCategory.Equipment, "Tablettes et housses pour les ateliers parents-enfants", 800, 4_000),
        new("Ressourcerie numérique du Nord", "RNN", CostCategory.Equipment, "Smartphones reconditionnés pour le prêt aux habitants", 600, 3_000),
        new("Coopérative Médiation & Territoires", "CMT", CostCategory.ExternalServices, "Formation des médiateurs numériques (deux jours)", 1_200, 4_500),
        new("Traiteur Les Saveurs du Nord", "TSN", CostCategory.ExternalServices, "Buffet de la rencontre du réseau", 300, 1_500),
        new("Cabinet Évaluation Sociale & Numérique", "CESN", CostCategory.ExternalServices, "Accompagnement à l'évaluation d'impact", 2_000, 6_000),
        new("Imprimerie du Littoral", "IDL", CostCategory.Communication, "Affiches et flyers avec la mention du FEDER", 200, 1_400),
        new("Studio graphique Terre d'Opale", "STO", CostCategory.Communication, "Conception du kit de communication du projet", 600, 2_500),
        new("Signalétique Artois", "SIA", CostCategory.Communication, "Plaques et kakémonos de publicité européenne", 150, 900),
        new("Location Salles & Événements Nord", "LSEN", CostCategory.Other, "Location de salle pour la rencontre annuelle du réseau", 200, 1_200),
        new("Fournitures de bureau du Hainaut", "FBH", CostCategory.Other, "Petites fournitures pour les ateliers", 50, 400),
    ];

    private static readonly string[] Months =
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    public static string MonthName(DateOnly date) => Months[date.Month - 1];

    public static T Pick<T>(this Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    public static bool Chance(this Random rng, double probability) => rng.NextDouble() < probability;

    /// <summary>A French mobile number, as people write it.</summary>
    public static string Phone(Random rng) =>
        $"0{rng.Next(6, 8)} {rng.Next(10, 100)} {rng.Next(10, 100)} {rng.Next(10, 100)} {rng.Next(10, 100)}";

    /// <summary>Lower-case ASCII for e-mail addresses: "Émilie Sénéchal" → "emilie-senechal".</summary>
    public static string Slug(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Replace("œ", "oe").Replace("Œ", "Oe").Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }
        return string.Join('-', builder.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Rounds an amount to whole euros (budgets) or cents (invoices).</summary>
    public static decimal Euros(double amount, int decimals = 2) => Math.Round((decimal)amount, decimals, MidpointRounding.AwayFromZero);
}
