using System.Globalization;
using CscDashboard.Core.Common;
using CscDashboard.Core.Evidence;
using CscDashboard.Web.Network;
using Microsoft.AspNetCore.WebUtilities;

namespace CscDashboard.Web.Evidence;

/// <summary>The evidence list's filters as they appear in the URL (<c>/evidence?territory=VAL&amp;category=Invoice&amp;from=2023-01-01</c>).</summary>
public static class EvidenceQuery
{
    public static EvidenceFilter Parse(string? territory, string? category, string? from, string? to, string? search, bool withdrawn,
        int? activity, int? member, int? centre, int? expense = null) => new()
        {
            TerritoryCode = NetworkQuery.Clean(territory),
            Category = NetworkQuery.ParseEnum<EvidenceCategory>(category),
            From = Date(from),
            To = Date(to),
            Search = NetworkQuery.Clean(search),
            IncludeWithdrawn = withdrawn,
            ActivityId = activity,
            MemberId = member,
            CentreId = centre,
            ExpenseId = expense,
        };

    public static string ToQuery(EvidenceFilter f)
    {
        var pairs = new Dictionary<string, string?>
        {
            ["territory"] = f.TerritoryCode,
            ["category"] = f.Category?.ToString(),
            ["from"] = f.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = f.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["q"] = f.Search,
            ["withdrawn"] = f.IncludeWithdrawn ? "true" : null,
            ["activity"] = f.ActivityId?.ToString(CultureInfo.InvariantCulture),
            ["member"] = f.MemberId?.ToString(CultureInfo.InvariantCulture),
            ["centre"] = f.CentreId?.ToString(CultureInfo.InvariantCulture),
            ["expense"] = f.ExpenseId?.ToString(CultureInfo.InvariantCulture),
        };
        var present = pairs.Where(p => !string.IsNullOrWhiteSpace(p.Value)).ToDictionary(p => p.Key, p => p.Value);
        return present.Count == 0 ? "" : QueryHelpers.AddQueryString("", present);
    }

    /// <summary>A day from the address (inside <see cref="DateBounds"/>, ADR 020); anything else is ignored.</summary>
    private static DateOnly? Date(string? text) => DateBounds.DayOrNull(text);
}
