using CscDashboard.Core.Activities;

namespace CscDashboard.Core.Common;

/// <summary>French names of the activity enums and durations, shared by pages, exports and PDF reports (network enums: <see cref="Network.NetworkLabels"/>).</summary>
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

    /// <summary>"1 h 30", "45 min", "2 h".</summary>
    public static string Duration(int minutes) => minutes switch
    {
        < 60 => $"{minutes} min",
        _ when minutes % 60 == 0 => $"{minutes / 60} h",
        _ => $"{minutes / 60} h {minutes % 60:00}",
    };
}
