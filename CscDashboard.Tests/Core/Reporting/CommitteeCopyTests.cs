using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Reporting;
using CscDashboard.Core.Reporting.Pdf;
using CscDashboard.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace CscDashboard.Tests.Core.Reporting;

/// <summary>
/// Issue 14 point 7: every report is read by the partner committee, so a highlight is printed by its
/// title; the notes and follow-up a coordinator typed (possibly a person's name) never reach the PDF.
/// </summary>
public sealed class CommitteeCopyTests
{
    [Theory]
    [InlineData(ReportKind.QuarterlyCommittee)]
    [InlineData(ReportKind.Territory)]
    public async Task A_report_prints_the_highlight_title_and_not_its_notes_or_follow_up(ReportKind kind)
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));
        await ctx.Get<ActivityService>().CreateAsync(new ActivityInput
        {
            Date = new DateOnly(2023, 2, 14), DurationMinutes = 90, TerritoryId = art, Type = ActivityType.Coordination,
            Format = ActivityFormat.Workshop, Place = ActivityPlace.Remote, Title = "Atelier Zéphyrin numérique", IsHighlight = true,
            Notes = "Madame Bérénice Quastafolli est venue avec son fils.", FollowUp = "Rappeler Monsieur Oswaldo Trebuchet.",
        });
        ctx.ActAs(CurrentUser.System("job:test"));

        var period = kind == ReportKind.QuarterlyCommittee ? Period.Quarter(2023, 1) : Period.Month(2023, 2);
        var model = await ctx.Get<ProgressReportBuilder>().BuildAsync(kind, period, kind == ReportKind.Territory ? "ART" : null);
        var pdf = new ProgressReportDocument(model).Render(ctx.Get<IDocumentComposerFactory>());
        using var document = PdfDocument.Open(pdf);
        var text = string.Join(" ", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));

        Assert.Contains("Zéphyrin", text);
        Assert.DoesNotContain("Quastafolli", text);
        Assert.DoesNotContain("Trebuchet", text);
    }
}
