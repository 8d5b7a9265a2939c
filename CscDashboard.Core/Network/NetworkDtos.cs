namespace CscDashboard.Core.Network;

/// <summary>A territory the caller can pick in a filter or a form; <see cref="CanWrite"/> says whether they may write in it.</summary>
public sealed record TerritoryOption(int Id, string Code, string Name, bool CanWrite);

/// <summary>A centre offered in the member form (same territory as the member).</summary>
public sealed record CentreOption(int Id, string Name, string Commune, int TerritoryId);

// ---- Centres ----

public sealed record CentreFilter(
    string? TerritoryCode = null,
    CentreStatus? Status = null,
    string? Search = null,
    bool IncludeArchived = false);

public sealed record CentreRow(
    int Id,
    string Name,
    string Commune,
    string Postcode,
    string TerritoryCode,
    string TerritoryName,
    CentreStatus Status,
    DateOnly? EngagedOn,
    bool IsHostCentre,
    DateTime? ArchivedAt,
    int MemberCount,
    DateOnly? LastVisit,
    int TerritoryId);

/// <summary>The centre form; mutable so that the dialog can bind to it. <see cref="Version"/> is the one the form loaded.</summary>
public sealed record CentreInput
{
    public string Name { get; set; } = "";
    public string Commune { get; set; } = "";
    public string Postcode { get; set; } = "";
    public string? Address { get; set; }
    public int TerritoryId { get; set; }
    public CentreStatus Status { get; set; } = CentreStatus.Candidate;
    public DateOnly? CandidateSince { get; set; }
    public DateOnly? EngagedOn { get; set; }
    public DateOnly? WithdrawnOn { get; set; }
    public bool IsHostCentre { get; set; }
    public long Version { get; set; }
}

public sealed record CentreMember(int Id, string FullName, MemberRole Role, string? Email, string? Phone, bool IsArchived);

public sealed record CentreActivity(int Id, DateOnly Date, string Title, Activities.ActivityType Type, Activities.ActivityFormat Format, string? AuthorName);

public sealed record CentreDetail(
    int Id,
    CentreInput Input,
    string TerritoryCode,
    string TerritoryName,
    DateTime? ArchivedAt,
    bool CanEdit,
    IReadOnlyList<CentreMember> Members,
    IReadOnlyList<CentreActivity> RecentActivities,
    DateOnly? LastVisit,
    int ActivityCount);

// ---- Network members ----

public sealed record MemberFilter(
    string? TerritoryCode = null,
    MemberRole? Role = null,
    int? CentreId = null,
    string? Search = null,
    bool IncludeArchived = false,
    int? MemberId = null);

public sealed record MemberRow(
    int Id,
    string FirstName,
    string LastName,
    string? Email,
    string? Phone,
    MemberRole Role,
    string TerritoryCode,
    string TerritoryName,
    int? CentreId,
    string? CentreName,
    Assignment Assignment,
    decimal? AssignmentPercent,
    DateOnly ActiveFrom,
    DateOnly? ActiveTo,
    DateTime? ArchivedAt,
    int TerritoryId)
{
    public string FullName => $"{FirstName} {LastName}";
}

public sealed record MemberInput
{
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public MemberRole Role { get; set; } = MemberRole.Ctn;
    public int TerritoryId { get; set; }
    public int? CentreId { get; set; }
    public Assignment Assignment { get; set; } = Assignment.None;
    public decimal? AssignmentPercent { get; set; }
    public decimal? AnnualGrossCost { get; set; }
    public DateOnly ActiveFrom { get; set; }
    public DateOnly? ActiveTo { get; set; }
    public long Version { get; set; }
}

public sealed record MemberDetail(int Id, MemberInput Input, string TerritoryName, string? CentreName, DateTime? ArchivedAt, bool CanEdit);

// ---- Partners ----

public sealed record PartnerFilter(
    string? TerritoryCode = null,
    PartnerKind? Kind = null,
    string? Search = null,
    bool IncludeArchived = false,
    bool? CommitteeMember = null);

public sealed record PartnerRow(
    int Id,
    string Name,
    PartnerKind Kind,
    int? TerritoryId,
    string? TerritoryCode,
    string? TerritoryName,
    string? ContactName,
    string? ContactEmail,
    string? ContactPhone,
    bool IsCommitteeMember,
    DateTime? ArchivedAt);

public sealed record PartnerInput
{
    public string Name { get; set; } = "";
    public PartnerKind Kind { get; set; } = PartnerKind.Commune;
    /// <summary>Null: federation-wide (project lead only).</summary>
    public int? TerritoryId { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }
    public bool IsCommitteeMember { get; set; }
    public long Version { get; set; }
}

public sealed record PartnerDetail(int Id, PartnerInput Input, string? TerritoryName, DateTime? ArchivedAt, bool CanEdit);
