using System.Net;
using CscDashboard.Core.Common;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Network;
using CscDashboard.Core.Reporting;
using CscDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CscDashboard.Tests.Web;

/// <summary>
/// Every route of the app (pages and endpoints, discovered from the endpoint data source, so that a
/// new one without a row below fails the test) against anonymous, each role and a coordinator of
/// another territory. Pages are interactive without prerendering: over HTTP a page answers its
/// shell (200) or the sign-in / access-denied redirect; the data inside is checked per territory
/// by the Core services (their own tests). Files are checked here per territory.
/// </summary>
public sealed partial class AuthorizationMatrixTests(AuthorizationMatrixTests.Fixture app, ITestOutputHelper output) : IClassFixture<AuthorizationMatrixTests.Fixture>
{
    /// <summary>What a caller gets.</summary>
    public enum Answer
    {
        /// <summary>200 (a page's shell, a file).</summary>
        Ok,
        /// <summary>Redirect to the sign-in page.</summary>
        SignIn,
        /// <summary>Redirect to the access-denied page, or 403.</summary>
        Denied,
        /// <summary>404: the resource does not exist for this caller (another territory's file).</summary>
        NotFound,
        /// <summary>400: a POST without its antiforgery token.</summary>
        BadRequest,
    }

    public const string Anonymous = "anonyme";
    public const string Admin = "admin";
    public const string Lead = "cheffe de projet";
    public const string Committee = "comité";
    public const string Coordinator = "coordinateur ART";
    public const string OtherCoordinator = "coordinateur LIL";

    private static readonly string[] Callers = [Anonymous, Admin, Lead, Committee, Coordinator, OtherCoordinator];

    /// <summary>One route: its pattern as registered, the URL tried, the method, and the answer per caller.</summary>
    public sealed record Row(string Pattern, string Method, Func<Fixture, string> Url, IReadOnlyDictionary<string, Answer> Answers);

    private static Dictionary<string, Answer> Expect(Answer anonymous, Answer admin, Answer lead, Answer committee, Answer coordinator, Answer other) => new()
    {
        [Anonymous] = anonymous, [Admin] = admin, [Lead] = lead, [Committee] = committee, [Coordinator] = coordinator, [OtherCoordinator] = other,
    };

    private static readonly Dictionary<string, Answer> Everyone = Expect(Answer.SignIn, Answer.Ok, Answer.Ok, Answer.Ok, Answer.Ok, Answer.Ok);
    private static readonly Dictionary<string, Answer> Staff = Expect(Answer.SignIn, Answer.Ok, Answer.Ok, Answer.Denied, Answer.Ok, Answer.Ok);
    private static readonly Dictionary<string, Answer> AdminOnly = Expect(Answer.SignIn, Answer.Ok, Answer.Denied, Answer.Denied, Answer.Denied, Answer.Denied);
    /// <summary>
    /// A file of ART (evidence, a document to sign): its territory's coordinators, the lead and admin; the committee is refused at
    /// the door; for the coordinator of another territory it does not exist (404, as an unknown id: ADR 017).
    /// </summary>
    private static readonly Dictionary<string, Answer> TerritoryFile = Expect(Answer.SignIn, Answer.Ok, Answer.Ok, Answer.Denied, Answer.Ok, Answer.NotFound);
    private static readonly Dictionary<string, Answer> Public = Expect(Answer.Ok, Answer.Ok, Answer.Ok, Answer.Ok, Answer.Ok, Answer.Ok);

    private static readonly Dictionary<string, Answer> SignedIn = Expect(Answer.SignIn, Answer.Ok, Answer.Ok, Answer.Ok, Answer.Ok, Answer.Ok);

    /// <summary>
    /// The read API takes a bearer token only: a signed-in browser's cookie is refused like no credential at all (401), so no
    /// other site can make a browser read it (ADR 026). Its tokens are tried endpoint by endpoint in <c>Api.ApiMatrixTests</c>.
    /// </summary>
    private static readonly Dictionary<string, Answer> TokenOnly = Expect(Answer.SignIn, Answer.SignIn, Answer.SignIn, Answer.SignIn, Answer.SignIn, Answer.SignIn);

    /// <summary>
    /// A page: GET answers its shell; POST (Blazor's form handling) passes the same authorization and
    /// then needs an antiforgery token, which these requests do not carry.
    /// </summary>
    private static IEnumerable<Row> Page(string pattern, Func<Fixture, string> url, Dictionary<string, Answer> answers) =>
    [
        new(pattern, "GET", url, answers),
        new(pattern, "POST", url, answers.ToDictionary(a => a.Key, a => a.Value == Answer.Ok ? Answer.BadRequest : a.Value)),
    ];

    public static readonly IReadOnlyList<Row> Rows =
    [
        .. Page("/", _ => "/", SignedIn),
        .. Page("/account/login", _ => "/account/login", Public),
        .. Page("/account/access-denied", _ => "/account/access-denied", SignedIn),
        // The second-factor steps answer everyone (without the partial cookie of the password step they say it expired).
        .. Page("/account/login-2fa", _ => "/account/login-2fa", Public),
        .. Page("/account/two-factor/enrol", _ => "/account/two-factor/enrol", Public),
        .. Page("/account/security", _ => "/account/security", SignedIn),
        // The password reset by e-mail answers everyone (a dead or missing link says so; ADR 028).
        .. Page("/account/forgot-password", _ => "/account/forgot-password", Public),
        .. Page("/account/reset-password", _ => "/account/reset-password", Public),
        .. Page("/account/tokens", _ => "/account/tokens", Everyone),
        // The bell's page and the mail preferences: each account its own (ADR 028); the unsubscribe link works signed out.
        .. Page("/account/notifications", _ => "/account/notifications", Everyone),
        .. Page("/account/notifications/unsubscribe", _ => "/account/notifications/unsubscribe", Public),
        .. Page("/error", _ => "/error", Public),
        // The accessibility statement opens without signing in (RGAA; ADR 022).
        .. Page("/accessibilite", _ => "/accessibilite", Public),
        .. Page("/not-found", _ => "/not-found", Public),
        .. Page("/dashboard", _ => "/dashboard", Everyone),
        .. Page("/territories/{Code}", _ => "/territories/ART", Staff),
        .. Page("/activities", _ => "/activities", Staff),
        .. Page("/activities/new", _ => "/activities/new", Staff),
        .. Page("/activities/week", _ => "/activities/week", Staff),
        .. Page("/activities/{Id:int}", f => $"/activities/{f.ActivityId}", Staff),
        .. Page("/network/centres", _ => "/network/centres", Staff),
        .. Page("/network/centres/{Id:int}", f => $"/network/centres/{f.CentreId}", Staff),
        .. Page("/network/members", _ => "/network/members", Staff),
        .. Page("/network/partners", _ => "/network/partners", Staff),
        .. Page("/workstreams/{Number:int}", _ => "/workstreams/2", Staff),
        // Finance pages answer every staff role; the territory scope of the figures is enforced in the Core finance services.
        .. Page("/finance", _ => "/finance", Staff),
        // Compliance likewise: the to-do list is limited to the coordinator's territories in ComplianceService.
        .. Page("/compliance", _ => "/compliance", Staff),
        // Month close (ADR 027): staff pages; a month's summary is limited to its territory's coordinators in MonthCloseQueries.
        .. Page("/closing", _ => "/closing", Staff),
        .. Page("/closing/{Code}/{Month}", _ => "/closing/ART/2023-02", Staff),
        // Meetings and decisions (ADR 031): staff pages; who manages which meeting is checked in the Core services.
        .. Page("/meetings", _ => "/meetings", Staff),
        .. Page("/meetings/{Id:int}", f => $"/meetings/{f.MeetingId}", Staff),
        // The programme's set-up (issue 20): the project lead and the admin; Core refuses anyone else too (OperationSetupService…).
        .. Page("/admin/operations", _ => "/admin/operations", Expect(Answer.SignIn, Answer.Ok, Answer.Ok, Answer.Denied, Answer.Denied, Answer.Denied)),
        .. Page("/admin/users", _ => "/admin/users", AdminOnly),
        .. Page("/admin/backups", _ => "/admin/backups", AdminOnly),
        .. Page("/admin/mail", _ => "/admin/mail", AdminOnly),
        .. Page("/reports", _ => "/reports", Everyone),
        .. Page("/evidence", _ => "/evidence", Staff),
        // Indicators and targets: staff read them; writes (catalogue, targets, declared values) are checked in the Core services.
        .. Page("/targets", _ => "/targets", Staff),
        new("/evidence/{id:int}/file", "GET", f => $"/evidence/{f.EvidenceId}/file", TerritoryFile),
        new("/activities/{id:int}/attendance-sheet.pdf", "GET", f => $"/activities/{f.ActivityId}/attendance-sheet.pdf", TerritoryFile),
        // A meeting of ART: prepared by its managers; another territory's coordinator reads the meeting but gets no sheet (404).
        new("/meetings/{id:int}/attendance-sheet.pdf", "GET", f => $"/meetings/{f.MeetingId}/attendance-sheet.pdf", TerritoryFile),
        new("/network/members/{id:int}/timesheet.pdf", "GET", f => $"/network/members/{f.MemberId}/timesheet.pdf?month=2023-03", TerritoryFile),
        new("/reports/{id:int}/pdf", "GET", f => $"/reports/{f.ReportId}/pdf", Everyone),
        // Payment-claim dossiers: lead and admin only (no dossier is built here, so they get 404 past the door).
        new("/compliance/dossiers/{fileName}", "GET", _ => "/compliance/dossiers/dossier_inconnu.zip",
            Expect(Answer.SignIn, Answer.NotFound, Answer.NotFound, Answer.Denied, Answer.Denied, Answer.Denied)),
        new("/account/logout", "POST", _ => "/account/logout", Expect(Answer.SignIn, Answer.BadRequest, Answer.BadRequest, Answer.BadRequest, Answer.BadRequest, Answer.BadRequest)),
        // The offline entry (ADR 032): its page is the same for everyone and holds no data; its script endpoints answer 401
        // and 403 with a French message instead of redirects, and the sync then wants its antiforgery token in a header.
        new("/activities/quick", "GET", _ => "/activities/quick", Public),
        new("/activities/quick/context", "GET", _ => "/activities/quick/context", Staff),
        new("/activities/quick/sync", "POST", _ => "/activities/quick/sync", Expect(Answer.SignIn, Answer.BadRequest, Answer.BadRequest, Answer.Denied, Answer.BadRequest, Answer.BadRequest)),
        new("/health", "GET", _ => "/health", Public),
        new("/network/centres/export.{format}", "GET", _ => "/network/centres/export.csv", Staff),
        new("/network/members/export.{format}", "GET", _ => "/network/members/export.xlsx", Staff),
        new("/network/partners/export.{format}", "GET", _ => "/network/partners/export.csv", Staff),
        new("/activities/export.{format}", "GET", _ => "/activities/export.csv", Staff),
        new("/hangfire/{**path}", "GET", _ => "/hangfire", AdminOnly),
        new("/api/v1/figures", "GET", _ => "/api/v1/figures?period=2023-Q1", TokenOnly),
        new("/api/v1/indicators", "GET", _ => "/api/v1/indicators?period=2023-Q1", TokenOnly),
        new("/api/v1/activities", "GET", _ => "/api/v1/activities", TokenOnly),
        new("/api/v1/centres", "GET", _ => "/api/v1/centres", TokenOnly),
        new("/api/v1/partners", "GET", _ => "/api/v1/partners", TokenOnly),
        new("/api/v1/members", "GET", _ => "/api/v1/members", TokenOnly),
        new("/api/v1/reports", "GET", _ => "/api/v1/reports", TokenOnly),
        new("/api/v1/reports/{id:int}/pdf", "GET", f => $"/api/v1/reports/{f.ReportId}/pdf", TokenOnly),
        // The API's description: any signed-in account (or a token holder).
        new("/openapi/{documentName}.json", "GET", _ => "/openapi/v1.json", Everyone),
        new("/api/docs/{documentName?}", "GET", _ => "/api/docs/", Everyone),
        // The reference page's own script and icon (Scalar's, the same for everyone, no data): anonymous like the app's static files.
        new("/api/docs/scalar.js", "GET", _ => "/api/docs/scalar.js", Public),
        new("/api/docs/scalar.aspnetcore.js", "GET", _ => "/api/docs/scalar.aspnetcore.js", Public),
        new("/api/docs/favicon.svg", "GET", _ => "/api/docs/favicon.svg", Public),
        // Blazor's fallback for a file that is not a known static asset.
        new("/{**path:file}", "GET", _ => "/inconnu.js", Expect(Answer.SignIn, Answer.NotFound, Answer.NotFound, Answer.NotFound, Answer.NotFound, Answer.NotFound)),
        new("/{**path:file}", "HEAD", _ => "/inconnu.js", Expect(Answer.SignIn, Answer.NotFound, Answer.NotFound, Answer.NotFound, Answer.NotFound, Answer.NotFound)),
    ];

    [Fact]
    public void Every_route_of_the_app_has_a_row_in_the_matrix()
    {
        var known = Rows.Select(r => (r.Pattern, r.Method)).ToHashSet();
        var missing = app.Routes().Where(route => !known.Contains(route)).Select(r => $"{r.Method} {r.Pattern}").ToList();

        Assert.True(missing.Count == 0, "Routes sans ligne dans la matrice d'autorisations :\n" + string.Join("\n", missing));
        var stale = Rows.Where(r => !app.Routes().Contains((r.Pattern, r.Method))).Select(r => $"{r.Method} {r.Pattern}").ToList();
        Assert.True(stale.Count == 0, "Lignes de la matrice sans route :\n" + string.Join("\n", stale));
    }

    public static TheoryData<string> CallerNames => new(Callers);

    [Theory]
    [MemberData(nameof(CallerNames))]
    public async Task Each_caller_gets_the_expected_answer_on_every_route(string caller)
    {
        using var client = await app.ClientAsync(caller);
        var wrong = new List<string>();
        foreach (var row in Rows)
        {
            var url = row.Url(app);
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(row.Method), url)
            {
                Content = row.Method == "POST" ? new FormUrlEncodedContent([]) : null,
            });
            var answer = Classify(response);
            output.WriteLine($"{caller,-18} {row.Method,-4} {url,-40} {(int)response.StatusCode} {answer}");
            if (answer != row.Answers[caller])
            {
                wrong.Add($"{row.Method} {url}: attendu {row.Answers[caller]}, obtenu {answer} ({(int)response.StatusCode} {response.Headers.Location})");
            }
        }
        Assert.True(wrong.Count == 0, $"{caller} :\n" + string.Join("\n", wrong));
    }

    private static Answer Classify(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        return response.StatusCode switch
        {
            HttpStatusCode.OK => Answer.Ok,
            HttpStatusCode.Redirect or HttpStatusCode.Found when location.Contains("/account/login", StringComparison.Ordinal) => Answer.SignIn,
            HttpStatusCode.Redirect or HttpStatusCode.Found when location.Contains("/account/access-denied", StringComparison.Ordinal) => Answer.Denied,
            HttpStatusCode.Forbidden => Answer.Denied,
            HttpStatusCode.Unauthorized => Answer.SignIn,
            HttpStatusCode.NotFound => Answer.NotFound,
            HttpStatusCode.BadRequest => Answer.BadRequest,
            _ => (Answer)(-1),
        };
    }
}
