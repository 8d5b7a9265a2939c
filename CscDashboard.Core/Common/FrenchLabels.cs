using CscDashboard.Core.Activities;
using CscDashboard.Core.Network;

namespace CscDashboard.Core.Common;

/// <summary>French names of the enums users see, shared by pages, exports and PDF reports.</summary>
public static class FrenchLabels
{
    public static string Of(ActivityType type) => type switch
    {
        ActivityType.Coordination => "Coordination",
        ActivityType.NetworkAnimation => "Animation du réseau",
        ActivityType.CentreSupport => "Accompagnement des centres",
        ActivityType.Workstream => "Chantier thématique",
        ActivityType.Partnership => "Partenariat",
        ActivityType.Communication => "Communication",
        ActivityType.AdminFinance => "Administratif et financier",
        ActivityType.PublicAction => "Action grand public",
        _ => type.ToString(),
    };

    public static string Of(ActivityFormat format) => format switch
    {
        ActivityFormat.Meeting => "Réunion",
        ActivityFormat.Training => "Formation",
        ActivityFormat.Workshop => "Atelier",
        ActivityFormat.Visit => "Visite",
        ActivityFormat.Event => "Événement",
        ActivityFormat.Remote => "Webinaire / à distance",
        ActivityFormat.Phone => "Téléphone",
        ActivityFormat.Other => "Autre",
        _ => format.ToString(),
    };

    public static string Of(ActivityPlace place) => place switch
    {
        ActivityPlace.InCentre => "Dans un centre",
        ActivityPlace.Elsewhere => "Ailleurs",
        ActivityPlace.Remote => "À distance",
        _ => place.ToString(),
    };

    public static string Of(CentreStatus status) => status switch
    {
        CentreStatus.Candidate => "Candidat",
        CentreStatus.Engaged => "Engagé",
        CentreStatus.Withdrawn => "Retiré",
        _ => status.ToString(),
    };

    public static string Of(MemberRole role) => role switch
    {
        MemberRole.Coordinator => "Coordinateur territorial",
        MemberRole.Ctn => "Chargé(e) de transition numérique",
        MemberRole.Mediator => "Médiateur numérique",
        MemberRole.Volunteer => "Bénévole",
        MemberRole.OtherProfessional => "Autre professionnel",
        _ => role.ToString(),
    };

    public static string Of(PartnerKind kind) => kind switch
    {
        PartnerKind.Commune => "Commune",
        PartnerKind.Epci => "EPCI",
        PartnerKind.Departement => "Département",
        PartnerKind.Region => "Région",
        PartnerKind.Caf => "CAF",
        PartnerKind.State => "État",
        PartnerKind.Association => "Association",
        PartnerKind.Company => "Entreprise",
        PartnerKind.Other => "Autre",
        _ => kind.ToString(),
    };

    /// <summary>"1 h 30", "45 min", "2 h".</summary>
    public static string Duration(int minutes) => minutes switch
    {
        < 60 => $"{minutes} min",
        _ when minutes % 60 == 0 => $"{minutes / 60} h",
        _ => $"{minutes / 60} h {minutes % 60:00}",
    };
}
