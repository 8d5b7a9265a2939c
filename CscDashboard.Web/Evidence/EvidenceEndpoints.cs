using System.Globalization;
using CscDashboard.Core.Common;
using CscDashboard.Core.Compliance;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Timesheets;
using CscDashboard.Web.Auth;
using CscDashboard.Web.Hosting;

namespace CscDashboard.Web.Evidence;

/// <summary>
/// Evidence files and the documents printed to be signed, as downloads. Staff only at the door; the
/// Core services check role and territory again. The file path comes from the stored hash, never from the URL.
/// </summary>
public static class EvidenceEndpoints
{
    public static void MapEvidenceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/evidence/{id:int}/file", (int id, EvidenceQueries evidence, CancellationToken ct) =>
            SendAsync(async () =>
            {
                var file = await evidence.OpenAsync(id, ct);
                return TypedResults.PhysicalFile(file.FullPath, file.ContentType, file.DownloadName);
            })).RequireAuthorization(Policies.Finance);

        app.MapGet("/activities/{id:int}/attendance-sheet.pdf", (int id, AttendanceSheetService sheets, CancellationToken ct) =>
            SendAsync(async () =>
            {
                var pdf = await sheets.RenderAsync(id, ct);
                return TypedResults.File(pdf.Content, GeneratedPdf.ContentType, pdf.FileName);
            })).RequireAuthorization(Policies.Finance);

        // A meeting's sheet: prepared by whoever manages the meeting (checked in MeetingQueries, ADR 031).
        app.MapGet("/meetings/{id:int}/attendance-sheet.pdf", (int id, Core.Governance.MeetingQueries meetings, CancellationToken ct) =>
            SendAsync(async () =>
            {
                var pdf = await meetings.RenderAttendanceSheetAsync(id, ct);
                return TypedResults.File(pdf.Content, GeneratedPdf.ContentType, pdf.FileName);
            })).RequireAuthorization(Policies.Staff);

        app.MapGet("/network/members/{id:int}/timesheet.pdf", (int id, string? month, TimesheetService timesheets, CancellationToken ct) =>
            SendAsync(async () =>
            {
                if (!DateBounds.TryParseMonth(month, out var first, out var error))
                {
                    return TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest);
                }
                var pdf = await timesheets.RenderAsync(id, first, ct);
                return TypedResults.File(pdf.Content, GeneratedPdf.ContentType, pdf.FileName);
            })).RequireAuthorization(Policies.Finance);

        // Payment-claim dossiers: the name must be one the builder listed, never a path (checked in Core).
        app.MapGet("/compliance/dossiers/{fileName}", (string fileName, PaymentClaimDossierBuilder dossiers) =>
            SendAsync(() => Task.FromResult<IResult>(TypedResults.PhysicalFile(dossiers.PathOf(fileName), "application/zip", fileName))))
            .RequireAuthorization(Policies.ProjectLead);
    }

    private static async Task<IResult> SendAsync(Func<Task<IResult>> send)
    {
        try
        {
            return await send();
        }
        // Past the door (the endpoint's policy: roles that may download these files), a document of another territory
        // answers exactly like a missing one: ids cannot be probed (ADR 017).
        catch (Exception e) when (e is ScopeViolationException or NotFoundException)
        {
            return Downloads.NotFound();
        }
    }
}
