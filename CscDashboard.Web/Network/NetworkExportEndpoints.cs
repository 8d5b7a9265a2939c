using CscDashboard.Core.Common;
using CscDashboard.Core.Network.Import;
using CscDashboard.Web.Auth;

namespace CscDashboard.Web.Network;

/// <summary>
/// <c>GET /network/{centres|members|partners}/export.{csv|xlsx}?filters</c>: the list as a file, with the
/// page's filters. Staff only; the Core export service applies the read rules again.
/// </summary>
public static class NetworkExportEndpoints
{
    public static void MapNetworkExportEndpoints(this IEndpointRouteBuilder app)
    {
        var network = app.MapGroup("/network").RequireAuthorization(Policies.Staff);
        network.MapGet("/centres/export.{format}", (string format, HttpRequest request, NetworkExportService export, CancellationToken ct) =>
            SendAsync(format, f => export.ExportCentresAsync(NetworkQuery.Centres(request.Query), f, ct)));
        network.MapGet("/members/export.{format}", (string format, HttpRequest request, NetworkExportService export, CancellationToken ct) =>
            SendAsync(format, f => export.ExportMembersAsync(NetworkQuery.Members(request.Query), f, ct)));
        network.MapGet("/partners/export.{format}", (string format, HttpRequest request, NetworkExportService export, CancellationToken ct) =>
            SendAsync(format, f => export.ExportPartnersAsync(NetworkQuery.Partners(request.Query), f, ct)));
    }

    /// <summary>The export URL of a list with its filters, for the pages' buttons.</summary>
    public static string Url(string list, ExportFormat format, string query) =>
        $"/network/{list}/export.{format.Extension()}{query}";

    private static async Task<IResult> SendAsync(string format, Func<ExportFormat, Task<ExportFile>> export)
    {
        var parsed = ExportFormats.Parse(format);
        if (parsed is null)
        {
            return TypedResults.NotFound();
        }
        try
        {
            var file = await export(parsed.Value);
            return TypedResults.File(file.Content, file.ContentType, file.FileName);
        }
        catch (ScopeViolationException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status403Forbidden);
        }
    }
}
