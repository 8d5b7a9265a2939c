using System.Globalization;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;

namespace CscDashboard.Web.Components.Pages.Dashboards;

/// <summary>
/// Links from a figure to the activities behind it (the activity list's URL filters). Null when the
/// viewer may not open the activity list (the committee): figures are then shown without links.
/// </summary>
public sealed record DashboardLinks(Period Period, bool Enabled, string? TerritoryCode = null)
{
    public string? Activities(string? territoryCode = null, ActivityType? type = null, int? workstreamId = null)
    {
        if (!Enabled)
        {
            return null;
        }
        var query = new List<string>
        {
            $"from={Period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
            $"to={Period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
        };
        if ((territoryCode ?? TerritoryCode) is { } code)
        {
            query.Add($"territory={Uri.EscapeDataString(code)}");
        }
        if (type is { } t)
        {
            query.Add($"type={t}");
        }
        if (workstreamId is { } w)
        {
            query.Add($"workstream={w}");
        }
        return "/activities?" + string.Join("&", query);
    }

    public string? Territory(string code) => Enabled ? $"/territories/{Uri.EscapeDataString(code)}?period={Uri.EscapeDataString(Period.Code)}" : null;

    public string? Centre(int id) => Enabled ? $"/network/centres/{id}" : null;
}
