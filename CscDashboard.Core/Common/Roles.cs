namespace CscDashboard.Core.Common;

/// <summary>The four ASP.NET Core Identity roles of architecture.md section 1.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string ProjectLead = "ProjectLead";
    public const string Coordinator = "Coordinator";
    public const string Committee = "Committee";

    public static readonly IReadOnlyList<string> All = [Admin, ProjectLead, Coordinator, Committee];

    public static string FrenchName(string role) => role switch
    {
        // Function names rather than a masculine default: the people behind a role are women and men.
        Admin => "Administration",
        ProjectLead => "Cheffe de projet",
        Coordinator => "Coordination territoriale",
        Committee => "Comité partenarial",
        _ => role,
    };
}

/// <summary>Claim types the app adds to the signed-in principal.</summary>
public static class AppClaimTypes
{
    public const string Territory = "csc:territory";
    public const string DisplayName = "csc:display-name";
    /// <summary>The server-side session (<see cref="Users.UserSession"/>) a sign-in cookie belongs to (ADR 018).</summary>
    public const string Session = "csc:session";
}
