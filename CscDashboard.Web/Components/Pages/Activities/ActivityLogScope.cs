using CscDashboard.Core.Common;

namespace CscDashboard.Web.Components.Pages.Activities;

/// <summary>
/// Whether <c>/activities</c> shows "Mes activités" or "Tout le réseau" (docs/decisions/012-coordinator-home-and-log.md).
/// The choice lives in the address as <c>scope=mine</c> or <c>scope=all</c>. Without it, a coordinator's bare
/// <c>/activities</c> opens on their own activities, while an address carrying any other filter (a shared link,
/// a dashboard's link to a territory) shows the whole network filtered by it, as it always did; other roles
/// open on the whole network.
/// </summary>
public static class ActivityLogScope
{
    public const string Mine = "mine";
    public const string All = "all";

    public static bool ShowsMine(string? scope, bool hasOtherFilters, CurrentUser user) => scope?.Trim().ToLowerInvariant() switch
    {
        Mine => true,
        All => false,
        _ => !hasOtherFilters && OpensOnMine(user),
    };

    /// <summary>Coordinators log their own day: their list opens on it. The federation team opens on everything.</summary>
    public static bool OpensOnMine(CurrentUser user) => user.IsCoordinator && !user.HasFederationScope;

    /// <summary>
    /// The <c>scope</c> the page writes back: always <c>mine</c> for "Mes activités"; <c>all</c> only for those whose
    /// default is "Mes activités", so that their bare "Tout le réseau" view survives a reload or a shared link.
    /// </summary>
    public static string? InUrl(bool mine, bool opensOnMine) => mine ? Mine : opensOnMine ? All : null;
}
