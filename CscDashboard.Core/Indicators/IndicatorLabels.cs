using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;

namespace CscDashboard.Core.Indicators;

/// <summary>French words of the indicators: statuses, sources and how each value is computed; shared by pages, imports and PDFs.</summary>
public static class IndicatorLabels
{
    public static string Of(TargetStatus status) => status switch
    {
        TargetStatus.Behind => "en retard",
        TargetStatus.OnTrack => "dans les temps",
        TargetStatus.Ahead => "en avance",
        TargetStatus.Reached => "atteint",
        _ => "sans cible",
    };

    public static string Of(IndicatorSource source) => source switch
    {
        IndicatorSource.Activities => "Activités",
        IndicatorSource.Inhabitants => "Habitants touchés",
        IndicatorSource.ProfessionalsAndVolunteers => "Professionnels et bénévoles",
        IndicatorSource.AudienceInhabitants => "Habitants d'un public ou d'une tranche d'âge",
        IndicatorSource.PartnersMet => "Partenaires rencontrés",
        IndicatorSource.CentresActive => "Centres actifs",
        IndicatorSource.CentresEngaged => "Centres engagés",
        IndicatorSource.Manual => "Déclaration manuelle",
        _ => source.ToString(),
    };

    public static string Of(AudienceKind kind) => kind == AudienceKind.AgeBand ? "Tranche d'âge" : "Public";

    /// <summary>How the value is obtained, in one sentence: "Somme des habitants comptés sur les activités « Action grand public »."</summary>
    public static string Method(IndicatorSource source, ActivityType? type, string? audienceGroup)
    {
        var ofType = type is { } t ? $" « {FrenchLabels.Of(t)} »" : "";
        return source switch
        {
            IndicatorSource.Activities => $"Nombre d'activités{ofType} du journal.",
            IndicatorSource.Inhabitants => $"Somme des habitants comptés sur les activités{ofType}.",
            IndicatorSource.ProfessionalsAndVolunteers => $"Somme des professionnels et bénévoles comptés sur les activités{ofType}.",
            IndicatorSource.AudienceInhabitants => $"Somme des habitants « {audienceGroup ?? "?"} » de la répartition des activités.",
            IndicatorSource.PartnersMet => "Partenaires distincts rencontrés lors d'au moins une activité.",
            IndicatorSource.CentresActive => "Centres distincts cités dans au moins une activité.",
            IndicatorSource.CentresEngaged => "Centres engagés dans l'opération à la date (annuaire du réseau).",
            _ => "Valeur déclarée période par période, avec une note et sa pièce justificative.",
        };
    }

    /// <summary>A value as people read it: "1 250", "12 500,5".</summary>
    public static string Value(decimal value) => value.ToString("#,##0.##", French.Culture);

    /// <summary>"85 %", or "—" without a target.</summary>
    public static string Percent(decimal? percent) => percent is { } p ? p.ToString("0", French.Culture) + " %" : "—";
}
