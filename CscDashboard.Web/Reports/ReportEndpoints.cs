using System.Net.Mime;
using CscDashboard.Core.Common;
using CscDashboard.Core.Reporting;
using CscDashboard.Web.Auth;

namespace CscDashboard.Web.Reports;

/// <summary>
/// <c>GET /reports/{id}/pdf[?download=true]</c>: a ready report's PDF, shown in the browser or saved.
/// Every signed-in role; the file's path comes from the snapshot, never from the URL, and Core checks
/// the reader again.
/// </summary>
public static class ReportEndpoints
{
    public static string PdfUrl(int id, bool download = false) => $"/reports/{id}/pdf{(download ? "?download=true" : "")}";

    public static void MapReportEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/reports/{id:int}/pdf", async (int id, bool? download, ReportService reports, HttpResponse response, CancellationToken ct) =>
        {
            ReportFile file;
            try
            {
                file = await reports.GetFileAsync(id, ct);
            }
            catch (NotFoundException)
            {
                return Results.NotFound();
            }
            catch (ScopeViolationException e)
            {
                return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status403Forbidden);
            }
            if (download == true)
            {
                return TypedResults.PhysicalFile(file.FullPath, MediaTypeNames.Application.Pdf, file.FileName);
            }
            response.Headers.ContentDisposition = new ContentDisposition { Inline = true, FileName = file.FileName }.ToString();
            return TypedResults.PhysicalFile(file.FullPath, MediaTypeNames.Application.Pdf);
        }).RequireAuthorization(Policies.AnyRole);
}
