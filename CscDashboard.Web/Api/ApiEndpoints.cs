using System.ComponentModel;
using System.Net.Mime;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Indicators;
using CscDashboard.Core.Lookups;
using CscDashboard.Core.Network;
using CscDashboard.Core.OpenData;
using CscDashboard.Core.Reporting;

namespace CscDashboard.Web.Api;

/// <summary>A report of the library as the API lists it; <see cref="Pdf"/> is its file's address once ready.</summary>
public sealed record ApiReport(int Id, ReportKind Kind, string KindLabel, string Period, string PeriodLabel, DateOnly From, DateOnly To,
    string Scope, string ScopeLabel, int Version, ReportStatus Status, string StatusLabel, DateTime CreatedAt, DateTime? CompletedAt, string? Pdf);

/// <summary>
/// One indicator of a scope against its target, as the dashboards show it (issue 17): its value over the period and since the
/// operation began (up to <see cref="Reference"/>), the target (<see cref="TargetIsSum"/>: the territories' sum), the value
/// expected on the reference day, the share achieved and the status. Figures only: the committee reads it.
/// </summary>
public sealed record ApiIndicator(string Operation, string Scope, string ScopeLabel, DateOnly Reference, string Code, string Name, string Unit, bool Eu,
    string Method, decimal PeriodValue, decimal Cumulative, decimal? Target, bool TargetIsSum, decimal? Expected, decimal? PercentAchieved,
    TargetStatus Status, string StatusLabel);

/// <summary>
/// <c>/api/v1</c>, read-only (ADR 026): figures of a period, indicators against their targets, the activity log, the network
/// directory and the report library, each list in JSON or CSV. Every endpoint: a bearer token (<see cref="ApiAuth"/>), a policy of
/// <see cref="ApiAuth.EndpointPolicies"/>, the per-token rate limit and the API's CORS policy; the Core classes check the caller again.
/// A new endpoint: a <c>MapGet</c> on <c>api</c>, a Core reader that checks its caller, an <see cref="ApiColumn{T}"/> list in
/// <see cref="ApiTables"/>, and its row in <c>ApiMatrixTests</c> (which fails until then).
/// </summary>
public static class ApiEndpoints
{
    private const string Csv = "text/csv";
    private const string FormatHelp = "json (par défaut) ou csv ; l'en-tête « Accept: text/csv » fait de même.";
    private const string PageHelp = "Numéro de page, à partir de 1.";
    private const string PageSizeHelp = "Lignes par page, de 1 à 500 (100 par défaut). Le total est dans « total » et l'en-tête X-Total-Count.";
    private const string TerritoryHelp = "Code du territoire (ART, LIL…).";

    public static void MapCscApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(ApiAuth.AnyRole)
            .RequireRateLimiting(ApiSetup.RateLimitPolicy)
            .RequireCors(ApiSetup.CorsPolicy);
        api.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (Exception e) when (ApiProblems.From(e) is { } problem)
            {
                return problem;
            }
        });

        api.MapGet("/figures", FiguresAsync).WithTags("Chiffres")
            .WithSummary("Chiffres d'une période, regroupés")
            .WithDescription("Les chiffres des tableaux de bord (même requête) : activités, heures, habitants, professionnels, bénévoles, "
                + "partenaires et élus, minutes en soirée et le week-end, par territoire, secteur, type d'activité, chantier ou mois. "
                + "Tous les rôles. Réponse avec un ETag : renvoyez-le dans If-None-Match pour obtenir 304 tant que rien n'a changé.")
            .Produces<FigureTable>(StatusCodes.Status200OK, "application/json", Csv).Produces(StatusCodes.Status304NotModified).Errors();

        api.MapGet("/indicators", IndicatorsAsync).WithTags("Indicateurs")
            .WithSummary("Indicateurs et cibles")
            .WithDescription("Les indicateurs du catalogue de l'opération de la période, comparés à leurs cibles comme sur les tableaux de bord : "
                + "valeur de la période, cumul depuis le début de l'opération, cible (somme des territoires ou cible propre), valeur attendue à la date "
                + "en ligne droite entre les jalons, part réalisée et statut. L'opération entière pour tous les rôles ; un territoire pour l'équipe.")
            .Produces<ApiList<ApiIndicator>>(StatusCodes.Status200OK, "application/json", Csv).Errors();

        api.MapGet("/activities", ActivitiesAsync).RequireAuthorization(ApiAuth.Staff).WithTags("Activités")
            .WithSummary("Journal d'activités")
            .WithDescription("Les filtres de la page /activities, du plus récent au plus ancien, par pages. Coordination, cheffe de projet, "
                + "administration ; l'auteur, les notes et les suites à donner seulement dans les territoires du jeton.")
            .Produces<ApiList<ActivityItem>>(StatusCodes.Status200OK, "application/json", Csv).Errors();

        api.MapGet("/centres", CentresAsync).RequireAuthorization(ApiAuth.Staff).WithTags("Annuaire")
            .WithSummary("Centres sociaux").WithDescription("L'annuaire des centres, trié par nom, par pages.")
            .Produces<ApiList<CentreItem>>(StatusCodes.Status200OK, "application/json", Csv).Errors();
        api.MapGet("/partners", PartnersAsync).RequireAuthorization(ApiAuth.Staff).WithTags("Annuaire")
            .WithSummary("Partenaires").WithDescription("Les partenaires, triés par nom ; le contact (une personne) seulement dans les territoires du jeton.")
            .Produces<ApiList<PartnerItem>>(StatusCodes.Status200OK, "application/json", Csv).Errors();
        api.MapGet("/members", MembersAsync).RequireAuthorization(ApiAuth.Staff).WithTags("Annuaire")
            .WithSummary("Membres du réseau").WithDescription("Des personnes : seulement celles des territoires du jeton (tous pour la cheffe de projet "
                + "et l'administration), jamais leur coût salarial.")
            .Produces<ApiList<MemberItem>>(StatusCodes.Status200OK, "application/json", Csv).Errors();

        api.MapGet("/reports", ReportsAsync).WithTags("Bilans")
            .WithSummary("Bilans d'avancement").WithDescription("La bibliothèque des bilans, du plus récent au plus ancien. Tous les rôles.")
            .Produces<ApiList<ApiReport>>(StatusCodes.Status200OK, "application/json", Csv).Errors();
        api.MapGet("/reports/{id:int}/pdf", ReportPdfAsync).WithTags("Bilans")
            .WithSummary("PDF d'un bilan").WithDescription("Le fichier d'un bilan prêt. Tous les rôles.")
            .Produces(StatusCodes.Status200OK, contentType: MediaTypeNames.Application.Pdf).Errors();
    }

    private static RouteHandlerBuilder Errors(this RouteHandlerBuilder builder) => builder
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<IResult> FiguresAsync(
        [Description("Période : un mois (2023-03), un trimestre (2023-Q1), une année (2023), le code d'une opération (CSC-2021-2023) ou deux dates (2023-01-05_2023-02-10).")] string? period,
        [Description("Regroupement : territory, sector, type, workstream, month, ou plusieurs séparés par des virgules (territory,month). Par défaut : territory.")] string? groupBy,
        [Description(FormatHelp)] string? format,
        HttpContext context, OpenFigures figures, DashboardService dashboards, CancellationToken ct)
    {
        if (ApiResponses.FormatOf(context.Request, out var problem) is not { } kind)
        {
            return problem!;
        }
        if (string.IsNullOrWhiteSpace(period))
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "Le paramètre « period » est obligatoire : 2023-Q1, 2023-03, 2023…");
        }
        if (!Period.TryParse(period, await dashboards.OperationsAsync(ct), out var parsed, out var error))
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, error);
        }
        var by = FigureGroup.None;
        foreach (var name in (groupBy ?? "territory").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            by |= OpenFigures.Groupings.TryGetValue(name, out var group) ? group : (FigureGroup)(1 << 30);
        }
        return ApiResponses.Figures(context, kind, await figures.ReadAsync(parsed, by, ct));
    }

    private static async Task<IResult> IndicatorsAsync(
        [Description("Période : un mois (2023-03), un trimestre (2023-Q1), une année (2023), le code d'une opération (CSC-2021-2023) ou deux dates (2023-01-05_2023-02-10).")] string? period,
        [Description(TerritoryHelp + " Sans territoire : l'opération entière.")] string? territory,
        [Description(FormatHelp)] string? format,
        HttpContext context, IndicatorDashboardService indicators, DashboardService dashboards, LookupService lookups, CancellationToken ct)
    {
        var kind = ApiResponses.FormatOf(context.Request, out var problem);
        problem ??= string.IsNullOrWhiteSpace(period)
            ? ApiProblems.Problem(StatusCodes.Status400BadRequest, "Le paramètre « period » est obligatoire : 2023-Q1, 2023-03, 2023…")
            : await TerritoryProblemAsync(territory, lookups, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (!Period.TryParse(period, await dashboards.OperationsAsync(ct), out var parsed, out var error))
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, error);
        }
        var code = string.IsNullOrWhiteSpace(territory) ? null : territory.Trim().ToUpperInvariant();
        var section = code is null ? await indicators.GetOverviewAsync(parsed, ct) : await indicators.GetTerritoryAsync(code, parsed, ct);
        var items = section.Lines.Select(l => new ApiIndicator(section.OperationCode!, code ?? "operation", section.ScopeLabel, section.Reference, l.Code, l.Name,
            l.Unit, l.IsEu, l.Method, l.PeriodValue, l.Cumulative, l.Target, l.TargetIsSum, l.Expected, l.PercentAchieved, l.Status, l.StatusLabel)).ToList();
        return ApiResponses.List(context, kind!.Value, new ApiList<ApiIndicator>(1, Math.Max(1, items.Count), items.Count, items), ApiTables.Indicators,
            $"indicateurs-{parsed.Code}-{code ?? "operation"}");
    }

    private static async Task<IResult> ActivitiesAsync(
        [Description("Premier jour (AAAA-MM-JJ).")] DateOnly? from,
        [Description("Dernier jour (AAAA-MM-JJ).")] DateOnly? to,
        [Description(TerritoryHelp)] string? territory,
        [Description("Identifiant d'un centre.")] int? centre,
        [Description("Type d'activité : Coordination, NetworkAnimation, CentreSupport, Workstream, Partnership, Communication, AdminFinance, PublicAction.")] string? type,
        [Description("Identifiant d'un chantier thématique.")] int? workstream,
        [Description("Identifiant du compte auteur.")] string? author,
        [Description("Texte cherché dans le titre et les notes.")] string? q,
        [Description("mine : seulement les activités du titulaire du jeton.")] string? scope,
        [Description("true : la corbeille (cheffe de projet, administration).")] bool? trash,
        [Description(PageHelp)] int? page, [Description(PageSizeHelp)] int? pageSize, [Description(FormatHelp)] string? format,
        HttpContext context, OpenActivities activities, LookupService lookups, CancellationToken ct)
    {
        var kind = ApiResponses.FormatOf(context.Request, out var problem);
        problem ??= ApiResponses.PageProblem(page, pageSize)
            ?? (from > to ? ApiProblems.Problem(StatusCodes.Status400BadRequest, "« from » doit précéder « to ».") : null)
            ?? Unknown<ActivityType>(type, "Type d'activité")
            ?? await TerritoryProblemAsync(territory, lookups, ct);
        if (problem is not null)
        {
            return problem;
        }
        int? territoryId = string.IsNullOrWhiteSpace(territory) ? null
            : (await lookups.TerritoriesAsync(ct)).Single(t => string.Equals(t.Code, territory.Trim(), StringComparison.OrdinalIgnoreCase)).Id;
        var filter = new ActivityFilter
        {
            From = from, To = to, TerritoryId = territoryId, CentreId = centre,
            Type = Network.NetworkQuery.ParseEnum<ActivityType>(type), WorkstreamId = workstream,
            AuthorId = string.IsNullOrWhiteSpace(author) ? null : author.Trim(), Text = Network.NetworkQuery.Clean(q),
            Mine = string.Equals(scope?.Trim(), "mine", StringComparison.OrdinalIgnoreCase), Deleted = trash == true,
        };
        return ApiResponses.List(context, kind!.Value, await activities.ListAsync(filter, Paging(page, pageSize), ct), ApiTables.Activities, "activites");
    }

    private static async Task<IResult> CentresAsync(
        [Description(TerritoryHelp)] string? territory, [Description("Statut : Candidate, Engaged, Withdrawn.")] string? status,
        [Description("Texte cherché dans le nom et la commune.")] string? q, [Description("true : avec les centres archivés.")] bool? archived,
        [Description(PageHelp)] int? page, [Description(PageSizeHelp)] int? pageSize, [Description(FormatHelp)] string? format,
        HttpContext context, OpenNetwork network, LookupService lookups, CancellationToken ct)
    {
        var kind = ApiResponses.FormatOf(context.Request, out var problem);
        problem ??= ApiResponses.PageProblem(page, pageSize) ?? Unknown<CentreStatus>(status, "Statut") ?? await TerritoryProblemAsync(territory, lookups, ct);
        if (problem is not null)
        {
            return problem;
        }
        var filter = Network.NetworkQuery.Centres(territory?.Trim().ToUpperInvariant(), status, q, archived == true);
        return ApiResponses.List(context, kind!.Value, await network.CentresAsync(filter, Paging(page, pageSize), ct), ApiTables.Centres, "centres");
    }

    private static async Task<IResult> PartnersAsync(
        [Description(TerritoryHelp + " « federation » : les partenaires de toute la fédération.")] string? territory,
        [Description("Nature : Commune, Epci, Department, Region, Caf, State, Association, Company, Other…")] string? kind,
        [Description("Texte cherché dans le nom.")] string? q, [Description("true : avec les partenaires archivés.")] bool? archived,
        [Description(PageHelp)] int? page, [Description(PageSizeHelp)] int? pageSize, [Description(FormatHelp)] string? format,
        HttpContext context, OpenNetwork network, LookupService lookups, CancellationToken ct)
    {
        var federation = string.Equals(territory?.Trim(), PartnerService.FederationCode, StringComparison.OrdinalIgnoreCase);
        var answer = ApiResponses.FormatOf(context.Request, out var problem);
        problem ??= ApiResponses.PageProblem(page, pageSize) ?? Unknown<PartnerKind>(kind, "Nature")
            ?? (federation ? null : await TerritoryProblemAsync(territory, lookups, ct));
        if (problem is not null)
        {
            return problem;
        }
        var filter = Network.NetworkQuery.Partners(federation ? PartnerService.FederationCode : territory?.Trim().ToUpperInvariant(), kind, q, archived == true);
        return ApiResponses.List(context, answer!.Value, await network.PartnersAsync(filter, Paging(page, pageSize), ct), ApiTables.Partners, "partenaires");
    }

    private static async Task<IResult> MembersAsync(
        [Description(TerritoryHelp)] string? territory, [Description("Fonction : Ctn, Mediator, Volunteer, Director, Other…")] string? role,
        [Description("Identifiant d'un centre.")] int? centre, [Description("Texte cherché dans le nom, l'e-mail et le centre.")] string? q,
        [Description("true : avec les membres archivés.")] bool? archived,
        [Description(PageHelp)] int? page, [Description(PageSizeHelp)] int? pageSize, [Description(FormatHelp)] string? format,
        HttpContext context, OpenNetwork network, LookupService lookups, CancellationToken ct)
    {
        var kind = ApiResponses.FormatOf(context.Request, out var problem);
        problem ??= ApiResponses.PageProblem(page, pageSize) ?? Unknown<MemberRole>(role, "Fonction") ?? await TerritoryProblemAsync(territory, lookups, ct);
        if (problem is not null)
        {
            return problem;
        }
        var filter = Network.NetworkQuery.Members(territory?.Trim().ToUpperInvariant(), role, centre, q, archived == true);
        return ApiResponses.List(context, kind!.Value, await network.MembersAsync(filter, Paging(page, pageSize), ct), ApiTables.Members, "membres");
    }

    private static async Task<IResult> ReportsAsync(
        [Description(PageHelp)] int? page, [Description(PageSizeHelp)] int? pageSize, [Description(FormatHelp)] string? format,
        HttpContext context, ReportService reports, CancellationToken ct)
    {
        var kind = ApiResponses.FormatOf(context.Request, out var problem);
        problem ??= ApiResponses.PageProblem(page, pageSize);
        if (problem is not null)
        {
            return problem;
        }
        var paging = Paging(page, pageSize);
        var all = await reports.ListAsync(ct);
        var items = all.Skip(paging.Skip).Take(paging.Take).Select(r => new ApiReport(r.Id, r.Kind, r.KindLabel, r.PeriodCode, r.PeriodName,
            r.PeriodStart, r.PeriodEnd, r.Scope, r.ScopeLabel, r.Version, r.Status, r.StatusLabel, r.CreatedAt, r.CompletedAt,
            r.Status == ReportStatus.Ready ? $"/api/v1/reports/{r.Id}/pdf" : null)).ToList();
        return ApiResponses.List(context, kind!.Value, new ApiList<ApiReport>(paging.Number, paging.Take, all.Count, items), ApiTables.Reports, "bilans");
    }

    private static async Task<IResult> ReportPdfAsync([Description("Identifiant du bilan.")] int id, HttpContext context, ReportService reports, CancellationToken ct)
    {
        var file = await reports.GetFileAsync(id, ct);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.PhysicalFile(file.FullPath, MediaTypeNames.Application.Pdf, file.FileName);
    }

    private static ApiPage Paging(int? page, int? pageSize) => new(page ?? 1, pageSize ?? ApiPage.DefaultSize);

    /// <summary>A value of <typeparamref name="TEnum"/> by its name (any case; not by its number), or a French 400.</summary>
    private static IResult? Unknown<TEnum>(string? value, string label) where TEnum : struct, Enum =>
        string.IsNullOrWhiteSpace(value) || Network.NetworkQuery.ParseEnum<TEnum>(value) is not null && !int.TryParse(value, out _)
            ? null
            : ApiProblems.Problem(StatusCodes.Status400BadRequest,
                $"{label} « {Network.NetworkQuery.Clean(value)} » inconnu : les valeurs sont {string.Join(", ", Enum.GetNames<TEnum>())}.");

    private static async Task<IResult?> TerritoryProblemAsync(string? code, LookupService lookups, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(code) || (await lookups.TerritoriesAsync(ct)).Any(t => string.Equals(t.Code, code.Trim(), StringComparison.OrdinalIgnoreCase))
            ? null
            : UnknownTerritory(code);

    private static IResult UnknownTerritory(string code) =>
        ApiProblems.Problem(StatusCodes.Status400BadRequest, $"Territoire « {Network.NetworkQuery.Clean(code)} » inconnu : ses codes sont ceux des tableaux de bord (ART, LIL…).");
}
