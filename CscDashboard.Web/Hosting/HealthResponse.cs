using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CscDashboard.Web.Hosting;

/// <summary>/health answers a small JSON body: overall status and each check's status (no exception details).</summary>
public static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
