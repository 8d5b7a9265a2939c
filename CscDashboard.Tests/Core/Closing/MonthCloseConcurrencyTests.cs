using CscDashboard.Core.Activities;
using CscDashboard.Core.Closing;
using CscDashboard.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core.Closing;

/// <summary>
/// Issue 18: an edit saved while the month is being approved either lands before the lock or is refused, never after
/// it silently (ADR 027). On SQLite and PostgreSQL alike: each side runs in its own connection and transaction. Both
/// sides act as the project lead (who may edit ART's activities): the test context has one caller at a time.
/// </summary>
public sealed class MonthCloseConcurrencyTests
{
    private static readonly DateOnly February = ClosingWorld.February;

    [Fact]
    public async Task An_edit_whose_transaction_passed_the_lock_first_makes_the_approval_fail_instead_of_approving_a_month_that_changed()
    {
        await using var w = await ClosingWorld.CreateAsync();
        var id = await w.ActivityAsync(new DateOnly(2023, 2, 8), "Visite avant l'approbation");
        await w.SubmitAsync(February);
        var seen = (await w.MonthAsync(February)).Version;
        w.Ctx.ActAs(w.Lead);

        // The edit's transaction has passed the lock check and written, not committed yet.
        await using var edit = w.Ctx.CreateDb();
        var transaction = await edit.Database.BeginTransactionAsync();
        await MonthLock.EnsureOpenAsync(edit, [MonthKey.Of(w.Art, new DateOnly(2023, 2, 8))], default);
        var activity = await edit.Activities.SingleAsync(a => a.Id == id);
        activity.Title = "Visite corrigée pendant l'approbation";
        await edit.SaveChangesAsync();
        // The approval of what the lead saw starts now: it waits for the edit (SQLite's write lock, PostgreSQL's row lock).
        var approval = Task.Run(() => w.Get<MonthCloseService>().ApproveAsync(w.Art, February, seen, null));
        await transaction.CommitAsync();
        await transaction.DisposeAsync();

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => approval);
        Assert.Equal(MonthCloseService.ChangedMessage, conflict.Message);
        Assert.Equal(MonthCloseStatus.Submitted, (await w.MonthAsync(February)).Status);
        await using var check = w.Ctx.CreateDb();
        Assert.Equal("Visite corrigée pendant l'approbation", await check.Activities.Where(a => a.Id == id).Select(a => a.Title).SingleAsync());

        // Reloaded, the lead approves what is there now.
        await w.ApproveAsync(February);
        Assert.Equal(MonthCloseStatus.Approved, (await w.MonthAsync(February)).Status);
    }

    [Fact]
    public async Task An_edit_after_the_approval_committed_is_refused_and_writes_nothing()
    {
        await using var w = await ClosingWorld.CreateAsync();
        var id = await w.ActivityAsync(new DateOnly(2023, 2, 8), "Visite approuvée");
        var version = await w.VersionOfActivityAsync(id);
        await w.CloseAsync(February);
        var writes = await w.WritesAsync();

        await Assert.ThrowsAsync<ScopeViolationException>(() => w.AsAsync(w.Lead,
            () => w.Get<ActivityService>().UpdateAsync(id, w.Visit(new DateOnly(2023, 2, 8), "Trop tard"), version)));

        Assert.Equal(writes, await w.WritesAsync());
    }

    [Fact]
    public async Task An_edit_racing_an_approval_lands_before_the_lock_or_is_refused_never_both()
    {
        await using var w = await ClosingWorld.CreateAsync();
        var outcomes = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var month = new DateOnly(2022, 1 + i, 1);
            var id = await w.ActivityAsync(month.AddDays(9), "Visite d'origine");
            await w.SubmitAsync(month);
            var seen = (await w.MonthAsync(month)).Version;
            var activityVersion = await w.VersionOfActivityAsync(id);
            w.Ctx.ActAs(w.Lead);

            var edit = Task.Run(() => w.Get<ActivityService>().UpdateAsync(id, w.Visit(month.AddDays(9), "Visite modifiée"), activityVersion));
            var approval = Task.Run(() => w.Get<MonthCloseService>().ApproveAsync(w.Art, month, seen, null));
            var editError = await Caught(edit);
            var approvalError = await Caught(approval);
            w.Ctx.ActAs(ClosingWorld.System);

            await using var db = w.Ctx.CreateDb();
            var title = await db.Activities.Where(a => a.Id == id).Select(a => a.Title).SingleAsync();
            var status = (await w.MonthAsync(month)).Status;
            if (editError is null)
            {
                // Landed before the lock: the approval of the month as it was is refused.
                Assert.IsType<ConcurrencyConflictException>(approvalError);
                Assert.Equal(MonthCloseStatus.Submitted, status);
                Assert.Equal("Visite modifiée", title);
                outcomes.Add("modification d'abord");
            }
            else
            {
                // The approval came first: the edit is refused with the lock's message, and nothing of it was written.
                Assert.Null(approvalError);
                var refused = Assert.IsType<ScopeViolationException>(editError);
                Assert.Contains("est clôturé pour Artois", refused.Message);
                Assert.Equal(MonthCloseStatus.Approved, status);
                Assert.Equal("Visite d'origine", title);
                outcomes.Add("approbation d'abord");
            }
        }
        Assert.Equal(8, outcomes.Count);
    }

    private static async Task<Exception?> Caught(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
