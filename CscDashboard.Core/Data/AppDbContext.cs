using CscDashboard.Core.Activities;
using CscDashboard.Core.Auditing;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Finance;
using CscDashboard.Core.Indicators;
using CscDashboard.Core.Network;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Reporting;
using CscDashboard.Core.Territories;
using CscDashboard.Core.Timesheets;
using CscDashboard.Core.Users;
using CscDashboard.Core.Workstreams;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Data;

/// <summary>
/// The one database: domain tables and ASP.NET Core Identity. Services open one per operation from
/// <see cref="IDbContextFactory{TContext}"/>. This type carries the SQLite model and migrations;
/// <see cref="Postgres.PostgresAppDbContext"/> derives from it for PostgreSQL (its own migrations).
/// </summary>
public class AppDbContext : IdentityDbContext<AppUser>
{
    public AppDbContext(DbContextOptions<AppDbContext> options) : base(options)
    {
    }

    /// <summary>For provider-specific subclasses, which carry their own options type and migrations.</summary>
    protected AppDbContext(DbContextOptions options) : base(options)
    {
    }

    public DbSet<Operation> Operations => Set<Operation>();
    public DbSet<Sector> Sectors => Set<Sector>();
    public DbSet<Territory> Territories => Set<Territory>();
    public DbSet<CoordinatorTerritory> CoordinatorTerritories => Set<CoordinatorTerritory>();
    public DbSet<SocialCentre> Centres => Set<SocialCentre>();
    public DbSet<NetworkMember> Members => Set<NetworkMember>();
    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<ActivityCentre> ActivityCentres => Set<ActivityCentre>();
    public DbSet<ActivityWorkstream> ActivityWorkstreams => Set<ActivityWorkstream>();
    public DbSet<ActivityPartner> ActivityPartners => Set<ActivityPartner>();
    public DbSet<Workstream> Workstreams => Set<Workstream>();
    public DbSet<WorkstreamCoordinator> WorkstreamCoordinators => Set<WorkstreamCoordinator>();
    public DbSet<WatchItem> WatchItems => Set<WatchItem>();
    public DbSet<Deliverable> Deliverables => Set<Deliverable>();
    public DbSet<EvidenceDocument> EvidenceDocuments => Set<EvidenceDocument>();
    public DbSet<BudgetLine> BudgetLines => Set<BudgetLine>();
    public DbSet<Expense> Expenses => Set<Expense>();
    public DbSet<FundingSource> FundingSources => Set<FundingSource>();
    public DbSet<Timesheet> Timesheets => Set<Timesheet>();
    public DbSet<TimesheetLine> TimesheetLines => Set<TimesheetLine>();
    public DbSet<ReportSnapshot> ReportSnapshots => Set<ReportSnapshot>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ActivityMonthStat> ActivityMonthStats => Set<ActivityMonthStat>();
    public DbSet<CentreMonthStat> CentreMonthStats => Set<CentreMonthStat>();
    public DbSet<PartnerMonthStat> PartnerMonthStats => Set<PartnerMonthStat>();
    public DbSet<WorkstreamMonthStat> WorkstreamMonthStats => Set<WorkstreamMonthStat>();
    public DbSet<SystemSetting> SystemSettings => Set<SystemSetting>();
    public DbSet<Compliance.ComplianceSnapshot> ComplianceSnapshots => Set<Compliance.ComplianceSnapshot>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<OpenData.AccessToken> AccessTokens => Set<OpenData.AccessToken>();
    public DbSet<AudienceGroup> AudienceGroups => Set<AudienceGroup>();
    public DbSet<ActivityAudience> ActivityAudiences => Set<ActivityAudience>();
    public DbSet<AudienceMonthStat> AudienceMonthStats => Set<AudienceMonthStat>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<IndicatorTarget> IndicatorTargets => Set<IndicatorTarget>();
    public DbSet<TargetMilestone> TargetMilestones => Set<TargetMilestone>();
    public DbSet<IndicatorDeclaration> IndicatorDeclarations => Set<IndicatorDeclaration>();
    public DbSet<Closing.MonthClose> MonthCloses => Set<Closing.MonthClose>();
    public DbSet<Closing.MonthCloseEvent> MonthCloseEvents => Set<Closing.MonthCloseEvent>();
    public DbSet<TimesheetSignature> TimesheetSignatures => Set<TimesheetSignature>();
    public DbSet<Notifications.OutboxMessage> OutboxMessages => Set<Notifications.OutboxMessage>();
    public DbSet<Notifications.PasswordResetToken> PasswordResetTokens => Set<Notifications.PasswordResetToken>();
    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();
    public DbSet<Notifications.MailOptOut> MailOptOuts => Set<Notifications.MailOptOut>();
    public DbSet<Governance.Meeting> Meetings => Set<Governance.Meeting>();
    public DbSet<Governance.MeetingAttendee> MeetingAttendees => Set<Governance.MeetingAttendee>();
    public DbSet<Governance.Decision> Decisions => Set<Governance.Decision>();
    public DbSet<Governance.MeetingDocument> MeetingDocuments => Set<Governance.MeetingDocument>();
    public DbSet<Governance.MeetingReport> MeetingReports => Set<Governance.MeetingReport>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
