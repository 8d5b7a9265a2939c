using System.Globalization;
using System.Text.Json;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Lookups;
using CscDashboard.Web.Auth;
using CscDashboard.Web.Components.Pages.Activities;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CscDashboard.Web.Activities;

/// <summary>
/// The offline entry's server side (issue 22, ADR 032). <c>GET /activities/quick</c>: the page, statically rendered
/// (<see cref="QuickEntryPage"/>). <c>GET /activities/quick/context</c>: what the page keeps on the
/// phone for the signed-in user (territories, defaults, operations, the centres of their territories) and a fresh
/// antiforgery token. <c>POST /activities/quick/sync</c> (that token in the <c>RequestVerificationToken</c> header, the
/// sign-in cookie): each entry is created once through <see cref="ActivityService.CreateOnceAsync"/> and answered on its
/// own. Both answer 401/403 with a French message rather than a redirect (<see cref="ScriptEndpoints"/>), and never
/// let a cache keep their answer (no-store).
/// </summary>
public static class QuickEntryEndpoints
{
    public const string ContextPath = "/activities/quick/context";
    public const string SyncPath = "/activities/quick/sync";

    /// <summary>Entries per request: the page sends its queue in batches of this size.</summary>
    public const int MaxEntries = 50;

    /// <summary>A full batch of long notes stays well under this.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    public const string BadTokenMessage = "Jeton de sécurité manquant ou invalide : rechargez la page puis réessayez. Vos saisies restent sur cet appareil.";

    public const string PagePath = "/activities/quick";

    public static void MapQuickEntryEndpoints(this IEndpointRouteBuilder app)
    {
        // The page is the same for everyone and holds no data (the script fills it from the phone): it opens without a
        // session, so that the service worker can keep it and a coordinator whose session expired still sees their queue.
        app.MapGet(PagePath, (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-cache";
            return new RazorComponentResult<QuickEntryPage>();
        }).AllowAnonymous();
        // No cache may keep their answers: the context's antiforgery token makes it "no-cache, no-store"; the sync says so itself.
        var group = app.MapGroup("").RequireAuthorization(Policies.Staff).AnswersWithStatus();
        group.MapGet(ContextPath, ContextAsync);
        group.MapPost(SyncPath, SyncAsync).DisableAntiforgery(); // validated in the handler, to answer 400 in French
    }

    /// <summary>
    /// Two small reads, finished even if the page went away meanwhile (the home page asks for it in the background and is
    /// often left at once): an abandoned request is not an error.
    /// </summary>
    private static async Task<IResult> ContextAsync(HttpContext http, ActivityQueries queries, LookupService lookups,
        ICurrentUserAccessor users, IAntiforgery antiforgery)
    {
        var ct = CancellationToken.None;
        var user = users.Current;
        var defaults = await queries.GetEntryDefaultsAsync(ct);
        var centres = await lookups.EntryCentresAsync(ct);
        var token = antiforgery.GetAndStoreTokens(http).RequestToken!;
        return TypedResults.Ok(new QuickEntryContext(
            new QuickEntryUser(user.UserId!, user.DisplayName),
            Iso(defaults.Today),
            [.. defaults.Territories.Select(t => new QuickEntryTerritory(t.Id, t.Name))],
            defaults.TerritoryId,
            defaults.Type.ToString(), defaults.Format.ToString(), defaults.Place.ToString(),
            [.. defaults.Operations.Select(o => new QuickEntryOperation(Iso(o.StartDate), Iso(o.EndDate)))],
            [.. centres.Select(c => new QuickEntryCentre(c.Id, c.Name, c.TerritoryId))],
            token));
    }

    private static async Task<IResult> SyncAsync(HttpContext http, ActivityService activities, IAntiforgery antiforgery,
        ILoggerFactory logs, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.Problem(BadTokenMessage, statusCode: StatusCodes.Status400BadRequest);
        }
        if (http.Request.ContentLength is > MaxBodyBytes)
        {
            return TypedResults.Problem("Envoi trop volumineux : il sera repris par petits lots.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        QuickSyncRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync<QuickSyncRequest>(ct);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return TypedResults.Problem("Envoi illisible : rechargez la page puis réessayez. Vos saisies restent sur cet appareil.",
                statusCode: StatusCodes.Status400BadRequest);
        }
        var entries = request?.Entries ?? [];
        if (entries.Count > MaxEntries)
        {
            return TypedResults.Problem($"Au plus {MaxEntries} saisies par envoi.", statusCode: StatusCodes.Status400BadRequest);
        }
        var results = new List<QuickEntryResult>(entries.Count);
        foreach (var entry in entries)
        {
            results.Add(await SyncOneAsync(activities, entry, ct));
        }
        logs.CreateLogger(typeof(QuickEntryEndpoints)).LogInformation(
            "Offline entries synced: {Created} created, {Duplicates} already received, {Refused} refused",
            results.Count(r => r.Status == QuickEntryResult.Created), results.Count(r => r.Status == QuickEntryResult.Duplicate),
            results.Count(r => r.Status == QuickEntryResult.Refused));
        return TypedResults.Ok(new { results });
    }

    /// <summary>One entry: created, already there, or refused with the French reason Core gave (nothing written then).</summary>
    private static async Task<QuickEntryResult> SyncOneAsync(ActivityService activities, QuickEntryPayload entry, CancellationToken ct)
    {
        var keyText = entry.Key ?? "";
        var (key, input, unreadable) = entry.Read();
        if (input is null)
        {
            return Refusal(keyText, unreadable);
        }
        try
        {
            var receipt = await activities.CreateOnceAsync(key, input, ct);
            return new QuickEntryResult(keyText, receipt.Created ? QuickEntryResult.Created : QuickEntryResult.Duplicate, receipt.ActivityId, null, null);
        }
        catch (ValidationFailedException invalid)
        {
            return Refusal(keyText, invalid.Errors);
        }
        catch (ScopeViolationException refused)
        {
            return new QuickEntryResult(keyText, QuickEntryResult.Refused, null, refused.Message, null);
        }
    }

    private static QuickEntryResult Refusal(string key, IReadOnlyDictionary<string, string[]> errors) =>
        new(key, QuickEntryResult.Refused, null, string.Join(" ", errors.SelectMany(e => e.Value).Distinct()), errors);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
