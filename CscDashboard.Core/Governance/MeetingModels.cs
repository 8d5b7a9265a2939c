namespace CscDashboard.Core.Governance;

/// <summary>The meeting form.</summary>
public sealed record MeetingInput
{
    public MeetingKind Kind { get; init; }
    public string Title { get; init; } = "";
    public DateOnly? Date { get; init; }
    public TimeOnly? StartTime { get; init; }
    public int DurationMinutes { get; init; } = MeetingRules.DefaultDuration;
    public int? TerritoryId { get; init; }
    public int? WorkstreamId { get; init; }
    public string? Place { get; init; }
    public string? VideoLink { get; init; }
    public string? Agenda { get; init; }
    /// <summary>Formatted text (HTML); sanitised by the service (<see cref="MinutesHtml"/>).</summary>
    public string? Minutes { get; init; }
    public int OtherParticipantCount { get; init; }
    public IReadOnlyList<string> AccountIds { get; init; } = [];
    public IReadOnlyList<int> MemberIds { get; init; } = [];
    public IReadOnlyList<int> PartnerIds { get; init; } = [];
    /// <summary>The version the form loaded (edits only).</summary>
    public long Version { get; init; }
}

/// <summary>Filters of <c>/meetings</c>, in its URL.</summary>
public sealed record MeetingFilter
{
    public MeetingKind? Kind { get; init; }
    public int? TerritoryId { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public string? Text { get; init; }
}

public sealed record MeetingRow(int Id, DateOnly Date, TimeOnly? StartTime, MeetingKind Kind, string Title, string? TerritoryCode,
    string? WorkstreamName, int Attendees, int Decisions, int OpenDecisions);

public sealed record MeetingAttendeeRow(AttendeeKind Kind, string Key, string Name, string? Detail, int? ActivityId);

public sealed record MeetingDocumentRow(int Id, string Name, string Category);

public sealed record MeetingReportRow(int Id, string Title);

public sealed record MeetingDetail(
    int Id,
    MeetingInput Input,
    string? TerritoryName,
    string? WorkstreamName,
    IReadOnlyList<MeetingAttendeeRow> Attendees,
    IReadOnlyList<DecisionRow> Decisions,
    IReadOnlyList<MeetingDocumentRow> Documents,
    IReadOnlyList<MeetingReportRow> Reports,
    bool CanManage);

/// <summary>A decision as lists show it: <see cref="IsOverdue"/> when open past its due date.</summary>
public sealed record DecisionRow(
    int Id,
    int MeetingId,
    string MeetingTitle,
    DateOnly MeetingDate,
    MeetingKind MeetingKind,
    string Text,
    string OwnerId,
    string OwnerName,
    DateOnly? DueDate,
    DecisionStatus Status,
    string? FollowUp,
    DateOnly? ClosedOn,
    bool IsOverdue,
    bool CanEdit,
    bool CanChangeStatus,
    long Version);

public sealed record DecisionInput
{
    public string Text { get; set; } = "";
    public string OwnerId { get; set; } = "";
    public DateOnly? DueDate { get; set; }
    public DecisionStatus Status { get; set; }
    public string? FollowUp { get; set; }
    public long Version { get; set; }
}

/// <summary>What the meeting form offers: accounts (staff), territories and workstreams the caller may hold meetings for.</summary>
public sealed record MeetingOptions(
    IReadOnlyList<MeetingOption> Accounts,
    IReadOnlyList<MeetingOption> Territories,
    IReadOnlyList<MeetingOption> Workstreams,
    IReadOnlyList<int> ManagedTerritoryIds,
    IReadOnlyList<int> CoAnimatedWorkstreamIds,
    bool CanManageFederationBodies);

public sealed record MeetingOption(string Key, string Name);

/// <summary>A territory's bodies on its page: its délégués and its last meetings.</summary>
public sealed record TerritoryBodies(IReadOnlyList<string> Delegates, IReadOnlyList<MeetingRow> LastMeetings);

/// <summary>French labels of the governance enums.</summary>
public static class GovernanceLabels
{
    public static string Of(MeetingKind kind) => kind switch
    {
        MeetingKind.PartnerCommittee => "Comité partenarial",
        MeetingKind.SteeringCommittee => "Comité de pilotage",
        MeetingKind.FederalTeam => "Réunion d'équipe fédérale",
        MeetingKind.TerritorialAssembly => "Assemblée territoriale",
        MeetingKind.WorkstreamMeeting => "Réunion de chantier",
        _ => "Autre réunion",
    };

    public static string Of(DecisionStatus status) => status switch
    {
        DecisionStatus.Todo => "À faire",
        DecisionStatus.InProgress => "En cours",
        DecisionStatus.Done => "Fait",
        _ => "Abandonné",
    };

    public static string Of(AttendeeKind kind) => kind switch
    {
        AttendeeKind.Account => "Compte",
        AttendeeKind.Member => "Membre du réseau",
        _ => "Partenaire",
    };
}
