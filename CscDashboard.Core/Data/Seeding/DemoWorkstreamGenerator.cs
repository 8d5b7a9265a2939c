using CscDashboard.Core.Workstreams;

namespace CscDashboard.Core.Data.Seeding;

/// <summary>Co-animators, watch items (<i>veille</i>) and deliverables of the three workstreams.</summary>
internal sealed class DemoWorkstreamGenerator(DemoWorld world)
{
    private sealed record Watch(string Title, string Url, string Summary, string Tags);

    private static readonly Dictionary<int, Watch[]> WatchItems = new()
    {
        [1] =
        [
            new("Baromètre du numérique : équipements et usages", "https://www.arcep.fr/", "Chiffres annuels sur l'équipement et les usages, pour situer les publics des centres.", "usages,statistiques"),
            new("Dématérialisation des démarches et accès aux droits", "https://www.defenseurdesdroits.fr/", "Les difficultés d'accès aux services publics en ligne et les recommandations qui en découlent.", "accès aux droits,démarches"),
            new("Aidants Connect : habiliter les accueillants", "https://aidantsconnect.beta.gouv.fr/", "Cadre sécurisé pour réaliser une démarche pour le compte d'un habitant.", "aidants,démarches"),
            new("Ressources pédagogiques pour les ateliers de médiation", "https://www.conseiller-numerique.gouv.fr/", "Fiches et parcours réutilisables dans les ateliers des centres.", "ressources,ateliers"),
            new("France Services : trouver le guichet le plus proche", "https://www.france-services.gouv.fr/", "Pour orienter les habitants vers le bon interlocuteur.", "orientation,services publics"),
            new("Pix : évaluer et certifier les compétences numériques", "https://pix.fr/", "Parcours d'évaluation utilisables avec les habitants et les bénévoles.", "compétences,évaluation"),
        ],
        [2] =
        [
            new("Repères sur les écrans et les jeunes enfants", "https://www.santepubliquefrance.fr/", "Repères par âge à reprendre dans les ateliers parents-enfants.", "écrans,parentalité"),
            new("Parentalité et numérique : ressources pour les familles", "https://www.caf.fr/", "Ressources pour accompagner les familles dans les usages du numérique.", "parentalité,familles"),
            new("Les jeunes et leurs données personnelles", "https://www.cnil.fr/", "Conseils pour protéger ses données sur les réseaux sociaux.", "jeunesse,données personnelles"),
            new("Cyberharcèlement : le 3018", "https://e-enfance.org/", "Numéro et ressources à afficher dans les espaces jeunes.", "jeunesse,prévention"),
            new("Accompagnement à la scolarité et outils numériques", "https://eduscol.education.fr/", "Outils pour l'aide aux devoirs et le lien avec l'école.", "scolarité,CLAS"),
            new("Internet sans crainte : jeux sérieux pour les 7-12 ans", "https://www.internetsanscrainte.fr/", "Supports ludiques pour les ateliers jeunesse.", "jeunesse,ateliers"),
        ],
        [3] =
        [
            new("Empreinte environnementale du numérique", "https://www.ademe.fr/", "La fabrication des terminaux pèse le plus : allonger leur durée de vie.", "sobriété,environnement"),
            new("Indice de réparabilité des appareils", "https://www.ecologie.gouv.fr/", "Pour conseiller les habitants au moment de l'achat.", "réparation,consommation"),
            new("La Fresque du numérique", "https://www.fresquedunumerique.org/", "Atelier collaboratif de sensibilisation, adaptable aux centres.", "sensibilisation,ateliers"),
            new("Logiciels libres pour les associations", "https://framasoft.org/", "Alternatives libres aux outils collaboratifs habituels.", "logiciels libres,outils"),
            new("Écoconception des services numériques", "https://ecoresponsable.numerique.gouv.fr/", "Bonnes pratiques pour le site et les supports du réseau.", "écoconception,communication"),
        ],
    };

    private static readonly Dictionary<int, (string Title, DateOnly Due)[]> Deliverables = new()
    {
        [1] =
        [
            ("Cartographie des lieux de médiation numérique du Nord – Pas-de-Calais", new(2022, 6, 30)),
            ("Guide des démarches en ligne pour les accueillants", new(2023, 3, 31)),
            ("Référentiel d'accompagnement aux droits en ligne", new(2025, 6, 30)),
            ("Bilan des permanences d'accès aux droits", new(2027, 9, 30)),
        ],
        [2] =
        [
            ("Kit « Premiers pas numériques en famille »", new(2022, 9, 30)),
            ("Fiches d'animation écrans et parentalité", new(2023, 6, 30)),
            ("Parcours jeunesse : citoyenneté numérique", new(2025, 3, 31)),
            ("Évaluation des ateliers parents-enfants", new(2027, 6, 30)),
        ],
        [3] =
        [
            ("Charte du numérique responsable des centres sociaux", new(2022, 12, 15)),
            ("Kit de sensibilisation à la sobriété numérique", new(2023, 9, 30)),
            ("Guide du réemploi du matériel informatique", new(2025, 9, 30)),
            ("Mesure de l'empreinte numérique du réseau", new(2027, 3, 31)),
        ],
    };

    private readonly Random _rng = new(2023);

    /// <summary>Each coordinator co-animates the workstream of <see cref="DemoCoordinator.WorkstreamNumber"/> (3-4 per workstream).</summary>
    public IEnumerable<WorkstreamCoordinator> Coordinators() =>
        world.Coordinators.Select(c => new WorkstreamCoordinator { WorkstreamId = world.Workstreams[c.WorkstreamNumber].Id, UserId = c.UserId });

    /// <summary>Watch items dated between the first month of the programme and today, by a co-animator.</summary>
    public List<WatchItem> WatchItemsUntilToday()
    {
        var items = new List<WatchItem>();
        var first = world.Start.AddDays(30);
        var span = world.Today.DayNumber - first.DayNumber;
        if (span <= 0)
        {
            return items;
        }
        foreach (var (number, watches) in WatchItems.Where(w => world.Workstreams.ContainsKey(w.Key)))
        {
            var authors = world.CoordinatorsOf(number).ToList();
            if (authors.Count == 0)
            {
                continue;
            }
            items.AddRange(watches.Select(w => new WatchItem
            {
                WorkstreamId = world.Workstreams[number].Id,
                Title = w.Title,
                Url = w.Url,
                Summary = w.Summary,
                Tags = w.Tags,
                Date = first.AddDays(_rng.Next(0, span + 1)),
                AuthorId = _rng.Pick(authors).UserId,
            }));
        }
        return items;
    }

    /// <summary>Deliverables with a status that follows from their due date and today.</summary>
    public List<Deliverable> DeliverablesAsOfToday() =>
        Deliverables.Where(d => world.Workstreams.ContainsKey(d.Key))
            .SelectMany(d => d.Value.Select(x => new Deliverable
            {
                WorkstreamId = world.Workstreams[d.Key].Id,
                Title = x.Title,
                DueDate = x.Due,
                Status = x.Due <= world.Today ? DeliverableStatus.Delivered
                    : x.Due <= world.Today.AddDays(120) ? DeliverableStatus.InProgress
                    : DeliverableStatus.Planned,
            }))
            .ToList();
}
