using CscDashboard.Core.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace CscDashboard.Web.Api;

/// <summary>
/// Every error of the API is a problem details object (RFC 9457) in French: the endpoints' own, the authentication's,
/// the rate limiter's, and those the framework answers without a body (an unknown address, a parameter that does not
/// bind), which the pages would have answered with their HTML "not found" page.
/// </summary>
public static class ApiProblems
{
    public const string ReadOnly = "L'API se lit seulement : méthode GET.";
    public const string NoSuchAddress = "Cette adresse n'existe pas dans l'API : la liste est sur /api/docs.";

    public static string Title(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Requête invalide",
        StatusCodes.Status401Unauthorized => "Authentification requise",
        StatusCodes.Status403Forbidden => "Accès refusé",
        StatusCodes.Status404NotFound => "Introuvable",
        StatusCodes.Status405MethodNotAllowed => "Méthode non permise",
        StatusCodes.Status429TooManyRequests => "Trop de requêtes",
        _ => "Erreur du serveur",
    };

    public static IResult Problem(int status, string detail) => TypedResults.Problem(detail, statusCode: status, title: Title(status));

    public static Task WriteAsync(HttpContext context, int status, string detail) => Problem(status, detail).ExecuteAsync(context);

    /// <summary>The answer to what a Core service refused.</summary>
    public static IResult? From(Exception exception) => exception switch
    {
        ScopeViolationException e => Problem(StatusCodes.Status403Forbidden, e.Message),
        NotFoundException e => Problem(StatusCodes.Status404NotFound, e.Message),
        ValidationFailedException e => Problem(StatusCodes.Status400BadRequest, string.Join(" ", e.Errors.SelectMany(x => x.Value))),
        _ => null,
    };

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api/v1");

    /// <summary>
    /// For <c>/api/v1</c> requests: no HTML status page, and a French problem for an error that has no body yet
    /// (an unknown address, a method other than GET, a parameter that is not a number or a date).
    /// </summary>
    public static IApplicationBuilder UseApiProblems(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!IsApi(context.Request))
        {
            await next();
            return;
        }
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
        if (context.GetEndpoint() is not RouteEndpoint { RoutePattern.RawText: { } pattern } || !pattern.TrimStart('/').StartsWith("api/v1/", StringComparison.Ordinal))
        {
            // No API endpoint (an unknown address, or routing's answer to another method than GET): the pages' fallback
            // policy would send to the sign-in page. A CORS preflight goes on to the CORS middleware.
            if (!HttpMethods.IsOptions(context.Request.Method))
            {
                var get = HttpMethods.IsGet(context.Request.Method);
                await WriteAsync(context, get ? StatusCodes.Status404NotFound : StatusCodes.Status405MethodNotAllowed, get ? NoSuchAddress : ReadOnly);
                return;
            }
        }
        await next();
        var response = context.Response;
        if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && response.ContentType is null)
        {
            await WriteAsync(context, response.StatusCode, response.StatusCode switch
            {
                StatusCodes.Status404NotFound => NoSuchAddress,
                StatusCodes.Status405MethodNotAllowed => ReadOnly,
                StatusCodes.Status400BadRequest => "Un paramètre n'a pas la forme attendue (nombre, date AAAA-MM-JJ, code) : voir /api/docs.",
                _ => "La requête n'a pas abouti.",
            });
        }
    });
}
