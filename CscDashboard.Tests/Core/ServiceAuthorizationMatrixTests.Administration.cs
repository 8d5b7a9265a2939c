using CscDashboard.Core.Activities;
using CscDashboard.Core.Backups;
using CscDashboard.Core.Common;
using CscDashboard.Core.Compliance;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Finance;
using CscDashboard.Core.Home;
using CscDashboard.Core.Lookups;
using CscDashboard.Core.Network;
using CscDashboard.Core.Network.Import;
using CscDashboard.Core.Reporting;
using CscDashboard.Core.Timesheets;
using CscDashboard.Core.Users;
using CscDashboard.Core.Workstreams;
using CscDashboard.Tests.Infrastructure;

namespace CscDashboard.Tests.Core;

public sealed partial class ServiceAuthorizationMatrixTests
{
    /// <summary>Progress reports, accounts, backups and restores.</summary>
    private static IReadOnlyList<Row> ReportAndAdministrationRows =>
    [
        // ---- Reports: aggregates read by every role (no names for the committee), asked for and built by the lead ----
        On<ReportService>.Write(nameof(ReportService.RequestAsync), (s, w) => s.RequestAsync(new ReportRequest(ReportKind.Monthly, "2023-02", NewVersion: true)), Federation(Ok)),
        On<ReportService>.Read(nameof(ReportService.ListAsync), (s, w) => s.ListAsync(), SignedIn(Ok.With("2023-Q1"))),
        On<ReportService>.Read(nameof(ReportService.FindAsync), (s, w) => s.FindAsync(w.ReadyReport), SignedIn(Ok.With("2023-Q1"))),
        On<ReportService>.Read(nameof(ReportService.GetFileAsync), (s, w) => s.GetFileAsync(w.ReadyReport), SignedIn(Ok.With("bilan-trimestriel-2023-Q1"))),
        On<ReportService>.Read(nameof(ReportService.GetFileAsync), (s, w) => s.GetFileAsync(999_999), SignedIn(Gone), "numéro deviné"),
        // Built from the territory dashboards, which the committee does not read: it reads the frozen reports.
        On<ProgressReportBuilder>.Read(nameof(ProgressReportBuilder.BuildAsync), (s, w) => s.BuildAsync(ReportKind.Monthly, w.March, null),
            Staff(Sees(Data.Art | Data.Lil | Data.Federation))),
        On<ProgressReportBuilder>.Read(nameof(ProgressReportBuilder.BuildAsync), (s, w) => s.BuildAsync(ReportKind.Territory, w.March, "ART"),
            Staff(Sees(Data.Art | Data.Federation)), "territoire ART"),
        On<ReportJob>.Write(nameof(ReportJob.RunAsync), w => w.NewPendingReportAsync(), (s, w, id) => s.RunAsync(id, CancellationToken.None), Federation(Ok)),
        // Run again, a schedule finds its report already built.
        On<ScheduledReportJob>.Write(nameof(ScheduledReportJob.RunMonthlyAsync), (s, w) => s.RunMonthlyAsync(CancellationToken.None), Federation(Ok), idempotent: true),
        On<ScheduledReportJob>.Write(nameof(ScheduledReportJob.RunQuarterlyAsync), (s, w) => s.RunQuarterlyAsync(CancellationToken.None), Federation(Ok), idempotent: true),

        // ---- Administration ----
        On<UserDirectoryService>.Read(nameof(UserDirectoryService.ListAsync), (s, w) => s.ListAsync(), Cases(No, Ok.With("oscar.coord@test.csc"), No, No, No, No)),
        On<UserDirectoryService>.Write(nameof(UserDirectoryService.CreateAsync),
            w => Task.FromResult(new NewAccount($"compte.{Guid.NewGuid():N}@test.csc", "Nouveau compte", Roles.Committee, [])),
            (s, w, account) => s.CreateAsync(account), Cases(No, Ok, No, No, No, No)),
        On<AccountEditService>.Write(nameof(AccountEditService.IssuePasswordAsync),
            async w => (await w.Ctx.AddUserAsync($"oubli.{Guid.NewGuid():N}@test.csc", Roles.Committee)).UserId!,
            (s, w, id) => s.IssuePasswordAsync(id), Cases(No, Ok, No, No, No, No)),
        On<AccountEditService>.Write(nameof(AccountEditService.UpdateAsync),
            async w => (await w.Ctx.AddUserAsync($"modifie.{Guid.NewGuid():N}@test.csc", Roles.Committee)).UserId!,
            (s, w, id) => s.UpdateAsync(id, new AccountChanges("Nom modifié", Roles.Committee, [])), Cases(No, Ok, No, No, No, No)),
        On<AccountEditService>.Write(nameof(AccountEditService.DeactivateAsync),
            async w => (await w.Ctx.AddUserAsync($"depart.{Guid.NewGuid():N}@test.csc", Roles.Committee)).UserId!,
            (s, w, id) => s.DeactivateAsync(id), Cases(No, Ok, No, No, No, No)),
        On<AccountEditService>.Write(nameof(AccountEditService.ResetTwoFactorAsync),
            async w => await w.TwoFactorAccountAsync(),
            (s, w, id) => s.ResetTwoFactorAsync(id), Cases(No, Ok, No, No, No, No)),
        On<AccountEditService>.Write(nameof(AccountEditService.ReactivateAsync),
            async w => await w.DeactivatedAccountAsync(),
            (s, w, id) => s.ReactivateAsync(id), Cases(No, Ok, No, No, No, No)),
        // On PostgreSQL a backup is refused past the check on its own terms: pg_dump instead (docs/deploy.md).
        On<BackupService>.Write(nameof(BackupService.CreateAsync), (s, w) => s.CreateAsync(w.BackupPath()), Cases(No, OnSqlite(Ok), No, No, No, No)),
        On<BackupService>.Write(nameof(BackupService.CreateScheduledAsync), (s, w) => s.CreateScheduledAsync(2), Cases(No, OnSqlite(Ok), No, No, No, No)),
        // Past the check, a restore into a live data directory is refused on its own terms (not empty, no --force).
        On<RestoreService>.Write(nameof(RestoreService.RestoreAsync), w => TestDatabase.OnPostgres ? Task.FromResult(w.BackupPath()) : w.BackupAsync(),
            (s, w, file) => s.RestoreAsync(file, force: false), Cases(No, Failed, No, No, No, No)),
        // The restore run by the app (ADR 019): past the check, an unknown name or a damaged upload is refused on its own terms.
        On<BackupService>.Read(nameof(BackupService.ListBackups), (s, w) => Task.FromResult(s.ListBackups()), Cases(No, OnSqlite(Ok), No, No, No, No)),
        On<RestoreService>.Write(nameof(RestoreService.RestoreListedAsync), (s, w) => s.RestoreListedAsync("inconnue.zip"), Cases(No, OnSqlite(Gone), No, No, No, No)),
        On<RestoreService>.Write(nameof(RestoreService.RestoreUploadedAsync),
            (s, w) => s.RestoreUploadedAsync(new MemoryStream("pas une archive"u8.ToArray()), "archive.zip"), Cases(No, Failed, No, No, No, No)),
    ];
}
