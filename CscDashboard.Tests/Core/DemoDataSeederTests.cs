using System.Security.Cryptography;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Closing;
using CscDashboard.Core.Common;
using CscDashboard.Core.Compliance;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Finance;
using CscDashboard.Core.Network;
using CscDashboard.Core.Operations;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core;

/// <summary>One database seeded with the demo data as of 2023-03-15, shared by the read-only tests.</summary>
public sealed class DemoDataFixture : IAsyncLifetime
{
    public static readonly DateOnly Today = new(2023, 3, 15);

    public CoreTestContext Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await CoreTestContext.CreateAsync(Today);
        await Host.SeedDemoAsync();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class DemoDataSeederTests(DemoDataFixture fixture) : IClassFixture<DemoDataFixture>
{
    private static readonly DateOnly Today = DemoDataFixture.Today;

    [Fact]
    public async Task Seeds_the_second_operation_and_the_network_in_the_intended_ranges()
    {
        await using var db = fixture.Host.CreateDb();
        var second = await db.Operations.SingleAsync(o => o.Code == DemoDataSeeder.SecondOperationCode);
        Assert.Equal((new DateOnly(2024, 1, 1), new DateOnly(2027, 12, 31)), (second.StartDate, second.EndDate));
        Assert.True(second.IsDemo);
        Assert.Equal(IndirectCostsOption.FlatRate40, second.IndirectCosts);
        Assert.Equal(Operation.DefaultRetention(second.EndDate), second.RetentionUntil);

        var centres = await db.Centres.AsNoTracking().ToListAsync();
        Assert.InRange(centres.Count, 55, 65);
        Assert.All(centres, c => Assert.Matches("^(59|62)[0-9]{3}$", c.Postcode));
        Assert.Equal(10, centres.Count(c => c.IsHostCentre));
        Assert.Equal(10, centres.Where(c => c.IsHostCentre).Select(c => c.TerritoryId).Distinct().Count());
        Assert.InRange(centres.Count(c => c.Status == CentreStatus.Engaged), 45, 60);
        Assert.InRange(centres.Count(c => c.Status == CentreStatus.Candidate), 1, 8);
        Assert.All(centres.Where(c => c.Status == CentreStatus.Withdrawn), c => Assert.NotNull(c.WithdrawnOn));
        Assert.All(centres.Where(c => c.Status == CentreStatus.Engaged), c => Assert.InRange(c.EngagedOn!.Value.Year, 2021, 2022));

        var members = await db.Members.AsNoTracking().ToListAsync();
        Assert.InRange(members.Count, 180, 230);
        Assert.Equal(members.Count, members.Select(m => m.Email).Distinct().Count());
        Assert.All(members.Where(m => m.Assignment == Assignment.FixedPercent), m => Assert.InRange(m.AssignmentPercent!.Value, 1m, 99m));
        Assert.All(members.Where(m => m.Role is not MemberRole.Volunteer && m.Assignment != Assignment.None),
            m => Assert.InRange(m.AnnualGrossCost!.Value, 30_000m, 48_000m));
        var coordinators = members.Where(m => m.Role == MemberRole.Coordinator).ToList();
        Assert.Equal(10, coordinators.Count);
        Assert.All(coordinators, m =>
        {
            Assert.NotNull(m.UserId);
            Assert.Equal(Assignment.FullTime, m.Assignment);
            Assert.True(centres.Single(c => c.Id == m.CentreId).IsHostCentre);
        });

        var partners = await db.Partners.AsNoTracking().ToListAsync();
        Assert.All(partners.Where(p => p.TerritoryId is not null).GroupBy(p => p.TerritoryId), g => Assert.InRange(g.Count(), 3, 5));
        Assert.InRange(partners.Count(p => p.TerritoryId is null), 5, 8);
        Assert.Contains(partners, p => p.IsCommitteeMember);

        var coanimators = await db.WorkstreamCoordinators.GroupBy(w => w.WorkstreamId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(3, coanimators.Count);
        Assert.All(coanimators, n => Assert.InRange(n, 3, 4));
        Assert.True(await db.WatchItems.AllAsync(w => w.Date <= Today));
        Assert.InRange(await db.Deliverables.CountAsync(), 9, 15);
    }

    [Fact]
    public async Task Activities_cover_the_first_day_to_today_each_in_its_own_operation()
    {
        await using var db = fixture.Host.CreateDb();
        var operations = await db.Operations.AsNoTracking().ToDictionaryAsync(o => o.Id);
        var activities = await db.Activities.AsNoTracking()
            .Select(a => new { a.Date, a.OperationId, a.AuthorId, a.Type }).ToListAsync();

        Assert.Equal(DemoDataSeeder.FirstDay, activities.Min(a => a.Date));
        Assert.True(activities.Max(a => a.Date) <= Today);
        Assert.All(activities, a => Assert.True(operations[a.OperationId].Contains(a.Date), $"{a.Date} outside {operations[a.OperationId].Code}"));
        Assert.Equal(0, await db.Activities.CountAsync(a => a.Date < a.Operation!.StartDate || a.Date > a.Operation.EndDate));

        var weekdays = Days(DemoDataSeeder.FirstDay, Today).Count(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
        var perCoordinatorDay = activities.Count(a => a.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) / (10.0 * weekdays);
        Assert.InRange(perCoordinatorDay, 2.0, 3.5); // 2-4 a working day, minus holidays and leave
        Assert.Equal(10, activities.Select(a => a.AuthorId).Distinct().Count());
        Assert.Equal(Enum.GetValues<ActivityType>().Length, activities.Select(a => a.Type).Distinct().Count());
    }

    [Fact]
    public async Task Activities_are_consistent_with_their_type_territory_and_derived_flags()
    {
        await using var db = fixture.Host.CreateDb();
        var centreTerritories = await db.Centres.ToDictionaryAsync(c => c.Id, c => c.TerritoryId);
        var activities = await db.Activities.AsNoTracking().Include(a => a.Centres).Include(a => a.Workstreams).Include(a => a.Partners)
            .AsSplitQuery().ToListAsync();

        Assert.All(activities.Where(a => a.Type == ActivityType.PublicAction), a =>
        {
            Assert.NotEmpty(a.Centres);
            Assert.True(a.InhabitantCount >= 1);
        });
        Assert.All(activities, a =>
        {
            Assert.InRange(a.DurationMinutes, 30, 180);
            Assert.InRange(a.Centres.Count, 0, 2);
            Assert.InRange(a.Workstreams.Count, 0, 1);
            Assert.InRange(a.Partners.Count, 0, 1);
            Assert.All(a.Centres, c => Assert.Equal(a.TerritoryId, centreTerritories[c.CentreId]));
            Assert.False(a.Place == ActivityPlace.InCentre && a.Centres.Count == 0, a.Title);
            Assert.False(a.Place == ActivityPlace.Remote && a.Format is ActivityFormat.Visit or ActivityFormat.Workshop, a.Title);
            Assert.DoesNotContain("{", a.Title);
            Assert.False(a.Title.Contains(" au centre social") && a.Place != ActivityPlace.InCentre, a.Title);
            var expected = new Activity { AuthorId = "", Title = "", Date = a.Date, StartTime = a.StartTime, DurationMinutes = a.DurationMinutes };
            expected.RefreshDerivedValues();
            Assert.Equal((expected.IsEvening, expected.IsWeekend), (a.IsEvening, a.IsWeekend));
        });
        Assert.All(activities.Where(a => a.Type == ActivityType.Partnership), a => Assert.Single(a.Partners));
        Assert.All(activities.Where(a => a.Type == ActivityType.Workstream), a => Assert.Single(a.Workstreams));
        Assert.Contains(activities, a => a.IsEvening && a.StartTime >= new TimeOnly(18, 0));
        Assert.Contains(activities, a => a.IsWeekend);
        Assert.InRange(activities.Count(a => a.IsHighlight) / (double)activities.Count, 0.015, 0.05);
    }

    [Fact]
    public async Task EF_reads_and_filters_the_bulk_written_values()
    {
        await using var db = fixture.Host.CreateDb();
        var dates = await db.Activities.Select(a => a.Date).ToListAsync();
        var starts = await db.Activities.Select(a => a.StartTime).ToListAsync();
        var costs = await db.Members.Select(m => m.AnnualGrossCost).ToListAsync();

        Assert.Equal(dates.Count(d => d >= new DateOnly(2022, 1, 1)), await db.Activities.CountAsync(a => a.Date >= new DateOnly(2022, 1, 1)));
        Assert.Equal(dates.Count(d => d.Year == 2022 && d.Month == 6), await db.Activities.CountAsync(a => a.Date.Year == 2022 && a.Date.Month == 6));
        Assert.Equal(starts.Count(s => s >= new TimeOnly(18, 0)), await db.Activities.CountAsync(a => a.StartTime >= new TimeOnly(18, 0)));
        Assert.Equal(costs.Count(c => c > 40_000m), await db.Members.CountAsync(m => m.AnnualGrossCost > 40_000m));
        var types = await db.Activities.Select(a => a.Type).ToListAsync();
        Assert.Equal(types.Count(t => t == ActivityType.PublicAction), await db.Activities.CountAsync(a => a.Type == ActivityType.PublicAction));
    }

    [Fact]
    public async Task Finance_covers_both_operations_up_to_today()
    {
        await using var db = fixture.Host.CreateDb();
        var operations = await db.Operations.ToListAsync();
        foreach (var operation in operations)
        {
            var lines = await db.BudgetLines.Where(b => b.OperationId == operation.Id).ToListAsync();
            Assert.Equal(10, lines.Select(l => l.TerritoryId).Distinct().Count());
            Assert.Contains(lines, l => l.Category == CostCategory.Staff && l.Amount > 50_000m);
        }
        var expenses = await db.Expenses.AsNoTracking().ToListAsync();
        Assert.Equal(100, expenses.Count); // ten per territory for the first operation; the second has not started
        Assert.All(expenses, e =>
        {
            Assert.True(e.InvoiceDate <= Today && (e.PaymentDate is null || e.PaymentDate <= Today));
            Assert.Equal(Math.Round(e.AmountExclVat * 0.2m, 2, MidpointRounding.AwayFromZero), e.Vat);
            Assert.InRange(e.EligibleAmount, 0m, e.AmountInclVat);
        });
        var funding = await db.FundingSources.AsNoTracking().ToListAsync();
        Assert.Contains(funding, f => f.Kind == FundingKind.FederReactEu && f.Received > 0 && f.Received < f.Committed);
        Assert.All(funding, f => Assert.True(f.CommittedOn <= Today && (f.LastReceivedOn is null || f.LastReceivedOn <= Today)));
    }

    [Fact]
    public async Task Months_are_approved_up_to_two_months_ago_last_month_has_one_returned_and_one_awaiting_submission()
    {
        await using var db = fixture.Host.CreateDb();
        var closes = await db.MonthCloses.AsNoTracking().Include(m => m.Territory).Include(m => m.Events).ToListAsync();
        var approved = closes.Where(c => c.Status == MonthCloseStatus.Approved).ToList();

        // September 2021 to January 2023: 17 months of each of the ten territories.
        Assert.Equal(170, approved.Count);
        Assert.Equal(new DateOnly(2023, 1, 1), approved.Max(c => c.Month));
        Assert.All(approved, c => Assert.Equal([MonthCloseAction.Submitted, MonthCloseAction.Approved], c.Events.OrderBy(e => e.At).Select(e => e.Action)));
        Assert.All(approved, c => Assert.Equal(DemoDataSeeder.LeadName, c.ApprovedBy));
        var february = closes.Where(c => c.Month == new DateOnly(2023, 2, 1)).OrderBy(c => c.Territory!.Number).ToList();
        Assert.Equal(2, february.Count);
        Assert.Equal(("ART", MonthCloseStatus.Open, DemoClosingGenerator.ReturnComment), (february[0].Territory!.Code, february[0].Status, february[0].ReturnComment));
        Assert.Equal(("VAL", MonthCloseStatus.Submitted), (february[1].Territory!.Code, february[1].Status));
        Assert.All(closes.SelectMany(c => c.Events), e => Assert.True(e.At < new DateTime(2023, 3, 15, 9, 0, 0, DateTimeKind.Utc)));

        // The dashboards say so.
        fixture.Host.ActAs(CurrentUser.System("test"));
        var overview = await fixture.Host.Get<global::CscDashboard.Core.Dashboards.DashboardService>().GetOverviewAsync(Period.Quarter(2023, 1));
        Assert.Equal("Chiffres validés jusqu'à janvier 2023 ; pas encore validés : février 2023.", overview.Validation!.Sentence);
    }

    [Fact]
    public async Task Demo_rows_are_stamped_and_not_audited_one_by_one()
    {
        await using var db = fixture.Host.CreateDb();
        Assert.True(await db.SystemSettings.AnyAsync(s => s.Key == SystemSetting.DemoDataSeededAt));
        Assert.True(await db.Activities.AllAsync(a => a.CreatedBy == DemoDataSeeder.CreatedBy && a.Version == 1));
        Assert.True(await db.Centres.AllAsync(c => c.CreatedBy == DemoDataSeeder.CreatedBy && c.CreatedAt == new DateTime(2023, 3, 15, 10, 0, 0)));
        Assert.InRange(await db.AuditEntries.CountAsync(), 1, 100);
    }

    [Fact]
    public async Task Evidence_covers_most_of_what_is_owed_and_every_coordinator_still_owes_something()
    {
        var host = fixture.Host;
        await using var db = host.CreateDb();
        var operationId = await db.Operations.Where(o => o.Code == ReferenceData.FirstOperationCode).Select(o => o.Id).SingleAsync();

        host.ActAs(await host.AddUserAsync("lead-evidence-demo@test.csc", Roles.ProjectLead));
        var completeness = await host.Get<ComplianceService>().CompletenessAsync(new ComplianceQuery(operationId));
        Assert.Equal(10, completeness.Count);
        Assert.All(completeness, t => Assert.InRange(t.Percent, 75m, 99.9m));

        var store = host.Get<EvidenceStore>();
        var hashes = await db.EvidenceDocuments.Select(d => d.Sha256).Distinct().ToListAsync();
        Assert.Equal(DemoEvidenceGenerator.Categories.Length, hashes.Count);
        Assert.All(hashes, sha => Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(store.PathOf(sha))))));
        Assert.True(await db.EvidenceDocuments.AllAsync(d => d.PeriodMonth != null && d.RetentionUntil == d.Operation!.RetentionUntil));

        // An unreadable scan is withdrawn with its reason and filed again.
        var withdrawn = await db.EvidenceDocuments.Where(d => d.WithdrawnAt != null).ToListAsync();
        Assert.NotEmpty(withdrawn);
        foreach (var piece in withdrawn)
        {
            Assert.False(string.IsNullOrWhiteSpace(piece.WithdrawalReason));
            Assert.True(await db.EvidenceDocuments.AnyAsync(d => d.ActivityId == piece.ActivityId && d.WithdrawnAt == null && d.Id != piece.Id));
        }

        foreach (var territory in completeness)
        {
            host.ActAs(await host.AddUserAsync($"coord-evidence-{territory.Code}@test.csc", Roles.Coordinator, territory.Code));
            var todo = await host.Get<ComplianceService>().MissingAsync(new ComplianceQuery(operationId));
            Assert.Equal(territory.Missing, todo.Count);
            Assert.All(todo, item => Assert.Equal(territory.TerritoryId, item.TerritoryId));
        }
    }

    [Fact]
    public void Public_holidays_follow_Easter()
    {
        Assert.True(DemoWorld.IsPublicHolidayOrClosing(new DateOnly(2024, 4, 1)));   // Easter Monday
        Assert.True(DemoWorld.IsPublicHolidayOrClosing(new DateOnly(2025, 5, 29)));  // Ascension
        Assert.True(DemoWorld.IsPublicHolidayOrClosing(new DateOnly(2025, 6, 9)));   // Whit Monday
        Assert.True(DemoWorld.IsPublicHolidayOrClosing(new DateOnly(2022, 7, 14)));
        Assert.False(DemoWorld.IsPublicHolidayOrClosing(new DateOnly(2025, 4, 22)));
    }

    private static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            yield return d;
        }
    }
}
