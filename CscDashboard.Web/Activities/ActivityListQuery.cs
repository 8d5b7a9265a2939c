using System.Globalization;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Lookups;
using CscDashboard.Core.Network.Import;
using CscDashboard.Web.Components.Pages.Activities;

namespace CscDashboard.Web.Activities;

/// <summary>
/// The activity list's filters as they appear in its URL (<c>?from=2023-03-01&amp;territory=ART&amp;type=PublicAction…</c>),
/// read the same way by the page and by the export endpoint, so that the file holds the rows the page lists.
/// </summary>
public static class ActivityListQuery
{
    /// <summary>
    /// The filter of the URL's values. <paramref name="scope"/> is <c>mine</c>, <c>all</c> or absent: absent, a
    /// coordinator's bare list opens on "Mes activités" (<see cref="ActivityLogScope"/>), any other filter shows the network.
    /// </summary>
    public static ActivityFilter Parse(string? from, string? to, string? territory, int? centre, string? type, int? workstream,
        string? author, string? text, bool trash, string? scope, CurrentUser user, IReadOnlyList<TerritoryItem> territories, bool canSeeTrash)
    {
        var hasOtherFilters = trash || new object?[] { from, to, territory, centre, type, workstream, author, text }
            .Any(v => v is not null && v.ToString() != "");
        var mine = ActivityLogScope.ShowsMine(scope, hasOtherFilters, user);
        return new()
        {
            From = ParseDate(from),
            To = ParseDate(to),
            TerritoryId = territories.FirstOrDefault(t => t.Code == territory)?.Id,
            CentreId = centre,
            Type = Enum.TryParse<ActivityType>(type, out var parsed) ? parsed : null,
            WorkstreamId = workstream,
            AuthorId = mine ? null : author,
            Text = text,
            Mine = mine,
            Deleted = trash && canSeeTrash,
        };
    }

    public static ActivityFilter Parse(IQueryCollection query, CurrentUser user, IReadOnlyList<TerritoryItem> territories, bool canSeeTrash) =>
        Parse(query["from"], query["to"], query["territory"], Int(query["centre"]), query["type"], Int(query["workstream"]),
            query["author"], query["q"], bool.TryParse(query["trash"], out var trash) && trash, query["scope"], user, territories, canSeeTrash);

    /// <summary>The export of the list as it is filtered: the list's own query string on the export path.</summary>
    public static string ExportUrl(ActivityFilter filter, IReadOnlyList<TerritoryItem> territories, bool opensOnMine, ExportFormat format) =>
        "/activities/export." + format.Extension()
        + ActivityList.UrlOf(filter, territories, opensOnMine)["/activities".Length..];

    /// <summary>A day from the address (inside <see cref="DateBounds"/>, ADR 020); anything else is ignored.</summary>
    public static DateOnly? ParseDate(string? text) => DateBounds.DayOrNull(text);

    private static int? Int(string? text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
