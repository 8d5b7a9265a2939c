using CscDashboard.Core.Data.Seeding;
using CscDashboard.Tests.Web;
using Microsoft.EntityFrameworkCore;
using static CscDashboard.Tests.Web.AuthorizationMatrixTests;

namespace CscDashboard.Tests.Browser;

/// <summary>
/// What <see cref="AccessibilityTests"/> scans (issue 15, ADR 021): every page route of the URL map
/// (<see cref="BadUrls"/>) at an address of the demo data, opened by every account whose role the
/// authorization matrix (<see cref="AuthorizationMatrixTests.Rows"/>) lets in.
/// </summary>
public static class AccessibilityMap
{
    /// <summary>A caller of the matrix and the demo account that plays it (null: not signed in).</summary>
    public sealed record Account(string Caller, string? Email)
    {
        public override string ToString() => Caller;
    }

    /// <summary>A page to scan: its route pattern, its address, and whether it is a static account page (no circuit).</summary>
    public sealed record Page(string Pattern, string Url)
    {
        // The personal access tokens page is the one interactive page under /account/ (ADR 026); the statement, the error and
        // the not-found pages are static for everyone.
        public bool IsStatic => (Pattern.StartsWith("/account/", StringComparison.Ordinal) && Pattern != "/account/tokens")
            || Pattern is "/accessibilite" or "/error" or "/not-found";
    }

    public static readonly IReadOnlyList<Account> Accounts =
    [
        new(Anonymous, null),
        new(Admin, $"admin@{DemoDataSeeder.Domain}"),
        new(Lead, $"lead@{DemoDataSeeder.Domain}"),
        new(Committee, $"committee@{DemoDataSeeder.Domain}"),
        // Artois is territory 2 (ReferenceData): the matrix's coordinator is ART's.
        new(Coordinator, $"coord2@{DemoDataSeeder.Domain}"),
    ];

    /// <summary>Every page route, at an address of the demo data; the finance page once per tab.</summary>
    public static IReadOnlyList<Page> Pages(int activityId, int centreId, int meetingId = 1) =>
    [
        new("/", "/"),
        new("/dashboard", "/dashboard"),
        new("/territories/{Code}", "/territories/ART"),
        new("/activities", "/activities"),
        new("/activities/new", "/activities/new"),
        new("/activities/week", "/activities/week"),
        new("/activities/{Id:int}", $"/activities/{activityId}"),
        new("/network/centres", "/network/centres"),
        new("/network/centres/{Id:int}", $"/network/centres/{centreId}"),
        new("/network/members", "/network/members"),
        new("/network/partners", "/network/partners"),
        new("/workstreams/{Number:int}", "/workstreams/1"),
        new("/finance", "/finance?tab=execution"),
        new("/finance", "/finance?tab=expenses"),
        new("/finance", "/finance?tab=staff"),
        new("/finance", "/finance?tab=resources"),
        new("/finance", "/finance?tab=budget"),
        new("/compliance", "/compliance"),
        new("/closing", "/closing"),
        new("/meetings", "/meetings"),
        new("/meetings/{Id:int}", $"/meetings/{meetingId}"),
        // Last month of Artois in the demo: returned to its coordinator with the lead's comment.
        new("/closing/{Code}/{Month}", $"/closing/ART/{DemoLastMonth:yyyy-MM}"),
        new("/evidence", "/evidence"),
        new("/reports", "/reports"),
        new("/targets", "/targets?territory=ART"),
        new("/targets", "/targets?tab=catalogue"),
        new("/targets", "/targets?tab=declarations&territory=ART"),
        new("/admin/operations", "/admin/operations"),
        new("/admin/users", "/admin/users"),
        new("/admin/backups", "/admin/backups"),
        new("/admin/mail", "/admin/mail"),
        new("/account/tokens", "/account/tokens"),
        new("/account/notifications", "/account/notifications"),
        new("/account/notifications/unsubscribe", "/account/notifications/unsubscribe?t=lien-altere"),
        new("/account/access-denied", "/account/access-denied"),
        new("/not-found", "/not-found"),
        new("/error", "/error"),
        new("/account/login", "/account/login"),
        new("/account/login-2fa", "/account/login-2fa"),
        new("/account/two-factor/enrol", "/account/two-factor/enrol"),
        new("/account/security", "/account/security"),
        new("/account/forgot-password", "/account/forgot-password"),
        new("/account/reset-password", "/account/reset-password?jeton=lien-perime"),
        new("/accessibilite", "/accessibilite"),
    ];

    /// <summary>The demo's last month (today's in Paris, minus one): the one with a returned and an awaiting submission.</summary>
    private static DateOnly DemoLastMonth
    {
        get
        {
            var today = new CscDashboard.Core.Common.ParisTimeProvider().GetLocalNow();
            return new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        }
    }

    /// <summary>Whether the matrix lets <paramref name="caller"/> open the page (GET answers 200).</summary>
    public static bool Opens(string caller, string pattern) =>
        Rows.Single(r => r.Pattern == pattern && r.Method == "GET").Answers[caller] == Answer.Ok;

    /// <summary>The pages the administrator sees otherwise than the project lead: the home (its actions and menu), every account's tokens.</summary>
    private static readonly HashSet<string> AdminOwnViews = ["/", "/account/tokens"];

    /// <summary>
    /// Whether <paramref name="caller"/>'s walk scans the page: a page the caller opens, except that
    /// - a static page open to everyone (the sign-in steps) shows the same to every caller and is scanned once, without a sign-in;
    /// - without a sign-in only static pages show (an interactive page needs a circuit, which the fallback policy keeps for signed-in users);
    /// - the administrator's view of a page the project lead also opens is the lead's, same data and components, with fewer
    ///   buttons (the administrator reads the operation, the lead runs it): it is the lead's scan, so the administrator's walk
    ///   keeps the pages of <see cref="AdminOwnViews"/> and those only the administrator opens (ADR 021, CI time).
    /// </summary>
    public static bool Scanned(string caller, Page page) =>
        Opens(caller, page.Pattern)
        && (caller == Anonymous ? page.IsStatic : !(page.IsStatic && Opens(Anonymous, page.Pattern)))
        && !(caller == Admin && Opens(Lead, page.Pattern) && !AdminOwnViews.Contains(page.Pattern));

    /// <summary>An activity, a centre and a meeting of Artois in the demo data (the coordinator's territory).</summary>
    public static async Task<(int Activity, int Centre, int Meeting)> IdsAsync(Infrastructure.CscWebFactory demo)
    {
        await using var db = await demo.CreateDbAsync();
        var activity = await db.Activities.Where(a => a.Territory!.Code == "ART" && a.DeletedAt == null && a.Centres.Count > 0)
            .OrderByDescending(a => a.Date).Select(a => a.Id).FirstAsync();
        var centre = await db.Centres.Where(c => c.Territory!.Code == "ART").OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        var meeting = await db.Meetings.Where(m => m.Territory!.Code == "ART" && m.Decisions.Count > 0).OrderByDescending(m => m.Date).Select(m => m.Id).FirstAsync();
        return (activity, centre, meeting);
    }
}
