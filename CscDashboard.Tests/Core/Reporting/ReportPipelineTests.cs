using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Finance;
using CscDashboard.Core.Reporting;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core.Reporting;

/// <summary>Requests, the build job, the scheduled entry points and the library, against real SQLite and real files.</summary>
public sealed class ReportPipelineTests : IAsyncLifetime
{
    /// <summary>1 April 2023, 00:30 in Paris (still 31 March in UTC): the quarterly schedule's first day.</summary>
    private static readonly DateTimeOffset QuarterStart = new(2023, 3, 31, 22, 30, 0, TimeSpan.Zero);

    private CoreTestContext _ctx = default!;
    private CurrentUser _lead = default!;

    public async Task InitializeAsync()
    {
        _ctx = await CoreTestContext.CreateAsync(QuarterStart);
        var art = await _ctx.TerritoryIdAsync("ART");
        _ctx.ActAs(await _ctx.AddUserAsync("julie.coord@test.csc", Roles.Coordinator, "ART"));
        await _ctx.Get<ActivityService>().CreateAsync(new ActivityInput
        {
            Date = new(2023, 2, 14), DurationMinutes = 120, TerritoryId = art, Type = ActivityType.Workstream, Format = ActivityFormat.Workshop,
            Place = ActivityPlace.Remote, Title = "Atelier sobriété numérique", IsHighlight = true,
        });
        _lead = await _ctx.AddUserAsync("claire.lead@test.csc", Roles.ProjectLead);
        _ctx.ActAs(CurrentUser.System("test"));
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private async Task<List<ReportSnapshot>> SnapshotsAsync()
    {
        await using var db = _ctx.CreateDb();
        return await db.ReportSnapshots.AsNoTracking().OrderBy(s => s.Id).ToListAsync();
    }

    private string PdfOf(ReportSnapshot snapshot) => Path.Combine(_ctx.Get<StorageOptions>().ReportsDirectory, snapshot.PdfPath!);

    [Fact]
    public async Task The_quarterly_schedule_run_twice_gives_one_ready_snapshot_of_the_previous_quarter()
    {
        var job = _ctx.Get<ScheduledReportJob>();

        await job.RunQuarterlyAsync(CancellationToken.None);
        var first = Assert.Single(await SnapshotsAsync());
        _ctx.Clock.Advance(TimeSpan.FromHours(1));
        await job.RunQuarterlyAsync(CancellationToken.None);

        var snapshot = Assert.Single(await SnapshotsAsync());
        Assert.Equal((ReportKind.QuarterlyCommittee, "2023-Q1", "federation", 1, ReportStatus.Ready),
            (snapshot.Kind, snapshot.PeriodCode, snapshot.Scope, snapshot.ReportVersion, snapshot.Status));
        Assert.Equal(ReportService.ScheduleName, snapshot.RequestedBy);
        Assert.Equal((first.CompletedAt, first.Version), (snapshot.CompletedAt, snapshot.Version));
        Assert.StartsWith("%PDF", await File.ReadAllTextAsync(PdfOf(snapshot)), StringComparison.Ordinal);
        var model = JsonSerializer.Deserialize<ProgressReportModel>(snapshot.DataJson!, ReportJob.Json)!;
        Assert.Equal(("1er trimestre 2023", 1), (model.PeriodLabel, model.Kpis.Activities.Value));
        Assert.Contains(model.TerritorySections.Single(t => t.Code == "ART").Highlights, h => h.Title == "Atelier sobriété numérique");
    }

    [Fact]
    public async Task The_monthly_schedule_takes_the_previous_month_in_paris_time()
    {
        await _ctx.Get<ScheduledReportJob>().RunMonthlyAsync(CancellationToken.None);

        var snapshot = Assert.Single(await SnapshotsAsync());
        Assert.Equal((ReportKind.Monthly, "2023-03", new DateOnly(2023, 3, 1), new DateOnly(2023, 3, 31)),
            (snapshot.Kind, snapshot.PeriodCode, snapshot.PeriodStart, snapshot.PeriodEnd));
    }

    [Fact]
    public async Task A_report_with_co_funding_builds_under_the_french_culture_of_the_web_host()
    {
        await using (var db = _ctx.CreateDb())
        {
            var operation = await db.Operations.Select(o => o.Id).SingleAsync();
            db.FundingSources.AddRange(
                new FundingSource { OperationId = operation, Name = "Département du Nord", Kind = FundingKind.Departement, Committed = 90_000.5m, Received = 0m },
                new FundingSource { OperationId = operation, Name = "FEDER REACT-EU", Kind = FundingKind.FederReactEu, Committed = 500_000m, Received = 200_000m });
            await db.SaveChangesAsync();
        }
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");
        try
        {
            await _ctx.Get<ScheduledReportJob>().RunQuarterlyAsync(CancellationToken.None);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        var snapshot = Assert.Single(await SnapshotsAsync());
        var model = JsonSerializer.Deserialize<ProgressReportModel>(snapshot.DataJson!, ReportJob.Json)!;
        Assert.Equal(["FEDER REACT-EU", "Département du Nord"], model.Funding.Select(f => f.Name));
    }

    [Fact]
    public async Task A_repeated_request_returns_the_existing_report_and_a_new_version_request_makes_version_2()
    {
        _ctx.ActAs(_lead);
        var reports = _ctx.Get<ReportService>();
        var request = new ReportRequest(ReportKind.QuarterlyCommittee, "2023-Q1");

        var first = await reports.RequestAsync(request);
        await _ctx.Get<ReportJob>().RunAsync(first.Report.Id, CancellationToken.None);
        var again = await reports.RequestAsync(request);
        var second = await reports.RequestAsync(request with { NewVersion = true });
        await _ctx.Get<ReportJob>().RunAsync(second.Report.Id, CancellationToken.None);

        Assert.Equal((true, true), (first.Created, first.NeedsRun));
        Assert.Equal((false, false, first.Report.Id, ReportStatus.Ready), (again.Created, again.NeedsRun, again.Report.Id, again.Report.Status));
        Assert.Equal((true, 2), (second.Created, second.Report.Version));
        var snapshots = await SnapshotsAsync();
        Assert.Equal([1, 2], snapshots.Select(s => s.ReportVersion));
        Assert.All(snapshots, s => Assert.Equal((ReportStatus.Ready, "claire.lead"), (s.Status, s.RequestedBy)));
        Assert.NotEqual(snapshots[0].PdfPath, snapshots[1].PdfPath);
        Assert.All(snapshots, s => Assert.True(File.Exists(PdfOf(s))));
        Assert.Equal("bilan-trimestriel-2023-Q1-federation-v2.pdf", (await reports.GetFileAsync(second.Report.Id)).FileName);
    }

    [Fact]
    public async Task A_failure_records_its_french_reason_and_is_rethrown_for_hangfire_to_retry()
    {
        int id;
        await using (var db = _ctx.CreateDb())
        {
            // Requested for the first quarter of 2024, then the operation's dates were changed: nothing covers it any more.
            var snapshot = new ReportSnapshot
            {
                Kind = ReportKind.QuarterlyCommittee, PeriodCode = "2024-Q1", PeriodStart = new(2024, 1, 1), PeriodEnd = new(2024, 3, 31),
                Scope = "federation", RequestedBy = "claire.lead",
            };
            db.ReportSnapshots.Add(snapshot);
            await db.SaveChangesAsync();
            id = snapshot.Id;
        }
        var changes = new List<ReportChange>();
        _ctx.Get<ChangeNotifier>().ReportChanged += changes.Add;

        await Assert.ThrowsAsync<ValidationFailedException>(() => _ctx.Get<ReportJob>().RunAsync(id, CancellationToken.None));

        var failed = Assert.Single(await SnapshotsAsync());
        Assert.Equal(ReportStatus.Failed, failed.Status);
        Assert.Equal("Aucune opération ne couvre la période 1er trimestre 2024.", failed.Error);
        Assert.Null(failed.PdfPath);
        Assert.Equal([ReportStatus.Running, ReportStatus.Failed], changes.Select(c => c.Status));
        Assert.Equal(ReportJob.StepData, changes[0].Step);
    }

    [Fact]
    public async Task A_pdf_that_cannot_be_written_fails_with_its_reason_and_a_later_run_succeeds()
    {
        _ctx.ActAs(_lead);
        var requested = await _ctx.Get<ReportService>().RequestAsync(new ReportRequest(ReportKind.Monthly, "2023-02", "ART"));
        var reportsDirectory = _ctx.Get<StorageOptions>().ReportsDirectory;
        if (Directory.Exists(reportsDirectory))
        {
            Directory.Delete(reportsDirectory, recursive: true);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(reportsDirectory)!);
        await File.WriteAllTextAsync(reportsDirectory, "un fichier à la place du dossier");
        _ctx.ActAs(CurrentUser.System("test"));

        await Assert.ThrowsAnyAsync<IOException>(() => _ctx.Get<ReportJob>().RunAsync(requested.Report.Id, CancellationToken.None));
        var failed = Assert.Single(await SnapshotsAsync());
        Assert.Equal(ReportStatus.Failed, failed.Status);
        Assert.StartsWith("Le PDF n'a pas pu être écrit dans le dossier des bilans", failed.Error, StringComparison.Ordinal);

        File.Delete(reportsDirectory);
        await _ctx.Get<ReportJob>().RunAsync(requested.Report.Id, CancellationToken.None);
        var ready = Assert.Single(await SnapshotsAsync());
        Assert.Equal((ReportStatus.Ready, null, "ART"), (ready.Status, ready.Error, ready.Scope));
    }

    [Fact]
    public async Task Only_the_project_lead_and_admin_request_and_nothing_is_written_otherwise()
    {
        var reports = _ctx.Get<ReportService>();
        foreach (var role in new[] { Roles.Coordinator, Roles.Committee })
        {
            _ctx.ActAs(await _ctx.AddUserAsync($"{role.ToLowerInvariant()}@test.csc", role, "ART"));
            await Assert.ThrowsAsync<ScopeViolationException>(() => reports.RequestAsync(new ReportRequest(ReportKind.QuarterlyCommittee, "2023-Q1")));
        }
        _ctx.ActAs(CurrentUser.Anonymous);
        await Assert.ThrowsAsync<ScopeViolationException>(() => reports.ListAsync());
        Assert.Empty(await SnapshotsAsync());
    }

    [Theory]
    [InlineData(ReportKind.Monthly, "2023-Q1", null, "PeriodCode", "Un bilan mensuel porte sur un mois (2023-03).")]
    [InlineData(ReportKind.QuarterlyCommittee, "2023", null, "PeriodCode", "Un bilan trimestriel porte sur un trimestre (2023-Q1).")]
    [InlineData(ReportKind.QuarterlyCommittee, "2023-Q3", null, "PeriodCode", "La période 3e trimestre 2023 n'a pas encore commencé.")]
    [InlineData(ReportKind.Territory, "2023", null, "TerritoryCode", "Choisissez le territoire du bilan.")]
    [InlineData(ReportKind.Territory, "2023", "XYZ", "TerritoryCode", "Le territoire « XYZ » n'existe pas.")]
    [InlineData(ReportKind.Monthly, "2020-05", null, "PeriodCode", "Aucune opération ne couvre la période Mai 2020.")]
    public async Task A_bad_request_is_refused_with_a_french_message_next_to_its_field(ReportKind kind, string period, string? territory, string field, string message)
    {
        _ctx.ActAs(_lead);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => _ctx.Get<ReportService>().RequestAsync(new ReportRequest(kind, period, territory)));

        Assert.Equal(message, Assert.Single(error.Errors[field]));
        Assert.Empty(await SnapshotsAsync());
    }

    [Fact]
    public async Task The_committee_lists_every_report_without_the_name_of_who_asked()
    {
        _ctx.ActAs(_lead);
        await _ctx.Get<ReportService>().RequestAsync(new ReportRequest(ReportKind.Territory, "2023", "ART"));
        _ctx.ActAs(CurrentUser.System("test"));
        await _ctx.Get<ScheduledReportJob>().RunQuarterlyAsync(CancellationToken.None);

        _ctx.ActAs(await _ctx.AddUserAsync("comite@test.csc", Roles.Committee));
        var rows = await _ctx.Get<ReportService>().ListAsync();

        Assert.Equal(2, rows.Count);
        Assert.Equivalent(new[] { ReportService.ScheduleName, ReportService.TeamName }, rows.Select(r => r.RequestedBy).ToArray());
        var territory = rows.Single(r => r.Kind == ReportKind.Territory);
        Assert.Equal(("Année 2023", "Artois", ReportStatus.Pending, "ART"), (territory.PeriodName, territory.ScopeLabel, territory.Status, territory.TerritoryCode));
        await Assert.ThrowsAsync<NotFoundException>(() => _ctx.Get<ReportService>().GetFileAsync(territory.Id));
    }

    [Fact]
    public async Task The_committee_finds_one_report_without_the_name_of_who_asked()
    {
        _ctx.ActAs(_lead);
        var requested = await _ctx.Get<ReportService>().RequestAsync(new ReportRequest(ReportKind.Territory, "2023", "ART"));
        Assert.Equal("claire.lead", requested.Report.RequestedBy);

        _ctx.ActAs(await _ctx.AddUserAsync("comite@test.csc", Roles.Committee));
        var found = await _ctx.Get<ReportService>().FindAsync(requested.Report.Id);

        Assert.Equal(ReportService.TeamName, found!.RequestedBy);
    }

    [Fact]
    public async Task The_build_job_refuses_anyone_but_the_system_the_lead_and_the_admin_and_leaves_the_report_pending()
    {
        _ctx.ActAs(_lead);
        var requested = await _ctx.Get<ReportService>().RequestAsync(new ReportRequest(ReportKind.QuarterlyCommittee, "2023-Q1"));

        _ctx.ActAs(await _ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));
        await Assert.ThrowsAsync<ScopeViolationException>(() => _ctx.Get<ReportJob>().RunAsync(requested.Report.Id, CancellationToken.None));

        var snapshot = Assert.Single(await SnapshotsAsync());
        Assert.Equal((ReportStatus.Pending, null), (snapshot.Status, snapshot.PdfPath));
    }

    [Fact]
    public async Task The_audit_log_records_the_size_of_the_frozen_data_not_the_data()
    {
        await _ctx.Get<ScheduledReportJob>().RunQuarterlyAsync(CancellationToken.None);

        await using var db = _ctx.CreateDb();
        var changes = await db.AuditEntries.Where(a => a.Entity == nameof(ReportSnapshot)).Select(a => a.Changes).ToListAsync();
        // The log's JSON escapes accents: "(12345 caract\u00E8res)".
        Assert.Contains(changes, c => Regex.IsMatch(c, @"""DataJson"":\[null,""\(\d+ caract"));
        Assert.DoesNotContain(changes, c => c.Contains("Atelier sobri", StringComparison.Ordinal));
    }
}
