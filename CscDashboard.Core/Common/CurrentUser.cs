namespace CscDashboard.Core.Common;

/// <summary>
/// Who is calling a Core service, and the rules of architecture.md section 1 about what they may do.
/// Built by the Web host from the signed-in principal, by jobs and verbs as <see cref="System(string)"/>.
/// </summary>
public sealed record CurrentUser(
    string? UserId,
    string DisplayName,
    IReadOnlySet<string> Roles,
    IReadOnlySet<int> TerritoryIds)
{
    public static readonly CurrentUser Anonymous = new(null, "anonyme", new HashSet<string>(), new HashSet<int>());

    /// <summary>A background job or command-line verb: acts with full rights, audited under its name.</summary>
    public static CurrentUser System(string name) =>
        new(null, name, new HashSet<string> { Common.Roles.Admin }, new HashSet<int>()) { IsSystem = true };

    public bool IsSystem { get; init; }
    public bool IsAuthenticated => UserId is not null || IsSystem;
    public bool IsInRole(string role) => Roles.Contains(role);
    public bool IsAdmin => IsInRole(Common.Roles.Admin);
    public bool IsProjectLead => IsInRole(Common.Roles.ProjectLead);
    public bool IsCoordinator => IsInRole(Common.Roles.Coordinator);
    public bool IsCommitteeOnly => IsInRole(Common.Roles.Committee) && !IsAdmin && !IsProjectLead && !IsCoordinator;

    /// <summary>Project lead and admin see and write every territory.</summary>
    public bool HasFederationScope => IsAdmin || IsProjectLead;

    /// <summary>Activities and dashboards: everyone but the committee reads every territory (sharing methods is a goal).</summary>
    public bool CanReadActivities => HasFederationScope || IsCoordinator;

    /// <summary>Names of people (authors, members) are hidden from the committee.</summary>
    public bool CanSeeNames => HasFederationScope || IsCoordinator;

    /// <summary>Activities, centres, members, partners, evidence and expenses of a territory.</summary>
    public bool CanWriteTerritory(int territoryId) =>
        HasFederationScope || (IsCoordinator && TerritoryIds.Contains(territoryId));

    /// <summary>Finance and evidence are read by the project lead, admin, and coordinators of that territory only.</summary>
    public bool CanReadTerritoryFinance(int territoryId) => CanWriteTerritory(territoryId);

    /// <summary>Federation-wide data (partners without territory, operations, reference data).</summary>
    public bool CanWriteFederation => HasFederationScope;

    /// <summary>Refuses, with a French message, a write outside the caller's territories.</summary>
    public void EnsureCanWriteTerritory(int territoryId)
    {
        if (!CanWriteTerritory(territoryId))
        {
            throw new ScopeViolationException(
                "Vous ne pouvez pas modifier les données d'un territoire qui ne vous est pas attribué.");
        }
    }

    public void EnsureCanWriteFederation()
    {
        if (!CanWriteFederation)
        {
            throw new ScopeViolationException("Cette action est réservée à la cheffe de projet.");
        }
    }
}

/// <summary>Gives Core services and the audit interceptor the caller of the current scope.</summary>
public interface ICurrentUserAccessor
{
    CurrentUser Current { get; }
}

/// <summary>A fixed caller, for jobs, command-line verbs and tests.</summary>
public sealed class FixedCurrentUserAccessor(CurrentUser user) : ICurrentUserAccessor
{
    public CurrentUser Current { get; set; } = user;
}

/// <summary>A refused action: the message is French and is shown to the user as it is.</summary>
public sealed class ScopeViolationException(string message) : Exception(message);

/// <summary>Bad input: French messages per field; nothing was written.</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("Les données saisies ne sont pas valides : " + string.Join(" ; ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>Someone else saved the same record first; nothing was overwritten.</summary>
public sealed class ConcurrencyConflictException(string message) : Exception(message);

/// <summary>The record does not exist (or is not visible to the caller).</summary>
public sealed class NotFoundException(string message) : Exception(message);
