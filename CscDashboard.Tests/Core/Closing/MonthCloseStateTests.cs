using CscDashboard.Core.Closing;
using CscDashboard.Core.Common;
using CscDashboard.Core.Home;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core.Closing;

/// <summary>Issue 18: the state machine of a territory-month (open, submitted, approved, reopened), its history and who may take each step.</summary>
public sealed class MonthCloseStateTests
{
    private static readonly DateOnly February = ClosingWorld.February;

    [Fact]
    public async Task Submit_return_submit_approve_reopen_keeps_every_step_in_the_history_and_the_audit_log()
    {
        await using var w = await ClosingWorld.CreateAsync();
        await w.ActivityAsync(new DateOnly(2023, 2, 8));
        var service = w.Get<MonthCloseService>();

        await w.SubmitAsync(February, "Premier envoi");
        await w.AsAsync(w.Lead, () => service.ReturnAsync(w.Art, February, "Il manque la facture du forum."));
        var returned = await w.MonthAsync(February);
        Assert.Equal(MonthCloseStatus.Open, returned.Status);
        Assert.True(returned.IsReturned);
        Assert.Equal("Il manque la facture du forum.", returned.ReturnComment);

        await w.SubmitAsync(February);
        Assert.Null((await w.MonthAsync(February)).ReturnComment);
        await w.ApproveAsync(February);
        var approved = await w.MonthAsync(February);
        Assert.Equal(MonthCloseStatus.Approved, approved.Status);
        Assert.Equal(ClosingWorld.LeadName, approved.ApprovedBy);

        await w.AsAsync(w.Lead, () => service.ReopenAsync(w.Art, February, "Une activité a été saisie sur le mauvais territoire."));
        var reopened = await w.MonthAsync(February);
        Assert.Equal(MonthCloseStatus.Reopened, reopened.Status);
        Assert.Equal(ClosingWorld.LeadName, reopened.ReopenedBy);
        Assert.Equal("Une activité a été saisie sur le mauvais territoire.", reopened.ReopenReason);
        Assert.Null(reopened.ApprovedBy);
        Assert.True((await w.AsAsync(w.Coordinator, () => w.Get<MonthCloseQueries>().GetMonthAsync(w.Art, February))).CanSubmit);
        Assert.Equal(
            [MonthCloseAction.Submitted, MonthCloseAction.Returned, MonthCloseAction.Submitted, MonthCloseAction.Approved, MonthCloseAction.Reopened],
            reopened.History.Select(h => h.Action));
        Assert.Equal(["camille.coord", ClosingWorld.LeadName, "camille.coord", ClosingWorld.LeadName, ClosingWorld.LeadName], reopened.History.Select(h => h.UserName));
        Assert.Equal("Premier envoi", reopened.History[0].Comment);

        // Returned after a reopening, the month goes back to « rouvert », and may be submitted and approved again.
        await w.SubmitAsync(February);
        await w.AsAsync(w.Lead, () => service.ReturnAsync(w.Art, February, "Encore une correction."));
        Assert.Equal(MonthCloseStatus.Reopened, (await w.MonthAsync(February)).Status);
        await w.SubmitAsync(February);
        await w.ApproveAsync(February);
        Assert.Equal(MonthCloseStatus.Approved, (await w.MonthAsync(February)).Status);

        await using var db = w.Ctx.CreateDb();
        Assert.Equal(9, await db.AuditEntries.CountAsync(a => a.Entity == nameof(MonthCloseEvent) && a.Action == "Insert"));
        Assert.True(await db.AuditEntries.CountAsync(a => a.Entity == nameof(MonthClose)) >= 9);
    }

    [Fact]
    public async Task Impossible_transitions_are_refused_and_write_nothing()
    {
        await using var w = await ClosingWorld.CreateAsync();
        var service = w.Get<MonthCloseService>();
        var before = await w.WritesAsync();

        // Approve, return or reopen a month nobody submitted.
        var approve = await Assert.ThrowsAsync<ValidationFailedException>(() => w.AsAsync(w.Lead, () => service.ApproveAsync(w.Art, February, 0, null)));
        Assert.Contains("n'a pas été soumis", approve.Message);
        await Assert.ThrowsAsync<ValidationFailedException>(() => w.AsAsync(w.Lead, () => service.ReturnAsync(w.Art, February, "Pourquoi pas")));
        await Assert.ThrowsAsync<ValidationFailedException>(() => w.AsAsync(w.Lead, () => service.ReopenAsync(w.Art, February, "Pourquoi pas")));
        // The month under way and a month no operation covers.
        await Assert.ThrowsAsync<ValidationFailedException>(() => w.SubmitAsync(new DateOnly(2023, 3, 1)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => w.SubmitAsync(new DateOnly(2021, 6, 1)));
        Assert.Equal(before, await w.WritesAsync());

        // Submit twice.
        await w.SubmitAsync(February);
        var submitted = await w.WritesAsync();
        var twice = await Assert.ThrowsAsync<ValidationFailedException>(() => w.SubmitAsync(February));
        Assert.Contains("déjà soumis", twice.Message);
        // Reopen a month that is submitted, not approved.
        await Assert.ThrowsAsync<ValidationFailedException>(() => w.AsAsync(w.Lead, () => service.ReopenAsync(w.Art, February, "Trop tôt")));
        Assert.Equal(submitted, await w.WritesAsync());

        // Approve twice; submit an approved month.
        await w.ApproveAsync(February);
        var approved = await w.WritesAsync();
        var version = (await w.MonthAsync(February)).Version;
        await Assert.ThrowsAsync<ValidationFailedException>(() => w.AsAsync(w.Lead, () => service.ApproveAsync(w.Art, February, version, null)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => w.SubmitAsync(February));
        Assert.Equal(approved, await w.WritesAsync());
        Assert.Equal(MonthCloseStatus.Approved, (await w.MonthAsync(February)).Status);
    }

    [Fact]
    public async Task Reopening_needs_a_reason_and_returning_needs_a_comment()
    {
        await using var w = await ClosingWorld.CreateAsync();
        var service = w.Get<MonthCloseService>();
        await w.SubmitAsync(February);
        var noComment = await Assert.ThrowsAsync<ValidationFailedException>(() => w.AsAsync(w.Lead, () => service.ReturnAsync(w.Art, February, "  ")));
        Assert.Contains(MonthClosing.CommentField, noComment.Errors.Keys);
        await w.ApproveAsync(February);
        var before = await w.WritesAsync();

        var noReason = await Assert.ThrowsAsync<ValidationFailedException>(() => w.AsAsync(w.Lead, () => service.ReopenAsync(w.Art, February, null)));
        Assert.Contains("motif", noReason.Errors[MonthClosing.CommentField].Single());
        await Assert.ThrowsAsync<ValidationFailedException>(() => w.AsAsync(w.Lead, () => service.ReopenAsync(w.Art, February, "Motif\u202Eécrit à l'envers")));
        await Assert.ThrowsAsync<ValidationFailedException>(() => w.AsAsync(w.Lead, () => service.ReopenAsync(w.Art, February, new string('x', 1001))));

        Assert.Equal(before, await w.WritesAsync());
        Assert.Equal(MonthCloseStatus.Approved, (await w.MonthAsync(February)).Status);
    }

    [Fact]
    public async Task Only_the_territorys_coordinators_and_the_lead_submit_and_only_the_lead_decides()
    {
        await using var w = await ClosingWorld.CreateAsync();
        var service = w.Get<MonthCloseService>();
        var before = await w.WritesAsync();

        await Assert.ThrowsAsync<ScopeViolationException>(() => w.AsAsync(w.Other, () => service.SubmitAsync(w.Art, February, null)));
        await Assert.ThrowsAsync<ScopeViolationException>(() => w.AsAsync(w.Committee, () => service.SubmitAsync(w.Art, February, null)));
        await Assert.ThrowsAsync<ScopeViolationException>(() => w.AsAsync(CurrentUser.Anonymous, () => service.SubmitAsync(w.Art, February, null)));
        Assert.Equal(before, await w.WritesAsync());

        await w.SubmitAsync(February);
        var submitted = await w.WritesAsync();
        foreach (var user in new[] { w.Coordinator, w.Other, w.Committee })
        {
            await Assert.ThrowsAsync<ScopeViolationException>(() => w.AsAsync(user, () => service.ApproveAsync(w.Art, February, 1, null)));
            await Assert.ThrowsAsync<ScopeViolationException>(() => w.AsAsync(user, () => service.ReturnAsync(w.Art, February, "Non")));
        }
        Assert.Equal(submitted, await w.WritesAsync());
        // The admin has the lead's rights here (everything but accounts is the lead's, and the admin reads and writes everything).
        await w.ApproveAsync(February, w.Admin);
        foreach (var user in new[] { w.Coordinator, w.Other, w.Committee })
        {
            await Assert.ThrowsAsync<ScopeViolationException>(() => w.AsAsync(user, () => service.ReopenAsync(w.Art, February, "Je veux corriger")));
        }
        Assert.Equal(MonthCloseStatus.Approved, (await w.MonthAsync(February)).Status);

        // The month page: the territory's coordinators and the lead; not another territory's coordinator, nor the committee.
        var queries = w.Get<MonthCloseQueries>();
        Assert.True((await w.AsAsync(w.Coordinator, () => queries.GetMonthAsync(w.Art, February))).Status == MonthCloseStatus.Approved);
        await Assert.ThrowsAsync<ScopeViolationException>(() => w.AsAsync(w.Other, () => queries.GetMonthAsync(w.Art, February)));
        await Assert.ThrowsAsync<ScopeViolationException>(() => w.AsAsync(w.Committee, () => queries.GetMonthAsync(w.Art, February)));
    }

    [Fact]
    public async Task The_grid_shows_each_callers_territories_and_the_home_pages_show_returned_and_awaiting_months()
    {
        await using var w = await ClosingWorld.CreateAsync();
        var service = w.Get<MonthCloseService>();
        await w.SubmitAsync(February);
        await w.AsAsync(w.Lead, () => service.ReturnAsync(w.Art, February, "Il manque la facture du forum."));
        await w.CloseAsync(ClosingWorld.January);
        await w.AsAsync(w.Lead, () => service.SubmitAsync(w.Lil, February, "Envoyé par la cheffe de projet"));

        var queries = w.Get<MonthCloseQueries>();
        var mine = await w.AsAsync(w.Coordinator, () => queries.GridAsync(2023));
        var art = Assert.Single(mine.Rows);
        Assert.Equal("ART", art.Code);
        Assert.Equal(MonthCloseStatus.Approved, art.Cells[0].Status);
        Assert.Equal("ouvert, renvoyé", art.Cells[1].Label);
        Assert.False(art.Cells[2].Closable); // March 2023 is under way
        Assert.Empty(mine.Awaiting);
        var all = await w.AsAsync(w.Lead, () => queries.GridAsync(2023));
        Assert.Equal(10, all.Rows.Count);
        Assert.Equal(MonthCloseStatus.Submitted, all.Rows.Single(r => r.Code == "LIL").Cells[1].Status);
        Assert.Equal("LIL", Assert.Single(all.Awaiting).TerritoryCode);
        Assert.Equal([2021, 2022, 2023], all.Years);
        await Assert.ThrowsAsync<ScopeViolationException>(() => w.AsAsync(w.Committee, () => queries.GridAsync(null)));

        var home = w.Get<HomeService>();
        var coordinatorHome = await w.AsAsync(w.Coordinator, () => home.GetActionsAsync());
        var returned = Assert.Single(coordinatorHome.Closing!);
        Assert.Equal("Il manque la facture du forum.", returned.Comment);
        Assert.Equal(ClosingWorld.LeadName, returned.By);
        Assert.Equal("/closing/ART/2023-02", returned.Url);
        Assert.Empty((await w.AsAsync(w.Other, () => home.GetActionsAsync())).Closing!);
        var leadHome = await w.AsAsync(w.Lead, () => home.GetActionsAsync());
        Assert.Equal("Envoyé par la cheffe de projet", Assert.Single(leadHome.Closing!).Comment);
    }

    [Fact]
    public async Task A_submission_lists_the_evidence_still_missing_without_being_blocked_by_it()
    {
        await using var w = await ClosingWorld.CreateAsync();
        // A public action needs an attendance sheet; it has none.
        await w.AsAsync(w.Coordinator, () => w.Get<CscDashboard.Core.Activities.ActivityService>().CreateAsync(w.Visit(new DateOnly(2023, 2, 9), "Atelier tablettes") with
        {
            Type = CscDashboard.Core.Activities.ActivityType.PublicAction,
            Format = CscDashboard.Core.Activities.ActivityFormat.Workshop,
            InhabitantCount = 8,
            DurationMinutes = 11 * 60,
        }));
        var view = await w.MonthAsync(February);
        Assert.Contains(view.Summary.Missing, m => m.ObjectTitle == "Atelier tablettes");
        Assert.Contains(view.Summary.Warnings, m => m.Text.Contains("plus de 10 h", StringComparison.Ordinal));
        Assert.Contains(view.Summary.Warnings, m => m.Text.Contains("sans feuille d'émargement", StringComparison.Ordinal));
        Assert.Equal("camille.coord", Assert.Single(view.Summary.People).Name);
        Assert.Equal("Camille Coordinatrice", Assert.Single(view.Summary.Timesheets).Name);

        await w.SubmitAsync(February);

        var submitted = await w.MonthAsync(February);
        Assert.Equal(MonthCloseStatus.Submitted, submitted.Status);
        Assert.Contains(submitted.History.Single().Missing, line => line.Contains("Atelier tablettes", StringComparison.Ordinal));
    }
}
