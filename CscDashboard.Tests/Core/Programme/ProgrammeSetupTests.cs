using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Finance;
using CscDashboard.Core.Indicators;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Territories;
using CscDashboard.Core.Workstreams;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core.Programme;

/// <summary>The programme's set-up edited in the app (issue 20 points 5 to 7): operations, territories and sectors, workstreams.</summary>
public sealed class ProgrammeSetupTests
{
    [Fact]
    public async Task Operation_dates_that_would_orphan_activities_are_refused_and_nothing_is_written()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var coordinator = await ctx.AddUserAsync("art@test.csc", Roles.Coordinator, "ART");
        ctx.ActAs(coordinator);
        var art = await ctx.TerritoryIdAsync("ART");
        await ctx.Get<ActivityService>().CreateAsync(new ActivityInput
        {
            Date = new DateOnly(2021, 9, 6), DurationMinutes = 60, TerritoryId = art, Type = ActivityType.Coordination, Title = "Lancement",
        });
        ctx.ActAs(await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        var service = ctx.Get<OperationSetupService>();
        var operation = (await service.ListAsync()).Single();

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            service.UpdateAsync(operation.Id, operation.Input with { StartDate = new DateOnly(2021, 10, 1) }));

        Assert.Equal("Ces dates laisseraient hors de l'opération 1 activité (du 06/09/2021 au 06/09/2021) : gardez des dates qui les couvrent. Rien n'a été enregistré.",
            refused.Errors["StartDate"].Single());
        Assert.Equal(new DateOnly(2021, 9, 1), (await service.ListAsync()).Single().Input.StartDate);

        // Growing the period, the rate and the Région are fine, and audited.
        await service.UpdateAsync(operation.Id, operation.Input with { EndDate = new DateOnly(2024, 6, 30), EuFundingPercent = 85m, ManagingAuthority = "Région Hauts-de-France" });
        var saved = (await service.ListAsync()).Single();
        Assert.Equal((new DateOnly(2024, 6, 30), 85m), (saved.Input.EndDate, saved.Input.EuFundingPercent));
        await using var db = ctx.CreateDb();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == nameof(Operation) && a.Action == "Update"));
    }

    [Fact]
    public async Task The_next_phase_copies_the_budget_lines_and_the_indicator_catalogue_and_never_overlaps_the_previous()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        ctx.ActAs(await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        var service = ctx.Get<OperationSetupService>();
        var first = (await service.ListAsync()).Single();
        var art = await ctx.TerritoryIdAsync("ART");
        await ctx.Get<BudgetService>().CreateBudgetLineAsync(new BudgetLineInput { OperationId = first.Id, TerritoryId = art, Category = CostCategory.Travel, Label = "Déplacements ART", Amount = 4_000m });
        await ctx.Get<BudgetService>().CreateBudgetLineAsync(new BudgetLineInput { OperationId = first.Id, Category = CostCategory.Communication, Label = "Supports", Amount = 1_500m });
        var indicators = ctx.Get<IndicatorService>();
        var workshops = await indicators.CreateIndicatorAsync(new IndicatorInput
        {
            OperationId = first.Id, Code = "ATL", Name = "Ateliers numériques", Unit = "ateliers", IsEu = true,
            Source = IndicatorSource.Activities, ActivityType = ActivityType.PublicAction,
        });
        await indicators.SetTargetAsync(new TargetInput { IndicatorId = workshops, TerritoryId = art, Value = 40m });

        var form = OperationSetupService.NextPhaseOf(first.Input) with { Code = "CSC-2024-2027", Name = "Phase 2" };
        Assert.Equal(new DateOnly(2024, 1, 1), form.StartDate);
        var overlapping = await Assert.ThrowsAsync<ValidationFailedException>(() => service.CreateNextPhaseAsync(first.Id, form with { StartDate = new DateOnly(2023, 6, 1) }));
        Assert.Contains("chevauchent l'opération CSC-2021-2023", overlapping.Errors["StartDate"][0]);
        var id = await service.CreateNextPhaseAsync(first.Id, form);

        var phases = await service.ListAsync();
        Assert.Equal(["CSC-2021-2023", "CSC-2024-2027"], phases.Select(p => p.Input.Code));
        Assert.Equal(2, phases.Single(p => p.Id == id).BudgetLines);
        Assert.Equal(OperationStatus.Planned, phases.Single(p => p.Id == id).Input.Status);
        var catalogue = await indicators.GetCatalogueAsync(id);
        var copied = Assert.Single(catalogue.Indicators);
        Assert.Equal(("ATL", "Ateliers numériques", true, ActivityType.PublicAction), (copied.Code, copied.Name, copied.IsEu, copied.ActivityType));
        Assert.NotEqual(workshops, copied.Id);
        Assert.Empty(catalogue.Targets);
        Assert.Single((await indicators.GetCatalogueAsync(first.Id)).Targets);
    }

    [Fact]
    public async Task A_territory_with_data_is_archived_not_deleted_and_workstream_co_animators_are_set_in_core()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var coordinator = await ctx.AddUserAsync("val@test.csc", Roles.Coordinator, "VAL");
        var lead = await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead);
        ctx.ActAs(coordinator);
        await Assert.ThrowsAsync<ScopeViolationException>(() => ctx.Get<TerritorySetupService>().ListAsync());
        ctx.ActAs(lead);
        var setup = ctx.Get<TerritorySetupService>();
        var sector = (await setup.ListAsync()).Sectors[0].Id;
        var typo = await setup.SaveTerritoryAsync(null, new TerritoryInput { Code = "tst", Name = "Territoire d'essai", SectorId = sector });
        Assert.Equal("TST", (await setup.ListAsync()).Territories.Single(t => t.Id == typo).Input.Code);
        await setup.DeleteTerritoryAsync(typo);

        var val = await ctx.TerritoryIdAsync("VAL");
        var refused = await Assert.ThrowsAsync<ScopeViolationException>(() => setup.DeleteTerritoryAsync(val));
        Assert.Contains("Archivez-le", refused.Message);
        await setup.SetTerritoryArchivedAsync(val, true);
        Assert.NotNull((await setup.ListAsync()).Territories.Single(t => t.Id == val).ArchivedAt);
        var duplicate = await Assert.ThrowsAsync<ValidationFailedException>(() => setup.SaveTerritoryAsync(null, new TerritoryInput { Code = "ART", Name = "Doublon", SectorId = sector }));
        Assert.Equal("Un autre territoire porte déjà ce code.", duplicate.Errors["Code"].Single());

        var workstreams = ctx.Get<WorkstreamSetupService>();
        var ws = (await workstreams.ListAsync()).Single(w => w.Number == 2);
        await workstreams.UpdateAsync(ws.Id, ws.Input with { CoAnimatorIds = [coordinator.UserId!] });
        Assert.Equal(["val"], (await workstreams.ListAsync()).Single(w => w.Number == 2).CoAnimatorNames);
        var current = (await workstreams.ListAsync()).Single(w => w.Number == 2).Input;
        var notCoordinator = await Assert.ThrowsAsync<ValidationFailedException>(() => workstreams.UpdateAsync(ws.Id, current with { CoAnimatorIds = [lead.UserId!] }));
        Assert.Contains("coordinateurs", notCoordinator.Errors["CoAnimatorIds"].Single());
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => workstreams.UpdateAsync(ws.Id, ws.Input with { CoAnimatorIds = [] }));
    }
}
