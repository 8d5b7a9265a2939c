using CscDashboard.Core.Common;
using CscDashboard.Core.Workstreams;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CscDashboard.Tests.Core.Workstreams.WorkstreamTestData;

namespace CscDashboard.Tests.Core.Workstreams;

public sealed class DeliverableTests
{
    [Fact]
    public async Task Only_co_animators_and_the_project_lead_manage_deliverables()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var ws1 = await WorkstreamIdAsync(ctx, 1);
        var ws2 = await WorkstreamIdAsync(ctx, 2);
        var coAnimator = await ctx.AddUserAsync("co@test.csc", Roles.Coordinator, "ART");
        var other = await ctx.AddUserAsync("other@test.csc", Roles.Coordinator, "VAL");
        var committee = await ctx.AddUserAsync("committee@test.csc", Roles.Committee);
        var lead = await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead);
        await AddCoAnimatorAsync(ctx, ws1, coAnimator.UserId!);
        await AddCoAnimatorAsync(ctx, ws2, other.UserId!);
        var service = ctx.Get<DeliverableService>();

        ctx.ActAs(coAnimator);
        Assert.True((await service.ListAsync(ws1)).CanManage);
        Assert.False((await service.ListAsync(ws2)).CanManage);
        var id = await service.CreateAsync(ws1, Deliverable());
        var version = await service.UpdateAsync(id, Deliverable(status: DeliverableStatus.InProgress) with { Version = 1 });

        // A coordinator who co-animates another workstream is refused, whatever the territory.
        ctx.ActAs(other);
        Assert.False((await service.ListAsync(ws1)).CanManage);
        var refused = await Assert.ThrowsAsync<ScopeViolationException>(() => service.CreateAsync(ws1, Deliverable("Livrable d'un autre")));
        Assert.Equal("Seuls les coordinateurs qui co-animent ce chantier et la cheffe de projet peuvent modifier ses livrables.", refused.Message);
        await Assert.ThrowsAsync<ScopeViolationException>(() => service.UpdateAsync(id, Deliverable("Piraté") with { Version = version }));
        await Assert.ThrowsAsync<ScopeViolationException>(() => service.DeleteAsync(id, version));

        ctx.ActAs(committee);
        await Assert.ThrowsAsync<ScopeViolationException>(() => service.CreateAsync(ws1, Deliverable("Livrable du comité")));
        await Assert.ThrowsAsync<ScopeViolationException>(() => service.DeleteAsync(id, version));

        ctx.ActAs(lead);
        Assert.True((await service.ListAsync(ws1)).CanManage);
        var leadId = await service.CreateAsync(ws1, Deliverable("Bilan du chantier", Today.AddYears(1)));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => service.UpdateAsync(id, Deliverable("Version périmée") with { Version = 1 }));
        await service.DeleteAsync(id, version);

        await using var db = ctx.CreateDb();
        var left = await db.Deliverables.SingleAsync();
        Assert.Equal((leadId, "Bilan du chantier", ws1), (left.Id, left.Title, left.WorkstreamId));
    }

    [Fact]
    public async Task A_deliverable_past_its_due_date_and_not_delivered_or_cancelled_is_late()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var ws = await WorkstreamIdAsync(ctx, 3);
        ctx.ActAs(await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        var service = ctx.Get<DeliverableService>();
        await service.CreateAsync(ws, Deliverable("Prévu hier", Today.AddDays(-1)));
        await service.CreateAsync(ws, Deliverable("En cours, dû le mois dernier", Today.AddMonths(-1), DeliverableStatus.InProgress));
        await service.CreateAsync(ws, Deliverable("Livré en retard", Today.AddMonths(-2), DeliverableStatus.Delivered));
        await service.CreateAsync(ws, Deliverable("Abandonné", Today.AddMonths(-3), DeliverableStatus.Cancelled));
        await service.CreateAsync(ws, Deliverable("Dû aujourd'hui", Today));
        await service.CreateAsync(ws, Deliverable("Dû l'an prochain", Today.AddYears(1), DeliverableStatus.InProgress));

        var list = await service.ListAsync(ws);

        // Ordered by due date.
        Assert.Equal(
            [("Abandonné", false), ("Livré en retard", false), ("En cours, dû le mois dernier", true), ("Prévu hier", true), ("Dû aujourd'hui", false), ("Dû l'an prochain", false)],
            list.Items.Select(d => (d.Title, d.IsLate)));
        Assert.Equal(["Annulé", "Livré", "En cours", "Prévu"], list.Items.Take(4).Select(d => WorkstreamLabels.Of(d.Status)));

        // A day later, what was due today is late too.
        ctx.Clock.Advance(TimeSpan.FromDays(1));
        Assert.True((await service.ListAsync(ws)).Items.Single(d => d.Title == "Dû aujourd'hui").IsLate);
    }

    [Fact]
    public async Task Bad_input_gets_french_messages_and_nothing_is_written()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var ws = await WorkstreamIdAsync(ctx, 1);
        ctx.ActAs(await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => ctx.Get<DeliverableService>()
            .CreateAsync(ws, new DeliverableInput { Title = "", DueDate = null, Status = (DeliverableStatus)42 }));

        Assert.Equal(["Le titre du livrable est obligatoire."], failure.Errors[nameof(DeliverableInput.Title)]);
        Assert.Equal(["L'échéance est obligatoire."], failure.Errors[nameof(DeliverableInput.DueDate)]);
        Assert.Equal(["Ce statut n'existe pas."], failure.Errors[nameof(DeliverableInput.Status)]);
        await using var db = ctx.CreateDb();
        Assert.Equal(0, await db.Deliverables.CountAsync());
    }
}
