namespace CscDashboard.Tests.Web;

/// <summary>
/// Every route of the app with out-of-range and malformed parameters (issue 14 point 6, ADR 020). Endpoints
/// are walked over HTTP (<see cref="UrlParameterTests"/>); pages, interactive without prerendering, in the
/// browser (<c>Browser.UrlParameterJourneyTests</c>). A guard test fails when a route has no row here.
/// </summary>
public static class BadUrls
{
    /// <summary>
    /// An address to try: the route pattern it exercises, the address, the HTTP status expected, and for a
    /// page the French text expected on screen, for an endpoint in the answer's body (null: only the status,
    /// and for a page that it stays alive).
    /// </summary>
    public sealed record Case(string Pattern, string Url, int Status, string? Shows = null)
    {
        public override string ToString() => Url;
    }

    /// <summary>Id of a member that exists (the fixture creates it first); other ids here do not exist.</summary>
    public const int MissingId = 987654;
    private const string Overflow = "99999999999999999999";

    public static IReadOnlyList<Case> Endpoints(int memberId) =>
    [
        new("/evidence/{id:int}/file", $"/evidence/{MissingId}/file", 404),
        new("/evidence/{id:int}/file", $"/evidence/{Overflow}/file", 404),
        new("/evidence/{id:int}/file", "/evidence/-1/file", 404),
        new("/activities/{id:int}/attendance-sheet.pdf", $"/activities/{MissingId}/attendance-sheet.pdf", 404),
        new("/activities/{id:int}/attendance-sheet.pdf", "/activities/abc/attendance-sheet.pdf", 404),
        new("/meetings/{id:int}/attendance-sheet.pdf", $"/meetings/{MissingId}/attendance-sheet.pdf", 404),
        new("/meetings/{id:int}/attendance-sheet.pdf", "/meetings/abc/attendance-sheet.pdf", 404),
        new("/network/members/{id:int}/timesheet.pdf", $"/network/members/{memberId}/timesheet.pdf?month=9999-12", 400, "hors des dates acceptées"),
        new("/network/members/{id:int}/timesheet.pdf", $"/network/members/{memberId}/timesheet.pdf?month=0001-01", 400, "hors des dates acceptées"),
        new("/network/members/{id:int}/timesheet.pdf", $"/network/members/{memberId}/timesheet.pdf?month=2023-13", 400, "AAAA-MM"),
        new("/network/members/{id:int}/timesheet.pdf", $"/network/members/{memberId}/timesheet.pdf?month=%00%E2%80%AE", 400, "AAAA-MM"),
        new("/network/members/{id:int}/timesheet.pdf", $"/network/members/{memberId}/timesheet.pdf", 400, "AAAA-MM"),
        new("/network/members/{id:int}/timesheet.pdf", $"/network/members/{MissingId}/timesheet.pdf?month=2023-03", 404),
        new("/reports/{id:int}/pdf", $"/reports/{MissingId}/pdf", 404),
        new("/reports/{id:int}/pdf", $"/reports/{MissingId}/pdf?download=peut-etre", 400),
        new("/compliance/dossiers/{fileName}", "/compliance/dossiers/..%2F..%2Fappsettings.json", 404),
        new("/compliance/dossiers/{fileName}", "/compliance/dossiers/dossier_%E2%80%AE.zip", 404),
        new("/network/centres/export.{format}", "/network/centres/export.exe", 404),
        new("/network/centres/export.{format}", "/network/centres/export.csv?territory=%00&status=9999&archived=abc", 200),
        new("/network/members/export.{format}", "/network/members/export.csv?centre=abc&member=-5&role=zzz", 200),
        new("/network/partners/export.{format}", "/network/partners/export.xlsx?kind=%E2%80%AE&archived=2", 200),
        new("/activities/export.{format}", "/activities/export.pdf", 404),
        new("/activities/export.{format}", "/activities/export.csv?from=9999-12-31&to=0001-01-01&centre=abc&workstream=" + Overflow, 200),
        new("/activities/export.{format}", "/activities/export.xlsx?from=2023-02-30&type=zzz&trash=peut-etre", 200),
        // The read API: a French problem for each bad value (ADR 026); the test client sends the administrator's token.
        new("/api/v1/figures", "/api/v1/figures?period=9999-12", 400, "Période invalide"),
        new("/api/v1/figures", "/api/v1/figures?period=%00abc&groupBy=zzz", 400, "non reconnue"),
        new("/api/v1/figures", "/api/v1/figures?period=2023-Q1&groupBy=centre&format=xml", 400, "json ou csv"),
        new("/api/v1/indicators", "/api/v1/indicators?period=9999-12", 400, "Période invalide"),
        new("/api/v1/indicators", "/api/v1/indicators?period=2023-Q1&territory=%E2%80%AE&format=xml", 400, "json ou csv"),
        new("/api/v1/indicators", "/api/v1/indicators?period=2023-Q1&territory=%00", 400, "inconnu"),
        new("/api/v1/activities", $"/api/v1/activities?from=9999-12-31&to=0001-01-01", 400, "précéder"),
        new("/api/v1/activities", $"/api/v1/activities?centre=abc&workstream={Overflow}", 400, "paramètre"),
        new("/api/v1/activities", "/api/v1/activities?territory=%E2%80%AE&type=zzz&trash=peut-etre", 400, "paramètre"),
        new("/api/v1/activities", "/api/v1/activities?pageSize=100000&page=-1", 400, "page"),
        new("/api/v1/centres", "/api/v1/centres?territory=%00&status=9999&archived=abc", 400, "paramètre"),
        new("/api/v1/centres", "/api/v1/centres?status=9999", 400, "Statut"),
        new("/api/v1/partners", "/api/v1/partners?kind=%E2%80%AE", 400, "Nature"),
        new("/api/v1/members", $"/api/v1/members?centre={Overflow}", 400, "paramètre"),
        new("/api/v1/members", "/api/v1/members?territory=ZZZ", 400, "Territoire"),
        new("/api/v1/reports", "/api/v1/reports?pageSize=0", 400, "pageSize"),
        new("/api/v1/reports/{id:int}/pdf", $"/api/v1/reports/{MissingId}/pdf", 404, "n'existe pas"),
        new("/api/v1/reports/{id:int}/pdf", $"/api/v1/reports/{Overflow}/pdf", 404, "n'existe pas dans l'API"),
        // The offline entry's page (a static document, not a component route; ADR 032) ignores its query string.
        new("/activities/quick", "/activities/quick?reprise=%00&x=%E2%80%AE", 200, "Saisie hors connexion"),
        new("/openapi/{documentName}.json", "/openapi/v2.json", 404),
        new("/openapi/{documentName}.json", "/openapi/..%2F..%2Fappsettings.json", 404),
        new("/api/docs/{documentName?}", "/api/docs/%E2%80%AE", 200),
    ];

    public const string InvalidPeriod = "Période invalide";
    public const string InvalidDate = "Date invalide";

    public static IReadOnlyList<Case> Pages(int activityId) =>
    [
        new("/", "/?period=9999-12&day=abc", 200),
        new("/dashboard", "/dashboard?period=9999-12", 200, InvalidPeriod),
        new("/dashboard", "/dashboard?period=%00abc", 200, "non reconnue"),
        new("/territories/{Code}", "/territories/VAL?period=9999", 200, InvalidPeriod),
        new("/territories/{Code}", "/territories/ZZZ?period=2023", 200, "n'existe pas"),
        new("/activities/week", "/activities/week?day=9999-12-31", 200, InvalidDate),
        new("/activities/week", "/activities/week?day=2023-02-30", 200, InvalidDate),
        new("/activities/new", $"/activities/new?copy={activityId}&date=9999-12-31", 200, InvalidDate),
        new("/activities/new", $"/activities/new?copy={MissingId}", 200, "n'existe pas ou a été supprimée"),
        new("/activities/new", "/activities/new?copy=abc", 200, "n'existe pas ou a été supprimée"),
        new("/activities", $"/activities?from=9999-12-31&to=abc&centre=abc&workstream={Overflow}&trash=peut-etre&type=zzz", 200),
        new("/activities/{Id:int}", $"/activities/{MissingId}", 200, "n'existe pas"),
        new("/compliance", "/compliance?period=9999-12&operation=ZZZ&territory=%E2%80%AE", 200, InvalidPeriod),
        new("/finance", $"/finance?period=9999-12&expense=abc&tab=zzz", 200, InvalidPeriod),
        new("/targets", "/targets?operation=ZZZ&territory=%E2%80%AE&tab=zzz", 200, "n'existe pas"),
        new("/closing", "/closing?year=99999999999&x=%00", 200),
        new("/meetings", $"/meetings?kind=zzz&territory={Overflow}&q=%E2%80%AE", 200, "Réunions et décisions"),
        new("/meetings/{Id:int}", $"/meetings/{MissingId}", 200, "n'existe pas"),
        new("/closing/{Code}/{Month}", "/closing/ART/9999-12", 200, "Mois invalide"),
        new("/closing/{Code}/{Month}", "/closing/ZZZ/2023-02", 200, "n'existe pas"),
        new("/closing/{Code}/{Month}", "/closing/ART/2023-13", 200, "AAAA-MM"),
        new("/evidence", $"/evidence?from=9999-12-31&month=9999-12&withdrawn=abc&activity=abc&member={Overflow}&upload=zzz", 200),
        new("/network/centres", "/network/centres?archived=abc&status=zzz", 200),
        new("/network/centres/{Id:int}", $"/network/centres/{MissingId}", 200, "n'existe pas"),
        new("/network/members", $"/network/members?centre=abc&member={Overflow}&archived=2", 200),
        new("/network/partners", "/network/partners?archived=abc&kind=zzz", 200),
        new("/workstreams/{Number:int}", "/workstreams/2?from=9999-12-31&to=0001-01-01", 200),
        new("/workstreams/{Number:int}", "/workstreams/99", 200, "n'existe pas"),
        new("/reports", "/reports?period=9999-12", 200),
        new("/admin/users", "/admin/users?etat=%00zzz", 200),
        new("/admin/operations", "/admin/operations?x=%00&tab=zzz", 200, "Paramétrage du programme"),
        new("/account/tokens", "/account/tokens?x=%00&days=9999", 200),
        new("/account/notifications", "/account/notifications?x=%00&t=%E2%80%AE", 200, "Notifications"),
        new("/admin/backups", "/admin/backups?fichier=..%2F..%2Fcsc.db&x=%E2%80%AE", 200),
        new("/admin/mail", "/admin/mail?etat=%00zzz&page=-1", 200, "Courriels"),
        new("/account/access-denied", "/account/access-denied?returnUrl=%00", 200),
        new("/not-found", "/not-found?x=%E2%80%AE", 200),
        new("/error", "/error?x=9999", 200),
    ];

    /// <summary>The account pages rendered without a circuit (the sign-in steps, the account's security): walked over HTTP only.</summary>
    public static IReadOnlyList<Case> StaticPages { get; } =
    [
        new("/account/login", "/account/login?returnUrl=%00https://exemple.invalid&x=9999", 200),
        new("/account/login-2fa", "/account/login-2fa?rememberMe=peut-etre&secours=abc&returnUrl=%E2%80%AE", 200),
        new("/account/two-factor/enrol", "/account/two-factor/enrol?rememberMe=2&returnUrl=//exemple.invalid", 200),
        new("/account/security", "/account/security?x=%00&rememberMe=abc", 200),
        new("/account/forgot-password", "/account/forgot-password?x=%00&email=%E2%80%AE", 200, "Mot de passe oublié"),
        new("/account/notifications/unsubscribe", "/account/notifications/unsubscribe?t=%00%E2%80%AE&t=9999", 200, "pas valable"),
        new("/account/reset-password", "/account/reset-password?jeton=%00%E2%80%AE&jeton=9999", 200, "plus valable"),
        new("/accessibilite", "/accessibilite?x=%E2%80%AE&returnUrl=//exemple.invalid", 200, "Déclaration d'accessibilité"),
    ];

    public static readonly IReadOnlySet<string> NotWalkedInTheBrowser = StaticPages.Select(c => c.Pattern).ToHashSet();
}
