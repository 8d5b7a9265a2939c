using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Evidence;

/// <summary>
/// Who may read and write evidence (DESIGN.md section 1): the project lead and the admin everywhere,
/// a coordinator in their own territories, the committee never. Evidence without a territory
/// (federation level) is for the project lead and the admin only.
/// </summary>
public static class EvidenceAccess
{
    public const string CommitteeRefused = "Les pièces justificatives ne sont pas accessibles au comité partenarial.";
    public const string OtherTerritoryRefused = "Ces pièces justificatives appartiennent à un territoire qui ne vous est pas attribué.";

    /// <summary>Said to a coordinator whose piece would belong to no territory: what to do instead.</summary>
    public const string FederationLevelRefused =
        "Une pièce de niveau fédération (rattachée à aucun territoire) ne peut être déposée que par la cheffe de projet. "
        + "Rattachez-la plutôt à une activité, un centre, un membre du réseau ou une dépense de votre territoire ; "
        + "si elle concerne toute la fédération, transmettez-la à la cheffe de projet, qui la déposera.";

    public static void EnsureCanUse(CurrentUser user)
    {
        if (!user.HasFederationScope && !user.IsCoordinator)
        {
            throw new ScopeViolationException(CommitteeRefused);
        }
    }

    public static bool CanAccess(CurrentUser user, int? territoryId) =>
        territoryId is { } id ? user.CanReadTerritoryFinance(id) : user.HasFederationScope;

    /// <summary>Reading and writing have the same scope for evidence.</summary>
    public static void EnsureCanAccess(CurrentUser user, int? territoryId)
    {
        EnsureCanUse(user);
        if (!CanAccess(user, territoryId))
        {
            throw new ScopeViolationException(territoryId is null
                ? "Les pièces de niveau fédération sont réservées à la cheffe de projet."
                : OtherTerritoryRefused);
        }
    }

    /// <summary>The rows the caller may see: all for the federation, their territories' for a coordinator.</summary>
    public static IQueryable<EvidenceDocument> Visible(AppDbContext db, CurrentUser user)
    {
        EnsureCanUse(user);
        var query = db.EvidenceDocuments.AsNoTracking();
        if (user.HasFederationScope)
        {
            return query;
        }
        var territories = user.TerritoryIds.ToList();
        return query.Where(e => e.TerritoryId != null && territories.Contains(e.TerritoryId.Value));
    }
}

public static class EvidenceQueryExtensions
{
    /// <summary>
    /// Evidence that counts: not withdrawn. Completeness checks and dossiers start from here, e.g.
    /// <c>db.EvidenceDocuments.Current().Any(e =&gt; e.ActivityId == a.Id &amp;&amp; e.Category == EvidenceCategory.AttendanceSheet)</c>
    /// or, for a member's month, <c>e.MemberId == m &amp;&amp; e.PeriodMonth == month</c>.
    /// </summary>
    public static IQueryable<EvidenceDocument> Current(this IQueryable<EvidenceDocument> evidence) =>
        evidence.Where(e => e.WithdrawnAt == null);
}
