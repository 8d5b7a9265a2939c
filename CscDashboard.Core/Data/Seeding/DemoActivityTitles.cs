using CscDashboard.Core.Activities;

namespace CscDashboard.Core.Data.Seeding;

/// <summary>
/// A title pattern: <c>{centre}</c> ("centre social Louise Michel (Denain)"), <c>{partner}</c>
/// ("la CAF du Nord"), <c>{ws}</c> (workstream short name) and <c>{month}</c> are filled in; a
/// pattern is only used when the activity has what it names, and at the <see cref="Place"/> it
/// implies ("Visite … au centre" is never remote). <see cref="Workstream"/> is the theme a public
/// action or working session belongs to.
/// </summary>
internal sealed record DemoTitle(string Pattern, int? Workstream = null, ActivityPlace? Place = null)
{
    public bool NeedsCentre { get; } = Pattern.Contains("{centre}");
    public bool NeedsPartner { get; } = Pattern.Contains("{partner}");
}

internal static class DemoActivityTitles
{
    private const ActivityPlace InCentre = ActivityPlace.InCentre;
    private const ActivityPlace Elsewhere = ActivityPlace.Elsewhere;
    private const ActivityPlace Remote = ActivityPlace.Remote;

    public static readonly IReadOnlyDictionary<ActivityType, DemoTitle[]> ByType = new Dictionary<ActivityType, DemoTitle[]>
    {
        [ActivityType.Coordination] =
        [
            new("Point hebdomadaire avec la cheffe de projet"), new("Réunion de l'équipe des coordinateurs territoriaux"),
            new("Préparation du planning des visites du mois de {month}"), new("Bilan territorial trimestriel"),
            new("Point d'étape avec la direction de la fédération"), new("Organisation de la tournée des centres du territoire"),
            new("Séminaire des coordinateurs à la fédération", Place: Elsewhere), new("Réunion de coordination au {centre}", Place: InCentre),
        ],
        [ActivityType.NetworkAnimation] =
        [
            new("Réunion du réseau des CTN"), new("Réunion du réseau des médiateurs numériques"),
            new("Formation des médiateurs : accompagner les démarches en ligne", 1),
            new("Formation des CTN : animer un atelier sur les écrans en famille", 2),
            new("Webinaire du réseau : outils collaboratifs libres", 3, Remote), new("Échange de pratiques entre CTN au {centre}", Place: InCentre),
            new("Rencontre des bénévoles des ateliers numériques"), new("Formation Pix pour les professionnels des centres", 1),
            new("Accueil d'un nouveau professionnel dans le réseau au {centre}", Place: InCentre),
        ],
        [ActivityType.CentreSupport] =
        [
            new("Visite de suivi au {centre}", Place: InCentre), new("Accompagnement de la CTN du {centre}"),
            new("Appui au diagnostic numérique du {centre}"), new("Aide au montage du projet numérique du {centre}"),
            new("Point avec la direction du {centre}"), new("Installation du matériel des ateliers au {centre}", Place: InCentre),
            new("Appui à l'évaluation des ateliers du {centre}"),
        ],
        [ActivityType.Workstream] =
        [
            new("Séance du chantier « {ws} »"), new("Réunion des co-animateurs du chantier « {ws} »"),
            new("Groupe de travail sur l'accès aux droits en ligne", 1), new("Cartographie des lieux de médiation numérique", 1),
            new("Rédaction du guide des démarches en ligne", 1), new("Groupe de travail parentalité et écrans", 2),
            new("Préparation du kit « Premiers pas numériques en famille »", 2), new("Séance sur les usages des réseaux sociaux par les jeunes", 2),
            new("Groupe de travail sobriété numérique", 3), new("Préparation d'un atelier réparation et réemploi", 3),
            new("Mesure de l'empreinte numérique des centres", 3),
        ],
        [ActivityType.Partnership] =
        [
            new("Rencontre avec {partner}"), new("Comité de pilotage avec {partner}"), new("Présentation du projet à {partner}"),
            new("Réunion de co-financement avec {partner}"), new("Comité technique avec {partner}"),
            new("Préparation d'une convention avec {partner}"),
        ],
        [ActivityType.Communication] =
        [
            new("Rédaction de la lettre d'information du réseau"), new("Publication sur les réseaux sociaux de la fédération"),
            new("Reportage photo au {centre}", Place: InCentre), new("Rédaction d'un article sur les ateliers du {centre}"),
            new("Préparation d'une vidéo témoignage des bénévoles"), new("Mise à jour de la page du projet sur le site de la fédération"),
            new("Vérification des mentions FEDER sur les supports"), new("Préparation de la lettre d'information du mois de {month}"),
        ],
        [ActivityType.AdminFinance] =
        [
            new("Saisie des feuilles de temps du mois de {month}"), new("Collecte des factures et bons de commande"),
            new("Préparation de la demande de paiement FEDER"), new("Classement des feuilles d'émargement"),
            new("Suivi budgétaire du territoire"), new("Vérification des pièces justificatives du {centre}"),
            new("Mise à jour du tableau de bord des indicateurs"),
        ],
        [ActivityType.PublicAction] =
        [
            new("Permanence d'accès aux droits en ligne au {centre}", 1, InCentre), new("Atelier « Mes démarches CAF en ligne »", 1),
            new("Atelier création d'adresse e-mail et FranceConnect", 1), new("Café numérique : sécuriser son smartphone", 1),
            new("Atelier numérique parents-enfants", 2), new("Atelier « Écrans en famille »", 2),
            new("Stage de vacances : initiation au code pour les 8-12 ans", 2), new("Atelier jeunes : CV et recherche de stage en ligne", 2),
            new("Atelier réparation de smartphones", 3), new("Atelier « Fresque du numérique »", 3),
            new("Collecte de matériel informatique pour le réemploi", 3), new("Fête du numérique au {centre}", Place: InCentre),
            new("Portes ouvertes de l'espace numérique du {centre}", Place: InCentre),
        ],
    };

    public static readonly IReadOnlyDictionary<ActivityType, string[]> Notes = new Dictionary<ActivityType, string[]>
    {
        [ActivityType.Coordination] = ["Ordre du jour partagé en amont.", "Priorités du trimestre validées."],
        [ActivityType.NetworkAnimation] = ["Bonne participation, échanges riches entre centres.", "Supports partagés sur l'espace collaboratif du réseau."],
        [ActivityType.CentreSupport] = ["L'équipe souhaite renforcer les ateliers du mercredi.", "Besoin de matériel supplémentaire identifié."],
        [ActivityType.Workstream] = ["Compte rendu à diffuser aux co-animateurs.", "Premières pistes pour le livrable du chantier."],
        [ActivityType.Partnership] = ["Intérêt confirmé pour un co-financement.", "Le partenaire souhaite être associé au prochain comité."],
        [ActivityType.Communication] = ["Visuels validés par la fédération.", "Mention de l'Union européenne vérifiée."],
        [ActivityType.AdminFinance] = ["Pièces transmises à la cheffe de projet.", "Deux justificatifs manquants à relancer."],
        [ActivityType.PublicAction] = ["Public très demandeur, nouvelle séance à prévoir.", "Feuille d'émargement signée par tous les participants."],
    };

    public static readonly string[] FollowUps =
    [
        "Envoyer le compte rendu aux participants", "Relancer le partenaire pour la convention",
        "Programmer une nouvelle séance", "Transmettre les feuilles d'émargement à la fédération",
        "Partager les supports avec le réseau", "Faire le point avec la direction du centre",
    ];

    public static readonly string[] HighlightNotes =
    [
        "Temps fort du trimestre : forte mobilisation des habitants et des partenaires.",
        "Temps fort : une action reprise par d'autres centres du réseau.",
        "Temps fort : les élus présents ont annoncé leur soutien au projet.",
    ];
}
