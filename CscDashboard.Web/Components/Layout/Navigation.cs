using CscDashboard.Core.Common;
using CscDashboard.Core.Data.Seeding;
using MudBlazor;

namespace CscDashboard.Web.Components.Layout;

/// <summary>One entry of the side navigation and the roles that may use its page; entries with a <see cref="Group"/> are shown together under its title.</summary>
public sealed record NavEntry(string Title, string Href, string Icon, IReadOnlyList<string> Roles, bool ExactMatch = false, bool ForceLoad = false, string? Group = null);

/// <summary>
/// The navigation, in one place: each feature adds its entries here with the same roles as its
/// page's policy, so that each role sees exactly what it may use.
/// </summary>
public static class Navigation
{
    private static readonly string[] Everyone = [.. Roles.All];
    private static readonly string[] Staff = [Roles.Admin, Roles.ProjectLead, Roles.Coordinator];

    public const string WorkstreamsGroup = "Chantiers";

    public static readonly IReadOnlyList<NavEntry> Entries =
    [
        new("Accueil", "/", Icons.Material.Filled.Home, Everyone, ExactMatch: true),
        new("Tableau de bord", "/dashboard", Icons.Material.Filled.Dashboard, Everyone),
        new("Bilans", "/reports", Icons.Material.Filled.PictureAsPdf, Everyone),
        new("Saisir une activité", "/activities/new", Icons.Material.Filled.AddCircle, Staff),
        new("Ma semaine", "/activities/week", Icons.Material.Filled.CalendarViewWeek, Staff),
        new("Journal d'activités", "/activities", Icons.Material.Filled.ListAlt, Staff, ExactMatch: true),
        new("Centres", "/network/centres", Icons.Material.Filled.HomeWork, Staff),
        new("Membres du réseau", "/network/members", Icons.Material.Filled.Groups, Staff),
        new("Partenaires", "/network/partners", Icons.Material.Filled.Handshake, Staff),
        new("Réunions et décisions", "/meetings", Icons.Material.Filled.Gavel, Staff),
        new("Indicateurs et cibles", "/targets", Icons.Material.Filled.TrackChanges, Staff),
        new("Pièces justificatives", "/evidence", Icons.Material.Filled.FolderCopy, Staff),
        // The three workstreams are fixed reference data (architecture.md section 2): one entry each.
        .. ReferenceData.Workstreams.Select(w =>
            new NavEntry(w.ShortName, $"/workstreams/{w.Number}", Icons.Material.Filled.Topic, Staff, Group: WorkstreamsGroup)),
        new("Finances", "/finance", Icons.Material.Filled.Euro, Staff),
        new("Conformité", "/compliance", Icons.Material.Filled.FactCheck, Staff),
        new("Clôture du mois", "/closing", Icons.Material.Filled.Lock, Staff),
        new("Paramétrage du programme", "/admin/operations", Icons.Material.Filled.Tune, [Roles.Admin, Roles.ProjectLead]),
        new("Utilisateurs", "/admin/users", Icons.Material.Filled.ManageAccounts, [Roles.Admin]),
        new("Sauvegardes", "/admin/backups", Icons.Material.Filled.Backup, [Roles.Admin]),
        new("Courriels", "/admin/mail", Icons.Material.Filled.Mail, [Roles.Admin]),
        new("Tâches de fond", "/hangfire", Icons.Material.Filled.Schedule, [Roles.Admin], ForceLoad: true),
    ];

    public static IEnumerable<NavEntry> For(CurrentUser user) =>
        Entries.Where(e => e.Roles.Any(user.IsInRole));
}
