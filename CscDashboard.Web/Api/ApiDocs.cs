using CscDashboard.Web.Hosting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace CscDashboard.Web.Api;

/// <summary>
/// The API's description (ADR 026): the OpenAPI document at <c>/openapi/v1.json</c> (Microsoft.AspNetCore.OpenApi, built from
/// the endpoints' own metadata, so it cannot forget one) and its reference page at <c>/api/docs</c> (Scalar, its script
/// served by the app itself: no CDN, no telemetry, no AI agent, the page's CSP nonce). Both in French, both for a signed-in
/// browser or a token holder only.
/// </summary>
public static class ApiDocs
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/{documentName}.json";
    public const string ReferencePath = "/api/docs";

    public const string Introduction =
        "Les chiffres, le journal d'activités, l'annuaire et les bilans de Centres Sociaux Connectés, en lecture seule.\n\n"
        + "**Jeton.** Créez un jeton d'accès personnel sur la page « Jetons d'accès » (/account/tokens) et envoyez-le dans l'en-tête "
        + "`Authorization: Bearer JETON`. Un jeton lit ce que lit son compte (ou seulement les chiffres agrégés), jamais plus ; "
        + "les cookies de connexion ne sont pas acceptés.\n\n"
        + "**Formats.** JSON par défaut ; CSV pour un tableur (UTF-8 avec BOM, séparateur « ; ») avec `?format=csv` ou `Accept: text/csv`.\n\n"
        + "**Pages.** `page` (à partir de 1) et `pageSize` (500 au plus) ; le total est dans `total` et l'en-tête `X-Total-Count`.\n\n"
        + "**Erreurs.** Des « problem details » (RFC 9457) en français : 400 paramètre invalide, 401 jeton absent, inconnu, expiré ou "
        + "révoqué, 403 hors des droits du jeton, 404 introuvable, 429 trop de requêtes (voir `Retry-After`).";

    private static readonly Dictionary<string, string> ResponseTexts = new()
    {
        ["200"] = "Réussite.",
        ["304"] = "Rien n'a changé depuis l'ETag envoyé dans If-None-Match.",
        ["400"] = "Paramètre invalide (le détail dit lequel).",
        ["401"] = "Jeton absent, inconnu, expiré ou révoqué.",
        ["403"] = "Hors des droits du jeton.",
        ["404"] = "Introuvable.",
        ["429"] = "Trop de requêtes avec ce jeton : réessayez après Retry-After secondes.",
    };

    public static IServiceCollection AddApiDocs(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo { Title = "Centres Sociaux Connectés — API de données ouvertes", Version = DocumentName, Description = Introduction };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["jeton"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "Jeton d'accès personnel (csc_…), créé sur /account/tokens.",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("jeton", document)] = [] }];
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, _, _) =>
            {
                foreach (var (code, response) in operation.Responses ?? [])
                {
                    if (ResponseTexts.TryGetValue(code, out var text) && response is OpenApiResponse editable)
                    {
                        editable.Description = text;
                    }
                }
                return Task.CompletedTask;
            });
        });

    public static void MapApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPath).RequireAuthorization(ApiAuth.Docs);
        app.MapScalarApiReference(ReferencePath, (options, context) =>
        {
            options.Title = "API de données ouvertes — Centres Sociaux Connectés";
            options.OpenApiRoutePattern = DocumentPath;
            options.Nonce = context.CspNonce();
            options.DefaultFonts = false;
            options.Telemetry = false;
            options.HideClientButton = true;
            // Scalar's own bar (deploy, SDK, share) sells its services: not for the federation's partners.
            options.ShowDeveloperTools = DeveloperToolsVisibility.Never;
            options.DisableAgent().DisableMcp();
            options.Localization = new ScalarLocalizationOptions { Locale = "fr" };
            options.AddPreferredSecuritySchemes("jeton");
        }).RequireAuthorization(ApiAuth.Docs);
    }
}
