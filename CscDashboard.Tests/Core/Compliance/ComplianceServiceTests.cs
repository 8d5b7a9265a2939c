using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Compliance;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Finance;
using CscDashboard.Core.Network;
using CscDashboard.Core.Timesheets;
using CscDashboard.Tests.Core.Evidence;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core.Compliance;

/// <summary>Each completeness rule: the object is listed while its piece is missing and leaves the list once it is uploaded.</summary>
public sealed class ComplianceServiceTests : IAsyncLifetime
{
    private CoreTestContext _ctx = default!;
    private CurrentUser _artCoordinator = default!;
    private CurrentUser _valCoordinator = default!;
    private CurrentUser _lead = default!;
    private int _operationId;
    private int _art;
    private int _val;

    private ComplianceService Service => _ctx.Get<ComplianceService>();
    private ComplianceQuery March => new(_operationId, Period.Month(2023, 3));

    public async Task InitializeAsync()
    {
        _ctx = await CoreTestContext.CreateAsync();
        _art = await _ctx.TerritoryIdAsync("ART");
        _val = await _ctx.TerritoryIdAsync("VAL");
        _artCoordinator = await _ctx.AddUserAsync("coord-art@test.csc", Roles.Coordinator, "ART");
        _valCoordinator = await _ctx.AddUserAsync("coord-val@test.csc", Roles.Coordinator, "VAL");
        _lead = await _ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead);
        await using var db = _ctx.CreateDb();
        _operationId = await db.Operations.Where(o => o.Code == ReferenceData.FirstOperationCode).Select(o => o.Id).SingleAsync();
        _ctx.ActAs(_artCoordinator);
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private Task<EvidenceSaved> UploadAsync(EvidenceCategory category, EvidenceLinks links) =>
        _ctx.Get<EvidenceService>().UploadAsync(new EvidenceUpload("piece.pdf", category, links), new MemoryStream(EvidenceTestData.Pdf(Guid.NewGuid().ToString())));

    private async Task<IReadOnlyList<MissingEvidence>> MissingAsync(ComplianceRule rule) =>
        [.. (await Service.MissingAsync(March)).Where(m => m.Rule == rule)];

    /// <summary>A public action must name a centre: <paramref name="centreId"/> (a candidate centre when not given).</summary>
    private async Task<int> AddActivityAsync(ActivityType type, ActivityFormat format, int inhabitants, string title, int? centreId = null)
    {
        if (type == ActivityType.PublicAction && centreId is null)
        {
            centreId = await AddCentreAsync(CentreStatus.Candidate, _art);
        }
        return await _ctx.Get<ActivityService>().CreateAsync(new ActivityInput
        {
            Date = new DateOnly(2023, 3, 14), StartTime = new TimeOnly(14, 0), DurationMinutes = 120, TerritoryId = _art,
            Type = type, Format = format, Place = ActivityPlace.Elsewhere, Title = title, InhabitantCount = inhabitants,
            CentreIds = centreId is { } id ? [id] : [],
        });
    }

    private async Task<int> AddMemberAsync(Assignment assignment, string? userId = null)
    {
        await using var db = _ctx.CreateDb();
        var member = new NetworkMember
        {
            FirstName = "Camille", LastName = "Martin", Role = MemberRole.Ctn, TerritoryId = _art, Assignment = assignment,
            ActiveFrom = new DateOnly(2021, 9, 1), UserId = userId,
        };
        db.Members.Add(member);
        await db.SaveChangesAsync();
        return member.Id;
    }

    private async Task<int> AddCentreAsync(CentreStatus status, int territoryId)
    {
        await using var db = _ctx.CreateDb();
        var centre = new SocialCentre
        {
            Name = "Centre social Les Tilleuls", Commune = "Arras", Postcode = "62000", TerritoryId = territoryId, Status = status,
            EngagedOn = status == CentreStatus.Engaged ? new DateOnly(2022, 1, 10) : null,
        };
        db.Centres.Add(centre);
        await db.SaveChangesAsync();
        return centre.Id;
    }

    private Task<int> AddExpenseAsync(int territoryId, string number) =>
        _ctx.Get<ExpenseService>().CreateExpenseAsync(new ExpenseInput
        {
            OperationId = _operationId, TerritoryId = territoryId, Supplier = "Imprimerie du Nord", InvoiceNumber = number,
            InvoiceDate = new DateOnly(2023, 3, 6), Category = CostCategory.Communication, AmountExclVat = 100m, Vat = 20m, EligibleAmount = 100m,
        });

    [Fact]
    public async Task An_expense_without_invoice_or_purchase_order_is_listed_until_its_invoice_is_uploaded()
    {
        var expenseId = await AddExpenseAsync(_art, "IMP-1");

        var item = Assert.Single(await MissingAsync(ComplianceRule.ExpenseInvoice));
        Assert.Equal((expenseId, EvidenceCategory.Invoice, "Dépense sans facture ni bon de commande"), (item.ObjectId, item.ToUpload, item.Label));
        Assert.Equal($"/evidence?expense={expenseId}&upload=Invoice", item.UploadUrl);

        await UploadAsync(EvidenceCategory.Other, new EvidenceLinks(ExpenseId: expenseId));
        Assert.Single(await MissingAsync(ComplianceRule.ExpenseInvoice));
        await UploadAsync(EvidenceCategory.PurchaseOrder, new EvidenceLinks(ExpenseId: expenseId));
        Assert.Empty(await MissingAsync(ComplianceRule.ExpenseInvoice));
    }

    [Fact]
    public async Task A_public_or_collective_activity_needs_an_attendance_sheet_and_a_withdrawn_sheet_does_not_count()
    {
        var publicAction = await AddActivityAsync(ActivityType.PublicAction, ActivityFormat.Other, 5, "Permanence numérique");
        var workshop = await AddActivityAsync(ActivityType.NetworkAnimation, ActivityFormat.Workshop, 8, "Atelier des CTN");
        await AddActivityAsync(ActivityType.NetworkAnimation, ActivityFormat.Workshop, 0, "Atelier sans participant renseigné");
        await AddActivityAsync(ActivityType.Coordination, ActivityFormat.Meeting, 6, "Réunion d'équipe");

        var listed = await MissingAsync(ComplianceRule.ActivityAttendanceSheet);
        Assert.Equal(new[] { publicAction, workshop }.Order(), listed.Select(m => m.ObjectId).Order());
        Assert.All(listed, m => Assert.Equal($"/activities/{m.ObjectId}", m.ObjectUrl));

        var sheet = await UploadAsync(EvidenceCategory.AttendanceSheet, new EvidenceLinks(ActivityId: workshop));
        Assert.Equal(publicAction, Assert.Single(await MissingAsync(ComplianceRule.ActivityAttendanceSheet)).ObjectId);

        await _ctx.Get<EvidenceService>().WithdrawAsync(sheet.Id, "Mauvais fichier");
        Assert.Equal(2, (await MissingAsync(ComplianceRule.ActivityAttendanceSheet)).Count);
    }

    [Fact]
    public async Task A_variable_time_members_month_with_logged_hours_needs_a_signed_timesheet()
    {
        var memberId = await AddMemberAsync(Assignment.Variable, _artCoordinator.UserId);
        await AddActivityAsync(ActivityType.Coordination, ActivityFormat.Meeting, 0, "Réunion d'équipe");
        await AddActivityAsync(ActivityType.Coordination, ActivityFormat.Phone, 0, "Appel au centre");

        var item = Assert.Single(await MissingAsync(ComplianceRule.MemberTimesheet));
        Assert.Equal((memberId, new DateOnly(2023, 3, 1), "Camille Martin"), (item.ObjectId, item.Date, item.ObjectTitle));

        await using (var db = _ctx.CreateDb())
        {
            db.Timesheets.Add(new Timesheet { MemberId = memberId, Month = new DateOnly(2023, 3, 1), Status = SignatureStatus.Draft });
            await db.SaveChangesAsync();
        }
        Assert.Single(await MissingAsync(ComplianceRule.MemberTimesheet));

        await using (var db = _ctx.CreateDb())
        {
            await db.Timesheets.Where(t => t.MemberId == memberId).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, SignatureStatus.Countersigned));
        }
        Assert.Empty(await MissingAsync(ComplianceRule.MemberTimesheet));
    }

    [Fact]
    public async Task A_timesheet_scan_for_the_month_also_satisfies_the_variable_time_rule_and_other_months_are_not_asked()
    {
        var memberId = await AddMemberAsync(Assignment.Variable, _artCoordinator.UserId);
        await AddActivityAsync(ActivityType.Coordination, ActivityFormat.Meeting, 0, "Réunion d'équipe");
        Assert.DoesNotContain(await Service.MissingAsync(new ComplianceQuery(_operationId, Period.Month(2023, 2))), m => m.Rule == ComplianceRule.MemberTimesheet);

        await UploadAsync(EvidenceCategory.Timesheet, new EvidenceLinks(MemberId: memberId, PeriodMonth: new DateOnly(2023, 3, 1)));

        Assert.Empty(await MissingAsync(ComplianceRule.MemberTimesheet));
    }

    [Fact]
    public async Task Full_time_and_fixed_percent_members_need_a_mission_letter_and_others_do_not()
    {
        var fullTime = await AddMemberAsync(Assignment.FullTime);
        var fixedPercent = await AddMemberAsync(Assignment.FixedPercent);
        await AddMemberAsync(Assignment.Variable);
        await AddMemberAsync(Assignment.None);

        var items = await MissingAsync(ComplianceRule.MemberMissionLetter);
        Assert.Equal([fullTime, fixedPercent], items.Select(i => i.ObjectId).Order());
        Assert.All(items, i => Assert.Equal(EvidenceCategory.MissionLetter, i.ToUpload));

        await UploadAsync(EvidenceCategory.MissionLetter, new EvidenceLinks(MemberId: fullTime));
        Assert.Equal(fixedPercent, Assert.Single(await MissingAsync(ComplianceRule.MemberMissionLetter)).ObjectId);
        await UploadAsync(EvidenceCategory.MissionLetter, new EvidenceLinks(MemberId: fixedPercent));
        Assert.Empty(await MissingAsync(ComplianceRule.MemberMissionLetter));
    }

    [Fact]
    public async Task An_engaged_centre_needs_a_publicity_proof_and_a_candidate_does_not()
    {
        var engaged = await AddCentreAsync(CentreStatus.Engaged, _art);
        await AddCentreAsync(CentreStatus.Candidate, _art);

        var item = Assert.Single(await MissingAsync(ComplianceRule.CentrePublicityProof));
        Assert.Equal((engaged, $"/network/centres/{engaged}"), (item.ObjectId, item.ObjectUrl));

        await UploadAsync(EvidenceCategory.PublicityProof, new EvidenceLinks(CentreId: engaged));
        Assert.Empty(await MissingAsync(ComplianceRule.CentrePublicityProof));
    }

    [Theory]
    [InlineData(0, 0, 100.0)]
    [InlineData(0, 4, 0.0)]
    [InlineData(2, 3, 66.7)]
    [InlineData(1, 8, 12.5)]
    [InlineData(5, 5, 100.0)]
    public void Completeness_is_satisfied_over_required_to_one_decimal(int satisfied, int required, double expected) =>
        Assert.Equal((decimal)expected, ComplianceRules.Percent(satisfied, required));

    [Fact]
    public async Task Percentages_per_territory_count_required_and_satisfied_pieces_of_every_rule()
    {
        var expense = await AddExpenseAsync(_art, "IMP-1");
        await AddExpenseAsync(_art, "IMP-2");
        var centre = await AddCentreAsync(CentreStatus.Engaged, _art);
        await UploadAsync(EvidenceCategory.Invoice, new EvidenceLinks(ExpenseId: expense));
        await UploadAsync(EvidenceCategory.PublicityProof, new EvidenceLinks(CentreId: centre));
        await AddActivityAsync(ActivityType.PublicAction, ActivityFormat.Workshop, 10, "Atelier parents-enfants", centre);

        _ctx.ActAs(_lead);
        var all = await Service.CompletenessAsync(March);

        var art = all.Single(t => t.TerritoryId == _art);
        Assert.Equal((4, 2, 2, 50.0m), (art.Required, art.Satisfied, art.Missing, art.Percent));
        var val = all.Single(t => t.TerritoryId == _val);
        Assert.Equal((0, 100m), (val.Required, val.Percent));
    }

    [Fact]
    public async Task A_coordinator_sees_only_their_territories_and_the_committee_nothing()
    {
        await AddExpenseAsync(_art, "IMP-1");
        _ctx.ActAs(_valCoordinator);
        await AddExpenseAsync(_val, "IMP-2");

        Assert.All(await Service.MissingAsync(March), m => Assert.Equal(_val, m.TerritoryId));
        Assert.Equal(_val, Assert.Single(await Service.CompletenessAsync(March)).TerritoryId);
        await Assert.ThrowsAsync<ScopeViolationException>(() => Service.MissingAsync(March with { TerritoryId = _art }));

        _ctx.ActAs(await _ctx.AddUserAsync("committee@test.csc", Roles.Committee));
        await Assert.ThrowsAsync<ScopeViolationException>(() => Service.MissingAsync(March));
        await Assert.ThrowsAsync<ScopeViolationException>(() => Service.CompletenessAsync(March));

        _ctx.ActAs(_lead);
        Assert.Equal(new[] { _art, _val }.Order(), (await Service.MissingAsync(March)).Select(m => m.TerritoryId).Order());
    }

    [Fact]
    public async Task The_nightly_job_stores_one_row_per_territory_and_operation_and_is_safe_to_run_twice()
    {
        await AddExpenseAsync(_art, "IMP-1");
        var job = _ctx.Get<ComplianceSnapshotJob>();
        _ctx.ActAs(CurrentUser.System("tâche de fond ComplianceSnapshotJob"));

        await job.RunAsync(CancellationToken.None);
        _ctx.Clock.Advance(TimeSpan.FromDays(1));
        await job.RunAsync(CancellationToken.None);

        _ctx.ActAs(_artCoordinator);
        var (completeness, computedAt) = Assert.Single(await Service.SnapshotAsync(_operationId));
        Assert.Equal((_art, 1, 0, 0m), (completeness.TerritoryId, completeness.Required, completeness.Satisfied, completeness.Percent));
        Assert.Equal(_ctx.Clock.GetUtcNow().UtcDateTime, computedAt);
        await using var db = _ctx.CreateDb();
        var territories = await db.Territories.CountAsync();
        Assert.Equal(territories, await db.ComplianceSnapshots.CountAsync(s => s.OperationId == _operationId));
    }

    [Fact]
    public async Task Only_the_system_the_lead_and_the_admin_refresh_the_snapshot_of_every_territory()
    {
        await Assert.ThrowsAsync<ScopeViolationException>(() => Service.RefreshSnapshotsAsync());
        _ctx.ActAs(await _ctx.AddUserAsync("committee@test.csc", Roles.Committee));
        await Assert.ThrowsAsync<ScopeViolationException>(() => _ctx.Get<ComplianceSnapshotJob>().RunAsync(CancellationToken.None));
        await using (var db = _ctx.CreateDb())
        {
            Assert.Equal(0, await db.ComplianceSnapshots.CountAsync());
        }

        _ctx.ActAs(_lead);
        await Service.RefreshSnapshotsAsync();
        await using var after = _ctx.CreateDb();
        Assert.True(await after.ComplianceSnapshots.AnyAsync());
    }
}
