using System.Globalization;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Lookups;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CscDashboard.Tests.Core.ActivityTestData;

namespace CscDashboard.Tests.Core;

/// <summary>
/// Entries saved offline on a phone and synced (issue 22, ADR 032): <see cref="ActivityService.CreateOnceAsync"/> creates each
/// once whatever the number of syncs, with the rules, scope and audit of <see cref="ActivityService.CreateAsync"/>.
/// </summary>
public sealed class OfflineEntryTests
{
    private static async Task<(CoreTestContext Ctx, CurrentUser User, int Territory)> CoordinatorAsync(string email = "coord@test.csc")
    {
        var ctx = await CoreTestContext.CreateAsync();
        var user = await ctx.AddUserAsync(email, Roles.Coordinator, "ART");
        ctx.ActAs(user);
        return (ctx, user, await ctx.TerritoryIdAsync("ART"));
    }

    private static async Task<int> CountAsync(CoreTestContext ctx)
    {
        await using var db = ctx.CreateDb();
        return await db.Activities.CountAsync();
    }

    [Fact]
    public async Task The_first_sync_creates_the_activity_with_its_key_and_a_replay_returns_it_without_writing()
    {
        var (ctx, user, territory) = await CoordinatorAsync();
        await using var _ = ctx;
        var service = ctx.Get<ActivityService>();
        var key = Guid.NewGuid();

        var first = await service.CreateOnceAsync(key, Visit(territory, "Visite hors connexion"));
        await using var db = ctx.CreateDb();
        var auditRows = await db.AuditEntries.CountAsync();
        var again = await service.CreateOnceAsync(key, Visit(territory, "Visite hors connexion"));

        Assert.True(first.Created);
        Assert.Equal(new ActivityReceipt(first.ActivityId, Created: false), again);
        var activity = await db.Activities.SingleAsync();
        Assert.Equal((first.ActivityId, key, user.UserId, "Visite hors connexion"), (activity.Id, activity.IdempotencyKey, activity.AuthorId, activity.Title));
        Assert.Equal(auditRows, await db.AuditEntries.CountAsync()); // the replay wrote nothing, not even to the log
        var insert = await db.AuditEntries.SingleAsync(a => a.Entity == nameof(Activity) && a.Action == "Insert");
        Assert.Equal((first.ActivityId.ToString(CultureInfo.InvariantCulture), user.UserId), (insert.EntityKey, insert.UserId));
        Assert.Contains(key.ToString(), insert.Changes, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_key_is_unique_per_author_so_another_coordinator_with_the_same_key_gets_their_own_activity()
    {
        var (ctx, _, territory) = await CoordinatorAsync();
        await using var __ = ctx;
        var key = Guid.NewGuid();
        var mine = await ctx.Get<ActivityService>().CreateOnceAsync(key, Visit(territory));
        ctx.ActAs(await ctx.AddUserAsync("colleague@test.csc", Roles.Coordinator, "ART"));

        var theirs = await ctx.Get<ActivityService>().CreateOnceAsync(key, Visit(territory));

        Assert.True(theirs.Created);
        Assert.NotEqual(mine.ActivityId, theirs.ActivityId);
        Assert.Equal(2, await CountAsync(ctx));
    }

    [Fact]
    public async Task An_entry_that_breaks_a_rule_gets_the_same_french_messages_as_the_form_and_once_fixed_the_same_key_creates_it()
    {
        var (ctx, _, territory) = await CoordinatorAsync();
        await using var _ = ctx;
        var service = ctx.Get<ActivityService>();
        var key = Guid.NewGuid();
        var bad = Visit(territory) with { Title = " ", DurationMinutes = 721, Type = ActivityType.PublicAction };

        var online = await Assert.ThrowsAsync<ValidationFailedException>(() => service.CreateAsync(bad));
        var offline = await Assert.ThrowsAsync<ValidationFailedException>(() => service.CreateOnceAsync(key, bad));

        Assert.Equal(online.Errors.OrderBy(e => e.Key).Select(e => (e.Key, string.Join("|", e.Value))),
            offline.Errors.OrderBy(e => e.Key).Select(e => (e.Key, string.Join("|", e.Value))));
        Assert.Equal("Le titre est obligatoire.", Assert.Single(offline.Errors[nameof(ActivityInput.Title)]));
        Assert.Equal(0, await CountAsync(ctx));

        var fixedEntry = await service.CreateOnceAsync(key, Visit(territory, "Atelier corrigé"));
        Assert.True(fixedEntry.Created);
        Assert.Equal(1, await CountAsync(ctx));
    }

    [Fact]
    public async Task An_entry_for_a_territory_outside_the_coordinators_scope_is_refused_in_french_and_writes_nothing()
    {
        var (ctx, _, _) = await CoordinatorAsync();
        await using var _ = ctx;
        var lille = await ctx.TerritoryIdAsync("LIL");
        await using var db = ctx.CreateDb();
        var auditRows = await db.AuditEntries.CountAsync();

        var refused = await Assert.ThrowsAsync<ScopeViolationException>(() => ctx.Get<ActivityService>().CreateOnceAsync(Guid.NewGuid(), Visit(lille)));

        Assert.Equal("Vous ne pouvez pas modifier les données d'un territoire qui ne vous est pas attribué.", refused.Message);
        Assert.Equal(0, await CountAsync(ctx));
        Assert.Equal(auditRows, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task An_entry_without_a_key_is_refused()
    {
        var (ctx, _, territory) = await CoordinatorAsync();
        await using var _ = ctx;

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => ctx.Get<ActivityService>().CreateOnceAsync(Guid.Empty, Visit(territory)));

        Assert.Equal(ActivityService.MissingKeyMessage, Assert.Single(refused.Errors["IdempotencyKey"]));
        Assert.Equal(0, await CountAsync(ctx));
    }

    [Fact]
    public async Task A_replay_after_the_activity_was_deleted_does_not_bring_it_back()
    {
        var (ctx, _, territory) = await CoordinatorAsync();
        await using var _ = ctx;
        var service = ctx.Get<ActivityService>();
        var key = Guid.NewGuid();
        var first = await service.CreateOnceAsync(key, Visit(territory));
        await service.DeleteAsync(first.ActivityId, (await ctx.Get<ActivityQueries>().GetAsync(first.ActivityId)).Version);

        var replay = await service.CreateOnceAsync(key, Visit(territory));

        Assert.Equal(new ActivityReceipt(first.ActivityId, Created: false), replay);
        await using var db = ctx.CreateDb();
        Assert.NotNull((await db.Activities.SingleAsync()).DeletedAt);
    }

    [Fact]
    public async Task Two_syncs_of_the_same_entry_at_once_create_one_activity()
    {
        var (ctx, _, territory) = await CoordinatorAsync();
        await using var _ = ctx;
        var service = ctx.Get<ActivityService>();
        var key = Guid.NewGuid();

        var receipts = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => service.CreateOnceAsync(key, Visit(territory)))));

        Assert.Single(receipts, r => r.Created);
        Assert.Single(receipts.Select(r => r.ActivityId).Distinct());
        Assert.Equal(1, await CountAsync(ctx));
    }

    [Fact]
    public async Task The_centres_list_of_the_offline_page_holds_the_active_centres_of_the_callers_territories_only()
    {
        var (ctx, user, _) = await CoordinatorAsync();
        await using var _ = ctx;
        ctx.ActAs(CurrentUser.System("test"));
        var arras = await AddCentreAsync(ctx, "ART", "Centre d'Arras");
        await AddCentreAsync(ctx, "LIL", "Centre de Lille");
        var archived = await AddCentreAsync(ctx, "ART", "Centre fermé");
        await using (var db = ctx.CreateDb())
        {
            (await db.Centres.SingleAsync(c => c.Id == archived)).ArchivedAt = DateTime.UtcNow;
            await db.SaveChangesAsync();
        }
        ctx.ActAs(user);

        var centres = await ctx.Get<LookupService>().EntryCentresAsync();

        Assert.Equal([new EntryCentre(arras, "Centre d'Arras (Commune)", await ctx.TerritoryIdAsync("ART"))], centres);
    }
}
