using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Lookups;
using CscDashboard.Core.Network.Import;
using CscDashboard.Web.Auth;

namespace CscDashboard.Web.Activities;

/// <summary>
/// <c>GET /activities/export.{csv|xlsx}?filters</c>: the activity log as a file, with the list's query string. Staff at
/// the door; the Core service applies the list's read rules again. CSV goes straight into the response body; XLSX is
/// written to a temporary file first (the zip's directory is written synchronously at the end, which a response body
/// refuses), then sent and deleted. Neither holds the rows in memory.
/// </summary>
public static class ActivityExportEndpoints
{
    public static void MapActivityExportEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/activities/export.{format}", ExportAsync).RequireAuthorization(Policies.Staff);

    private static async Task<IResult> ExportAsync(string format, HttpRequest request, ActivityExportService export, LookupService lookups,
        ICurrentUserAccessor users, ILoggerFactory logs, CancellationToken ct)
    {
        if (ExportFormats.Parse(format) is not { } kind)
        {
            return TypedResults.NotFound();
        }
        var user = users.Current;
        var filter = ActivityListQuery.Parse(request.Query, user, await lookups.TerritoriesAsync(ct), user.HasFederationScope);
        try
        {
            export.EnsureCanExport(filter);
        }
        catch (ScopeViolationException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status403Forbidden);
        }
        // Reads are not audited in the database (the audit log records writes); who exported what goes to the log.
        logs.CreateLogger(typeof(ActivityExportEndpoints)).LogInformation(
            "Activity log exported as {Format} by {UserId} ({UserName}) with filter {Filter}", kind, user.UserId, user.DisplayName, filter);

        var fileName = export.FileName(kind);
        var contentType = kind.ContentType();
        if (kind == ExportFormat.Csv)
        {
            return TypedResults.Stream(body => export.WriteCsvAsync(filter, body, ct), contentType, fileName);
        }
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"csc-activities-{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await export.WriteXlsxAsync(filter, file, ct);
        }
        catch (ValidationFailedException invalid)
        {
            await file.DisposeAsync();
            return TypedResults.Problem(string.Join(" ", invalid.Errors.SelectMany(x => x.Value)), statusCode: StatusCodes.Status400BadRequest);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
        file.Position = 0;
        // The result disposes the stream once sent, which deletes the temporary file.
        return TypedResults.File(file, contentType, fileName);
    }
}
