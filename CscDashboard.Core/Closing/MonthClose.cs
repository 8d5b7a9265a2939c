using CscDashboard.Core.Common;
using CscDashboard.Core.Territories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CscDashboard.Core.Closing;

/// <summary>Where a territory-month stands (ADR 027): open, submitted by its coordinator, approved (locked), reopened.</summary>
public enum MonthCloseStatus
{
    Open,
    Submitted,
    Approved,
    Reopened,
}

/// <summary>One step of a month's history.</summary>
public enum MonthCloseAction
{
    Submitted,
    Approved,
    Returned,
    Reopened,
}

/// <summary>
/// The close of one territory's month. A row exists from the first submission on; a month without a row is open.
/// The transitions are the methods below, each refusing a step the state does not allow; approving locks the
/// territory-month's writes in Core (<see cref="MonthLock"/>). <see cref="AuditableEntity.Version"/> is bumped by
/// every write that <see cref="MonthLock"/> lets through, so an approval made on what the lead saw fails if anything
/// was saved in the month since.
/// </summary>
public class MonthClose : AuditableEntity
{
    public int TerritoryId { get; set; }
    public Territory? Territory { get; set; }
    /// <summary>First day of the month.</summary>
    public DateOnly Month { get; set; }
    public MonthCloseStatus Status { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public string? SubmittedBy { get; set; }
    /// <summary>The approval that holds the lock (cleared by a reopening: the history keeps it).</summary>
    public DateTime? ApprovedAt { get; set; }
    public string? ApprovedBy { get; set; }
    /// <summary>The last return, shown to the coordinator until the month is submitted again.</summary>
    public DateTime? ReturnedAt { get; set; }
    public string? ReturnedBy { get; set; }
    public string? ReturnComment { get; set; }
    /// <summary>The last reopening and its reason (kept: the month must be submitted and approved again).</summary>
    public DateTime? ReopenedAt { get; set; }
    public string? ReopenedBy { get; set; }
    public string? ReopenReason { get; set; }
    public List<MonthCloseEvent> Events { get; set; } = [];

    public bool IsReturned => ReturnComment is not null && Status is MonthCloseStatus.Open or MonthCloseStatus.Reopened;

    public void Submit(CurrentUser user, DateTime now, string? comment, string? missing)
    {
        if (Status is not (MonthCloseStatus.Open or MonthCloseStatus.Reopened))
        {
            Refuse(Status == MonthCloseStatus.Submitted
                ? "Ce mois est déjà soumis : il attend la décision de la cheffe de projet."
                : "Ce mois est approuvé : il ne peut être soumis de nouveau qu'après sa réouverture par la cheffe de projet.");
        }
        Status = MonthCloseStatus.Submitted;
        SubmittedAt = now;
        SubmittedBy = user.DisplayName;
        ReturnedAt = null;
        ReturnedBy = null;
        ReturnComment = null;
        Add(MonthCloseAction.Submitted, user, now, comment, missing);
    }

    public void Approve(CurrentUser user, DateTime now, string? comment)
    {
        if (Status != MonthCloseStatus.Submitted)
        {
            Refuse(Status == MonthCloseStatus.Approved
                ? "Ce mois est déjà approuvé."
                : "Ce mois n'a pas été soumis par sa coordination : il ne peut pas être approuvé.");
        }
        Status = MonthCloseStatus.Approved;
        ApprovedAt = now;
        ApprovedBy = user.DisplayName;
        Add(MonthCloseAction.Approved, user, now, comment, null);
    }

    public void Return(CurrentUser user, DateTime now, string comment)
    {
        if (Status != MonthCloseStatus.Submitted)
        {
            Refuse("Seul un mois soumis peut être renvoyé à sa coordination.");
        }
        // Back to where it was before the submission: open, or reopened if it had been approved once.
        Status = ReopenedAt is null ? MonthCloseStatus.Open : MonthCloseStatus.Reopened;
        ReturnedAt = now;
        ReturnedBy = user.DisplayName;
        ReturnComment = comment;
        Add(MonthCloseAction.Returned, user, now, comment, null);
    }

    public void Reopen(CurrentUser user, DateTime now, string reason)
    {
        if (Status != MonthCloseStatus.Approved)
        {
            Refuse("Seul un mois approuvé peut être rouvert.");
        }
        Status = MonthCloseStatus.Reopened;
        ApprovedAt = null;
        ApprovedBy = null;
        ReopenedAt = now;
        ReopenedBy = user.DisplayName;
        ReopenReason = reason;
        Add(MonthCloseAction.Reopened, user, now, reason, null);
    }

    private void Add(MonthCloseAction action, CurrentUser user, DateTime now, string? comment, string? details) =>
        Events.Add(new MonthCloseEvent { Action = action, At = now, UserId = user.UserId, UserName = user.DisplayName, Comment = comment, Details = details });

    private static void Refuse(string message) =>
        throw new ValidationFailedException(new Dictionary<string, string[]> { [nameof(Status)] = [message] });
}

/// <summary>One step of a month's history: who, when, and the comment or reason; a submission keeps the evidence then missing.</summary>
public class MonthCloseEvent
{
    public int Id { get; set; }
    public int MonthCloseId { get; set; }
    public MonthClose? MonthClose { get; set; }
    public MonthCloseAction Action { get; set; }
    public DateTime At { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }
    public string? Comment { get; set; }
    /// <summary>A submission: the evidence still missing when it was made, one line each.</summary>
    public string? Details { get; set; }
}

public sealed class MonthCloseConfiguration : IEntityTypeConfiguration<MonthClose>
{
    public void Configure(EntityTypeBuilder<MonthClose> b)
    {
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.SubmittedBy).HasMaxLength(256);
        b.Property(x => x.ApprovedBy).HasMaxLength(256);
        b.Property(x => x.ReturnedBy).HasMaxLength(256);
        b.Property(x => x.ReturnComment).HasMaxLength(TextLimits.Reason);
        b.Property(x => x.ReopenedBy).HasMaxLength(256);
        b.Property(x => x.ReopenReason).HasMaxLength(TextLimits.Reason);
        b.HasOne(x => x.Territory).WithMany().HasForeignKey(x => x.TerritoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.TerritoryId, x.Month }).IsUnique();
        b.HasIndex(x => new { x.Month, x.Status });
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

public sealed class MonthCloseEventConfiguration : IEntityTypeConfiguration<MonthCloseEvent>
{
    public void Configure(EntityTypeBuilder<MonthCloseEvent> b)
    {
        b.Property(x => x.Action).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.Comment).HasMaxLength(TextLimits.Reason);
        b.HasOne(x => x.MonthClose).WithMany(m => m.Events).HasForeignKey(x => x.MonthCloseId).OnDelete(DeleteBehavior.Cascade);
    }
}
