using System.Text.Json;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Compliance;
using CscDashboard.Core.Finance;
using CscDashboard.Core.Network;
using CscDashboard.Core.Reporting;
using CscDashboard.Core.Workstreams;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core;

public sealed class ProgressReportBuilderTests : IAsyncLifetime
{
    private CoreTestContext _ctx = default!;

    public async Task InitializeAsync()
    {
        _ctx = await CoreTestContext.CreateAsync();
        var art = await _ctx.TerritoryIdAsync("ART");
        int centre, partner, workstream, operation;
        await using (var db = _ctx.CreateDb())
        {
            var c = new SocialCentre { Name = "Centre social Vauban", Commune = "Béthune", Postcode = "62400", TerritoryId = art, Status = CentreStatus.Engaged, EngagedOn = new(2022, 1, 1) };
            var p = new Partner { Name = "CAF du Pas-de-Calais", Kind = PartnerKind.Caf, IsCommitteeMember = true };
            db.AddRange(c, p);
            workstream = await db.Workstreams.Where(w => w.Number == 2).Select(w => w.Id).SingleAsync();
            operation = await db.Operations.Select(o => o.Id).SingleAsync();
            db.Deliverables.Add(new Deliverable { WorkstreamId = workstream, Title = "Guide parentalité numérique", DueDate = new(2023, 5, 15), Status = DeliverableStatus.InProgress });
            db.FundingSources.Add(new FundingSource { OperationId = operation, Name = "FEDER REACT-EU", Kind = FundingKind.FederReactEu, Committed = 500_000m, Received = 200_000m });
            await db.SaveChangesAsync();
            (centre, partner) = (c.Id, p.Id);
        }
        _ctx.ActAs(await _ctx.AddUserAsync("julie.coord@test.csc", Roles.Coordinator, "ART"));
        var service = _ctx.Get<ActivityService>();
        await service.CreateAsync(new ActivityInput
        {
            Date = new(2023, 2, 14), DurationMinutes = 120, TerritoryId = art, Type = ActivityType.PublicAction, Format = ActivityFormat.Workshop,
            Place = ActivityPlace.InCentre, Title = "Atelier parents-enfants sur les écrans", InhabitantCount = 14, CentreIds = [centre],
            WorkstreamIds = [workstream], PartnerIds = [partner], IsHighlight = true, FollowUp = "Reconduire l'atelier au printemps.",
        });
        await service.CreateAsync(new ActivityInput
        {
            Date = new(2023, 1, 20), DurationMinutes = 60, TerritoryId = art, Type = ActivityType.Coordination, Format = ActivityFormat.Meeting,
            Place = ActivityPlace.Remote, Title = "Point d'étape",
        });
        _ctx.ActAs(CurrentUser.System("job:test"));
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task The_quarterly_report_holds_the_dashboard_figures_highlights_workstreams_partners_funding_and_next_steps()
    {
        var report = await _ctx.Get<ProgressReportBuilder>().BuildAsync(ReportKind.QuarterlyCommittee, Period.Quarter(2023, 1), null);

        Assert.Equal("CSC-2021-2023", report.OperationCode);
        Assert.Equal("1er trimestre 2023", report.PeriodLabel);
        Assert.Equal("Toute la fédération", report.ScopeLabel);
        Assert.Equal(2, report.Kpis.Activities.Value);
        Assert.Equal(14, report.Kpis.Inhabitants.Value);
        Assert.Equal(10, report.Territories.Count);
        Assert.Equal(10, report.TerritorySections.Count);
        var artois = report.TerritorySections.Single(s => s.Code == "ART");
        var highlight = Assert.Single(artois.Highlights);
        Assert.Equal(("Atelier parents-enfants sur les écrans", "Action grand public", "Centre social Vauban"), (highlight.Title, highlight.Type, highlight.Centres));
        var parenting = report.WorkstreamSections.Single(w => w.Number == 2);
        Assert.Equal((1, 2.0, 14), (parenting.Sessions, parenting.Hours, parenting.Inhabitants));
        Assert.Equal("Artois", Assert.Single(parenting.PerTerritory).Territory);
        Assert.Equal("En cours", Assert.Single(parenting.Deliverables).Status);
        var caf = Assert.Single(report.Partners);
        Assert.Equal((1, true), (caf.Activities, caf.CommitteeMember));
        Assert.Equal(500_000m, Assert.Single(report.Funding).Committed);
        Assert.DoesNotContain(report.NextSteps, s => s.Contains("Reconduire", StringComparison.Ordinal)); // free text stays out (ADR 020)
        Assert.Contains(report.NextSteps, s => s.Contains("Guide parentalité numérique", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_evidence_section_holds_the_compliance_figures_of_each_territory_and_is_left_out_when_nothing_was_owed()
    {
        var builder = _ctx.Get<ProgressReportBuilder>();
        var quarter = Period.Quarter(2023, 1);

        var lines = (await builder.BuildAsync(ReportKind.QuarterlyCommittee, quarter, null)).Evidence!;

        Assert.Equal(10, lines.Count);
        var artois = lines.Single(l => l.Territory == "Artois");
        // The February workshop owes its attendance sheet and the engaged centre its publicity proof; nothing is filed.
        Assert.Equal(new EvidenceLine("Artois", 2, 0, 2, 0), artois);
        Assert.All(lines.Where(l => l != artois), l => Assert.Equal(0, l.RequiredToDate));
        // The same figures as the compliance page, over the quarter and since the operation began.
        _ctx.ActAs(await _ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        await using (var db = _ctx.CreateDb())
        {
            var operation = await db.Operations.SingleAsync();
            var compliance = _ctx.Get<ComplianceService>();
            var inQuarter = (await compliance.CompletenessAsync(new ComplianceQuery(operation.Id, quarter))).Single(c => c.Code == "ART");
            var toDate = (await compliance.CompletenessAsync(new ComplianceQuery(operation.Id, Period.Custom(operation.StartDate, quarter.To)))).Single(c => c.Code == "ART");
            Assert.Equal((inQuarter.Required, inQuarter.Satisfied, toDate.Required, toDate.Satisfied),
                (artois.Required, artois.Satisfied, artois.RequiredToDate, artois.SatisfiedToDate));
        }

        // Before the centre was engaged and the workshop held, nothing was owed anywhere: no section.
        Assert.Null((await builder.BuildAsync(ReportKind.Monthly, Period.Month(2021, 10), null)).Evidence);
    }

    [Fact]
    public async Task The_frozen_json_round_trips_and_names_nobody()
    {
        var report = await _ctx.Get<ProgressReportBuilder>().BuildAsync(ReportKind.Monthly, Period.Month(2023, 2), null);

        var json = JsonSerializer.Serialize(report);
        var back = JsonSerializer.Deserialize<ProgressReportModel>(json)!;

        Assert.DoesNotContain("julie", json, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(report.Kpis, back.Kpis);
        Assert.Equal("Artois", back.WorkstreamSections.Single(w => w.Number == 2).PerTerritory.Single().Territory);
        Assert.Equal(report.TerritorySections.Single(s => s.Code == "ART").Highlights, back.TerritorySections.Single(s => s.Code == "ART").Highlights);
    }

    [Fact]
    public async Task A_territory_report_has_one_section_and_the_territory_figures()
    {
        var report = await _ctx.Get<ProgressReportBuilder>().BuildAsync(ReportKind.Territory, Period.Quarter(2023, 1), "ART");

        Assert.Equal("Bilan du territoire Artois", report.Title);
        Assert.Equal("ART", Assert.Single(report.TerritorySections).Code);
        Assert.Equal(2, report.Kpis.Activities.Value);
        Assert.Empty(report.Sectors);
    }

    [Fact]
    public async Task The_whole_federation_costs_the_queries_of_one_territory_one_batch_per_section()
    {
        var builder = _ctx.Get<ProgressReportBuilder>();
        using var counter = _ctx.CountCommands();
        await builder.BuildAsync(ReportKind.Territory, Period.Quarter(2023, 1), "ART");
        var one = counter.Count;
        counter.Reset();

        var report = await builder.BuildAsync(ReportKind.QuarterlyCommittee, Period.Quarter(2023, 1), null);

        Assert.Equal(10, report.TerritorySections.Count);
        // Ten territories, and not one query more than for one (which looks its territory up by code).
        Assert.True(counter.Count <= one, $"fédération {counter.Count} requêtes, un territoire {one} :\n" + string.Join("\n---\n", counter.Statements));
        Assert.Equal("Centre social Vauban", Assert.Single(report.TerritorySections.Single(s => s.Code == "ART").Centres).Name);
    }

    [Fact]
    public async Task An_unknown_territory_or_a_period_without_operation_is_refused()
    {
        var builder = _ctx.Get<ProgressReportBuilder>();

        await Assert.ThrowsAsync<NotFoundException>(() => builder.BuildAsync(ReportKind.Territory, Period.Quarter(2023, 1), "XYZ"));
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => builder.BuildAsync(ReportKind.Monthly, Period.Month(2019, 5), null));
        Assert.Contains("Aucune opération", refused.Errors["Period"].Single());
    }
}
