using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Network;
using CscDashboard.Core.Reporting;
using CscDashboard.Core.Territories;
using CscDashboard.Core.Users;
using CscDashboard.Core.Workstreams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CscDashboard.Core.Governance;

/// <summary>The bodies of the programme's governance (issue 20, ADR 031).</summary>
public enum MeetingKind
{
    /// <summary>Comité partenarial: the partners who follow the operation.</summary>
    PartnerCommittee,
    /// <summary>Comité de pilotage.</summary>
    SteeringCommittee,
    /// <summary>Réunion d'équipe fédérale.</summary>
    FederalTeam,
    /// <summary>Assemblée territoriale: needs a territory.</summary>
    TerritorialAssembly,
    /// <summary>Réunion de chantier: needs a workstream.</summary>
    WorkstreamMeeting,
    Other,
}

public enum DecisionStatus
{
    Todo,
    InProgress,
    Done,
    Abandoned,
}

/// <summary>Who an attendee is: an account, a network member or a partner (exactly one of the three ids is set).</summary>
public enum AttendeeKind
{
    Account,
    Member,
    Partner,
}

/// <summary>
/// A meeting of a body: committee, team meeting, territorial assembly, workstream meeting. A territorial body has a
/// territory; a workstream meeting a workstream; the others belong to the federation. Its coordinators' attendance
/// is logged as one activity each (<see cref="MeetingAttendee.ActivityId"/>).
/// </summary>
public class Meeting : AuditableEntity
{
    public MeetingKind Kind { get; set; }
    public required string Title { get; set; }
    public DateOnly Date { get; set; }
    public TimeOnly? StartTime { get; set; }
    public int DurationMinutes { get; set; }
    public int? TerritoryId { get; set; }
    public Territory? Territory { get; set; }
    public int? WorkstreamId { get; set; }
    public Workstream? Workstream { get; set; }
    public string? Place { get; set; }
    public string? VideoLink { get; set; }
    public string? Agenda { get; set; }
    /// <summary>Minutes as HTML, sanitised on every write (<see cref="MinutesHtml"/>): never a script, a style or an event handler.</summary>
    public string? Minutes { get; set; }
    /// <summary>Participants who are neither accounts, members nor partners (counted, not named).</summary>
    public int OtherParticipantCount { get; set; }

    public List<MeetingAttendee> Attendees { get; set; } = [];
    public List<Decision> Decisions { get; set; } = [];
    public List<MeetingDocument> Documents { get; set; } = [];
    public List<MeetingReport> Reports { get; set; } = [];
}

public class MeetingAttendee
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public Meeting? Meeting { get; set; }
    public AttendeeKind Kind { get; set; }
    public string? UserId { get; set; }
    public AppUser? User { get; set; }
    public int? MemberId { get; set; }
    public NetworkMember? Member { get; set; }
    public int? PartnerId { get; set; }
    public Partner? Partner { get; set; }
    /// <summary>The activity created in a coordinator's log for this meeting; theirs to edit afterwards.</summary>
    public int? ActivityId { get; set; }
    public Activity? Activity { get; set; }
}

/// <summary>A decision recorded in a meeting, owned by an account, followed until done or abandoned.</summary>
public class Decision : AuditableEntity
{
    public int MeetingId { get; set; }
    public Meeting? Meeting { get; set; }
    public required string Text { get; set; }
    public required string OwnerId { get; set; }
    public AppUser? Owner { get; set; }
    public DateOnly? DueDate { get; set; }
    public DecisionStatus Status { get; set; }
    public string? FollowUp { get; set; }
    /// <summary>The day it became done or abandoned (null while open).</summary>
    public DateOnly? ClosedOn { get; set; }

    public bool IsOpen => Status is DecisionStatus.Todo or DecisionStatus.InProgress;
}

/// <summary>A piece of the evidence vault attached to a meeting (the signed attendance list, the slides).</summary>
public class MeetingDocument
{
    public int MeetingId { get; set; }
    public Meeting? Meeting { get; set; }
    public int DocumentId { get; set; }
    public EvidenceDocument? Document { get; set; }
}

/// <summary>A progress report (a frozen snapshot) presented at a meeting.</summary>
public class MeetingReport
{
    public int MeetingId { get; set; }
    public Meeting? Meeting { get; set; }
    public int ReportId { get; set; }
    public ReportSnapshot? Report { get; set; }
}

public sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Title).HasMaxLength(TextLimits.Title);
        b.Property(x => x.Place).HasMaxLength(TextLimits.Address);
        b.Property(x => x.VideoLink).HasMaxLength(TextLimits.WebAddress);
        b.Property(x => x.Agenda).HasMaxLength(MeetingRules.MaxAgendaLength);
        b.Property(x => x.Minutes).HasMaxLength(MeetingRules.MaxMinutesLength);
        b.HasOne(x => x.Territory).WithMany().HasForeignKey(x => x.TerritoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Workstream).WithMany().HasForeignKey(x => x.WorkstreamId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.Date);
        b.HasIndex(x => new { x.TerritoryId, x.Date });
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

public sealed class MeetingAttendeeConfiguration : IEntityTypeConfiguration<MeetingAttendee>
{
    public void Configure(EntityTypeBuilder<MeetingAttendee> b)
    {
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.HasOne(x => x.Meeting).WithMany(m => m.Attendees).HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Member).WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Partner).WithMany().HasForeignKey(x => x.PartnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Activity).WithMany().HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => x.MeetingId);
        b.HasIndex(x => x.UserId);
    }
}

public sealed class DecisionConfiguration : IEntityTypeConfiguration<Decision>
{
    public void Configure(EntityTypeBuilder<Decision> b)
    {
        b.Property(x => x.Text).HasMaxLength(MeetingRules.MaxDecisionLength);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.FollowUp).HasMaxLength(TextLimits.ActivityFollowUp);
        b.HasOne(x => x.Meeting).WithMany(m => m.Decisions).HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Owner).WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OwnerId, x.Status });
        b.HasIndex(x => new { x.Status, x.DueDate });
        b.Ignore(x => x.IsOpen);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

public sealed class MeetingDocumentConfiguration : IEntityTypeConfiguration<MeetingDocument>
{
    public void Configure(EntityTypeBuilder<MeetingDocument> b)
    {
        b.HasKey(x => new { x.MeetingId, x.DocumentId });
        b.HasOne(x => x.Meeting).WithMany(m => m.Documents).HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Document).WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MeetingReportConfiguration : IEntityTypeConfiguration<MeetingReport>
{
    public void Configure(EntityTypeBuilder<MeetingReport> b)
    {
        b.HasKey(x => new { x.MeetingId, x.ReportId });
        b.HasOne(x => x.Meeting).WithMany(m => m.Reports).HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Report).WithMany().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}
