using System.Globalization;
using CscDashboard.Core.Common;
using CscDashboard.Core.Network;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace CscDashboard.Web.Network;

/// <summary>
/// The filters of the network lists as they appear in URLs (<c>?territory=ART&amp;status=Engaged&amp;q=…&amp;archived=true</c>),
/// shared by the pages (bookmarkable views) and the export endpoints (the file holds what the page shows).
/// </summary>
public static class NetworkQuery
{
    public const string Territory = "territory";
    public const string Status = "status";
    public const string Role = "role";
    public const string Kind = "kind";
    public const string Centre = "centre";
    public const string Search = "q";
    public const string Archived = "archived";
    public const string Member = "member";

    public static TEnum? ParseEnum<TEnum>(string? value) where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;

    /// <summary>The value without invisible controls (PostgreSQL refuses a NUL in a parameter), trimmed; null when nothing is left.</summary>
    public static string? Clean(string? value) => TextRules.StripInvisible(value).Trim() is { Length: > 0 } text ? text : null;

    public static CentreFilter Centres(string? territory, string? status, string? search, bool archived) =>
        new(Clean(territory), ParseEnum<CentreStatus>(status), Clean(search), archived);

    public static MemberFilter Members(string? territory, string? role, int? centre, string? search, bool archived, int? member = null) =>
        new(Clean(territory), ParseEnum<MemberRole>(role), centre, Clean(search), archived, member);

    public static PartnerFilter Partners(string? territory, string? kind, string? search, bool archived) =>
        new(Clean(territory), ParseEnum<PartnerKind>(kind), Clean(search), archived);

    public static CentreFilter Centres(IQueryCollection query) =>
        Centres(query[Territory], query[Status], query[Search], IsTrue(query[Archived]));

    public static MemberFilter Members(IQueryCollection query) =>
        Members(query[Territory], query[Role], int.TryParse(query[Centre], out var centre) ? centre : null, query[Search], IsTrue(query[Archived]),
            int.TryParse(query[Member], out var member) ? member : null);

    public static PartnerFilter Partners(IQueryCollection query) =>
        Partners(query[Territory], query[Kind], query[Search], IsTrue(query[Archived]));

    public static string ToQuery(CentreFilter f) => Build(
        (Territory, f.TerritoryCode), (Status, f.Status?.ToString()), (Search, f.Search), (Archived, f.IncludeArchived ? "true" : null));

    public static string ToQuery(MemberFilter f) => Build(
        (Territory, f.TerritoryCode), (Role, f.Role?.ToString()), (Centre, f.CentreId?.ToString(CultureInfo.InvariantCulture)), (Search, f.Search),
        (Archived, f.IncludeArchived ? "true" : null), (Member, f.MemberId?.ToString(CultureInfo.InvariantCulture)));

    public static string ToQuery(PartnerFilter f) => Build(
        (Territory, f.TerritoryCode), (Kind, f.Kind?.ToString()), (Search, f.Search), (Archived, f.IncludeArchived ? "true" : null));

    private static bool IsTrue(StringValues value) => bool.TryParse(value, out var b) && b;

    private static string Build(params (string Key, string? Value)[] pairs)
    {
        var present = pairs.Where(p => !string.IsNullOrWhiteSpace(p.Value)).ToDictionary(p => p.Key, p => (string?)p.Value);
        return present.Count == 0 ? "" : QueryHelpers.AddQueryString("", present);
    }
}
