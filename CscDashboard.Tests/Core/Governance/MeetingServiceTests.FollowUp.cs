using System.Globalization;
using CscDashboard.Core.Common;
using CscDashboard.Core.Governance;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core.Governance;

// What follows a meeting: its decisions and their status, its attendance sheet, the next report.
public sealed partial class MeetingServiceTests
{
    [Fact]
    public async Task Decisions_change_status_by_their_owner_or_the_meeting_s_managers_and_open_ones_past_due_are_overdue()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        var owner = await ctx.AddUserAsync("owner@test.csc", Roles.Coordinator, "VAL");
        var other = await ctx.AddUserAsync("other@test.csc", Roles.Coordinator, "LIL");
        var lead = await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead);
        ctx.ActAs(lead);
        var meeting = await ctx.Get<MeetingService>().CreateAsync(Meeting("Comité partenarial", kind: MeetingKind.PartnerCommittee) with { TerritoryId = null });
        var decisions = ctx.Get<DecisionService>();
        var late = await decisions.AddAsync(meeting, new DecisionInput { Text = "Relancer la CAF", OwnerId = owner.UserId!, DueDate = Today.AddDays(-2) });
        var soon = await decisions.AddAsync(meeting, new DecisionInput { Text = "Préparer le bilan", OwnerId = owner.UserId!, DueDate = Today.AddDays(10) });
        await decisions.AddAsync(meeting, new DecisionInput { Text = "Charte graphique", OwnerId = lead.UserId!, Status = DecisionStatus.Done });
        var empty = await Assert.ThrowsAsync<ValidationFailedException>(() => decisions.AddAsync(meeting, new DecisionInput { Text = "", OwnerId = "personne" }));
        Assert.Equal(["Text", "OwnerId"], empty.Errors.Keys);

        ctx.ActAs(owner);
        var mine = await decisions.MineAsync();
        Assert.Equal([("Relancer la CAF", true), ("Préparer le bilan", false)], mine.Select(d => (d.Text, d.IsOverdue)));
        Assert.All(mine, d => Assert.True(d.CanChangeStatus && !d.CanEdit));
        var version = await decisions.SetStatusAsync(late, DecisionStatus.InProgress, "Courrier envoyé", mine[0].Version);
        await decisions.SetStatusAsync(late, DecisionStatus.Done, "Convention signée", version);
        // The owner changes the status, not the decision itself.
        await Assert.ThrowsAsync<ScopeViolationException>(() => decisions.UpdateAsync(soon, new DecisionInput { Text = "Autre", OwnerId = owner.UserId!, Version = mine[1].Version }));

        ctx.ActAs(other);
        await Assert.ThrowsAsync<ScopeViolationException>(() => decisions.SetStatusAsync(soon, DecisionStatus.Abandoned, null, mine[1].Version));
        Assert.Empty(await decisions.MineAsync());

        ctx.ActAs(lead);
        var open = await decisions.OpenAsync();
        Assert.Equal(["Préparer le bilan"], open.Select(d => d.Text));
        await using var db = ctx.CreateDb();
        var done = await db.Decisions.SingleAsync(d => d.Id == late);
        Assert.Equal((DecisionStatus.Done, Today, "Convention signée"), (done.Status, done.ClosedOn, done.FollowUp));
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.Entity == nameof(Decision) && a.EntityKey == late.ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task The_attendance_sheet_is_pre_filled_with_the_attendees()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        var coordinator = await ctx.AddUserAsync("awa.artois@test.csc", Roles.Coordinator, "ART");
        ctx.ActAs(coordinator);
        var id = await ctx.Get<MeetingService>().CreateAsync(Meeting("Assemblée territoriale de printemps", art, accounts: [coordinator.UserId!]));

        var pdf = await ctx.Get<MeetingQueries>().RenderAttendanceSheetAsync(id);

        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf.Content);
        var text = string.Join("\n", document.GetPages().Select(p => p.Text));
        Assert.Contains("Feuille d'émargement", text);
        Assert.Contains("Assemblée territoriale de printemps", text);
        Assert.Contains("awa.artois", text);
        Assert.Contains("Cofinancé par l'Union européenne", text);
        Assert.StartsWith("feuille-emargement_reunion_2023-03-14_", pdf.FileName);
    }

    [Fact]
    public async Task The_next_report_follows_the_decisions_without_naming_their_owners()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var owner = await ctx.AddUserAsync("valerie.valenciennes@test.csc", Roles.Coordinator, "VAL");
        var lead = await ctx.AddUserAsync("lea.cheffe@test.csc", Roles.ProjectLead);
        ctx.ActAs(lead);
        var meeting = await ctx.Get<MeetingService>().CreateAsync(Meeting("Comité partenarial de mars", kind: MeetingKind.PartnerCommittee, date: new DateOnly(2023, 3, 2)));
        var decisions = ctx.Get<DecisionService>();
        var done = await decisions.AddAsync(meeting, new DecisionInput { Text = "Relancer la CAF", OwnerId = owner.UserId!, DueDate = new DateOnly(2023, 3, 10) });
        await decisions.AddAsync(meeting, new DecisionInput { Text = "Préparer la charte", OwnerId = lead.UserId!, DueDate = new DateOnly(2023, 3, 1) });
        ctx.ActAs(owner);
        await decisions.SetStatusAsync(done, DecisionStatus.Done, "Convention signée", 1);
        ctx.ActAs(lead);

        var model = await ctx.Get<CscDashboard.Core.Reporting.ProgressReportBuilder>().BuildAsync(
            CscDashboard.Core.Reporting.ReportKind.Monthly, Period.Month(2023, 3), null);

        Assert.Equal([("Relancer la CAF", "Coordination VAL", "Fait", false), ("Préparer la charte", "Équipe fédérale", "À faire", true)],
            model.Decisions!.Select(d => (d.Text, d.Owner, d.Status, d.Overdue)));
        var pdf = new CscDashboard.Core.Reporting.ProgressReportDocument(model).Render(ctx.Get<CscDashboard.Core.Reporting.Pdf.IDocumentComposerFactory>());
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var text = string.Join("\n", document.GetPages().Select(p => p.Text));
        Assert.Contains("Suivi des décisions", text);
        Assert.Contains("Relancer la CAF", text);
        Assert.DoesNotContain("valerie", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("lea.cheffe", text, StringComparison.OrdinalIgnoreCase);
    }
}
