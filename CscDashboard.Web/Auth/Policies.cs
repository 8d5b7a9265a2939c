using CscDashboard.Core.Common;
using Microsoft.AspNetCore.Authorization;

namespace CscDashboard.Web.Auth;

/// <summary>Named policies used by pages and endpoints; the same rules are enforced again in Core services.</summary>
public static class Policies
{
    public const string Admin = "Admin";
    /// <summary>Project lead and admin: everything but user accounts.</summary>
    public const string ProjectLead = "ProjectLead";
    /// <summary>Everyone but the committee: activities, network, territory data.</summary>
    public const string Staff = "Staff";
    /// <summary>Finance and evidence (further limited to the coordinator's territories in Core).</summary>
    public const string Finance = "Finance";
    /// <summary>Every signed-in role: overview dashboard and report library.</summary>
    public const string AnyRole = "AnyRole";

    public static void Add(AuthorizationOptions options)
    {
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
        options.AddPolicy(ProjectLead, p => p.RequireRole(Roles.Admin, Roles.ProjectLead));
        options.AddPolicy(Staff, p => p.RequireRole(Roles.Admin, Roles.ProjectLead, Roles.Coordinator));
        options.AddPolicy(Finance, p => p.RequireRole(Roles.Admin, Roles.ProjectLead, Roles.Coordinator));
        options.AddPolicy(AnyRole, p => p.RequireRole(Roles.All.ToArray()));
    }
}
