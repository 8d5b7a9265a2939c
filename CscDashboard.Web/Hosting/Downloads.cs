namespace CscDashboard.Web.Hosting;

/// <summary>
/// What every file endpoint (evidence, documents to sign, reports, payment-claim dossiers, exports) has in
/// common (ADR 017): no copy kept by the browser or a proxy cache (<c>Cache-Control: no-store</c>), and, for
/// a document addressed by its id, one answer for "no such document" and "not yours to read" — the same
/// 404 and the same body — so that ids cannot be probed across territories. A role that may never
/// download a kind of document is still refused at the door (403, the endpoint's policy).
/// </summary>
public static class Downloads
{
    public const string NotFoundMessage = "Ce document n'existe pas ou ne vous est pas accessible.";

    /// <summary>A group (no prefix) whose endpoints answer with <c>Cache-Control: no-store</c>, errors included.</summary>
    public static RouteGroupBuilder MapDownloads(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("");
        group.AddEndpointFilter(async (context, next) =>
        {
            var headers = context.HttpContext.Response.Headers;
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
            return await next(context);
        });
        return group;
    }

    /// <summary>The one answer for an unknown document and for a document out of the caller's scope.</summary>
    public static IResult NotFound() => TypedResults.Problem(NotFoundMessage, statusCode: StatusCodes.Status404NotFound);
}
