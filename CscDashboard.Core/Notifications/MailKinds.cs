namespace CscDashboard.Core.Notifications;

/// <summary>French names of the kinds of mail, and which ones a user may turn off.</summary>
public static class MailKinds
{
    public static string Label(MailKind kind) => kind switch
    {
        MailKind.PasswordReset => "Réinitialisation du mot de passe",
        MailKind.InactivityReminder => "Rappel : aucune activité saisie",
        MailKind.EvidenceReminder => "Rappel : pièces justificatives attendues",
        MailKind.MonthToSubmit => "Rappel : mois à soumettre",
        MailKind.LeadDigest => "Synthèse du lundi",
        MailKind.NewReport => "Nouveau bilan disponible",
        _ => kind.ToString(),
    };

    /// <summary>When a kind of mail is sent, in the words of the preferences page (the schedules are appsettings.json's defaults).</summary>
    public static string When(MailKind kind) => kind switch
    {
        MailKind.PasswordReset => "Quand vous demandez un nouveau mot de passe, ou que l'administrateur vous en envoie le lien. Ne peut pas être désactivé.",
        MailKind.InactivityReminder => "Un matin de semaine, quand aucune activité n'a été saisie dans vos territoires depuis quelques jours ouvrés.",
        MailKind.EvidenceReminder => "Le lundi, quand des pièces justificatives sont attendues depuis plus d'un mois.",
        MailKind.MonthToSubmit => "Au début du mois, tant que le mois précédent n'est pas soumis.",
        MailKind.LeadDigest => "Le lundi matin : territoires silencieux, pièces, mois à approuver, indicateurs en retard.",
        MailKind.NewReport => "Quand un bilan de la fédération est prêt dans la bibliothèque.",
        _ => "",
    };

    public static string StatusLabel(OutboxStatus status) => status switch
    {
        OutboxStatus.Pending => "En attente",
        OutboxStatus.Sending => "En cours d'envoi",
        OutboxStatus.Sent => "Envoyé",
        OutboxStatus.Failed => "Échec",
        _ => status.ToString(),
    };

    /// <summary>The kinds a user may turn off: all but the password reset, which answers the user's own request.</summary>
    public static readonly IReadOnlyList<MailKind> Optional =
        [MailKind.InactivityReminder, MailKind.EvidenceReminder, MailKind.MonthToSubmit, MailKind.LeadDigest, MailKind.NewReport];
}
