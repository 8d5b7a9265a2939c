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
