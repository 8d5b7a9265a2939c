using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Network;
using CscDashboard.Tests.Core;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Postgres;

/// <summary>What PostgreSQL does differently with text (docs/decisions/010-postgresql-and-several-instances.md).</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresTextTests
{
    [SkippableFact]
    public async Task Searches_ignore_case_accented_capitals_included()
    {
        await using var ctx = await CoreTestContext.CreateAsync(null, DatabaseProvider.Postgres);
        ctx.ActAs(await ctx.AddUserAsync("lead-text@test.csc", Roles.ProjectLead));
        await ActivityTestData.AddCentreAsync(ctx, "VAL", "Centre social Écluse");
        await ActivityTestData.AddCentreAsync(ctx, "VAL", "Centre social du Marais");

        var centres = await ctx.Get<CentreService>().ListAsync(new CentreFilter(Search: "éCLUSE"), new PageRequest());
        var none = await ctx.Get<CentreService>().ListAsync(new CentreFilter(Search: "écluses"), new PageRequest());

        Assert.Equal(["Centre social Écluse"], centres.Items.Select(c => c.Name));
        Assert.Empty(none.Items);
    }

    [SkippableFact]
    public async Task A_nul_character_is_dropped_instead_of_failing_the_save()
    {
        await using var ctx = await CoreTestContext.CreateAsync(null, DatabaseProvider.Postgres);
        ctx.ActAs(await ctx.AddUserAsync("coord-text@test.csc", Roles.Coordinator, "VAL"));

        // Core refuses a NUL typed in a field (ADR 020); the interceptor still drops one that reaches the database another way.
        var visit = ActivityTestData.Visit(await ctx.TerritoryIdAsync("VAL"));
        await Assert.ThrowsAsync<ValidationFailedException>(() => ctx.Get<ActivityService>().CreateAsync(visit with { Notes = "avant\0après" }));
        var id = await ctx.Get<ActivityService>().CreateAsync(visit);
        await using (var write = ctx.CreateDb())
        {
            var activity = await write.Activities.SingleAsync(a => a.Id == id);
            activity.Notes = "avant\0après";
            await write.SaveChangesAsync();
        }

        await using var db = ctx.CreateDb();
        Assert.Equal("avantaprès", await db.Activities.Where(a => a.Id == id).Select(a => a.Notes).SingleAsync());
    }
}
