using Microsoft.AspNetCore.Authentication.Cookies;

namespace CscDashboard.Web.Auth;

/// <summary>
/// Endpoints that a page's script calls with the sign-in cookie (the offline entry's context and sync, ADR 032): without a
/// session (never signed in, expired, closed elsewhere) they answer 401, and for a role without access 403, each with a
/// French message in a problem document, instead of the redirect to the sign-in page that a browser follows for a page
/// (a script would receive the sign-in form's HTML as the answer).
/// </summary>
public static class ScriptEndpoints
{
    public const string SignInMessage =
        "Votre session a expiré ou vous n'êtes pas connecté : connectez-vous, vos saisies restent sur cet appareil et seront envoyées ensuite.";

    public const string DeniedMessage = "La saisie d'activités n'est pas accessible avec votre rôle.";

    private sealed class AnswersWithStatusMetadata;

    /// <summary>Marks the endpoints of <paramref name="builder"/> as called by a script.</summary>
    public static TBuilder AnswersWithStatus<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AnswersWithStatusMetadata());

    /// <summary>Wraps the cookie's redirects: a script endpoint gets its status, every other request the usual redirect.</summary>
    public static void AnswerScriptsWithStatus(this CookieAuthenticationEvents events)
    {
        var toSignIn = events.OnRedirectToLogin;
        var toDenied = events.OnRedirectToAccessDenied;
        events.OnRedirectToLogin = context => IsScriptEndpoint(context.HttpContext)
            ? WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Connexion nécessaire", SignInMessage)
            : toSignIn(context);
        events.OnRedirectToAccessDenied = context => IsScriptEndpoint(context.HttpContext)
            ? WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Accès refusé", DeniedMessage)
            : toDenied(context);
    }

    private static bool IsScriptEndpoint(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<AnswersWithStatusMetadata>() is not null;

    private static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(new { title, status, detail }, options: null, contentType: "application/problem+json");
    }
}
