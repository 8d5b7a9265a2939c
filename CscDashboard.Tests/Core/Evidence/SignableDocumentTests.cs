using CscDashboard.Core.Common;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Network;
using CscDashboard.Core.Timesheets;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace CscDashboard.Tests.Core.Evidence;

public sealed class SignableDocumentTests
{
    private static string TextOf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    private static async Task<int> AddMemberAsync(CoreTestContext ctx, string territory, string? userId, Assignment assignment = Assignment.Variable)
    {
        await using var db = ctx.CreateDb();
        var member = new NetworkMember
        {
            FirstName = "Nadia", LastName = "Benali", Role = MemberRole.Coordinator, TerritoryId = await ctx.TerritoryIdAsync(territory),
            Assignment = assignment, ActiveFrom = new DateOnly(2021, 9, 1), UserId = userId,
        };
        db.Members.Add(member);
        await db.SaveChangesAsync();
        return member.Id;
    }

    [Fact]
    public async Task The_attendance_sheet_is_pre_filled_with_the_activity_and_has_twenty_numbered_rows()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "VAL"));
        var centre = await CscDashboard.Tests.Core.ActivityTestData.AddCentreAsync(ctx, "VAL", "Centre social Vauban");
        var id = await EvidenceTestData.AddActivityAsync(ctx, await ctx.TerritoryIdAsync("VAL"), "Atelier tablettes seniors", new DateOnly(2023, 3, 14), 90, centre);

        var pdf = await ctx.Get<AttendanceSheetService>().RenderAsync(id);

        var text = TextOf(pdf.Content);
        Assert.Equal($"feuille-emargement_2023-03-14_{id}.pdf", pdf.FileName);
        Assert.Contains("Feuille d'émargement", text);
        Assert.Contains("Atelier tablettes seniors", text);
        Assert.Contains("Mardi 14 mars 2023 à 14:00 (1 h 30)", text);
        Assert.Contains("Centre social Vauban (Commune)", text);
        Assert.Contains("Valenciennois", text);
        Assert.Contains("Nom et prénom Structure Signature", text);
        Assert.Contains(" 20 ", text);
        Assert.Contains("Cofinancé par l'Union européenne — FEDER REACT-EU (Région Hauts-de-France)", text);
        Assert.Contains("Fédération des Centres sociaux du Nord Pas-de-Calais", text);
    }

    [Fact]
    public async Task A_coordinator_of_another_territory_cannot_print_the_sheet()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "VAL"));
        var id = await EvidenceTestData.AddActivityAsync(ctx, await ctx.TerritoryIdAsync("VAL"));
        ctx.ActAs(await ctx.AddUserAsync("coord-lil@test.csc", Roles.Coordinator, "LIL"));

        await Assert.ThrowsAsync<ScopeViolationException>(() => ctx.Get<AttendanceSheetService>().RenderAsync(id));
    }

    [Fact]
    public async Task The_timesheet_lists_the_members_days_activities_manual_lines_and_totals()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var coordinator = await ctx.AddUserAsync("nadia@test.csc", Roles.Coordinator, "DOU");
        var memberId = await AddMemberAsync(ctx, "DOU", coordinator.UserId);
        ctx.ActAs(coordinator);
        var dou = await ctx.TerritoryIdAsync("DOU");
        await EvidenceTestData.AddActivityAsync(ctx, dou, "Réunion des CTN du Douaisis", new DateOnly(2023, 3, 2), 90);
        await EvidenceTestData.AddActivityAsync(ctx, dou, "Comité de pilotage local", new DateOnly(2023, 3, 2), 60);
        await EvidenceTestData.AddActivityAsync(ctx, dou, "Visite du centre Gayant", new DateOnly(2023, 3, 9), 120);
        await EvidenceTestData.AddActivityAsync(ctx, dou, "Hors du mois", new DateOnly(2023, 2, 28), 480);
        await using (var db = ctx.CreateDb())
        {
            db.Timesheets.Add(new Timesheet
            {
                MemberId = memberId, Month = new DateOnly(2023, 3, 1),
                Lines = [new TimesheetLine { Date = new DateOnly(2023, 3, 10), Minutes = 45, Label = "Préparation du bilan" }],
            });
            await db.SaveChangesAsync();
        }

        var pdf = await ctx.Get<TimesheetService>().RenderAsync(memberId, new DateOnly(2023, 3, 20));

        var text = TextOf(pdf.Content);
        Assert.Equal($"feuille-de-temps_2023-03_{memberId}.pdf", pdf.FileName);
        Assert.Contains("Feuille de temps — Mars 2023", text);
        Assert.Contains("Nadia Benali", text);
        Assert.Contains("Jeu. 2 mars 2 h 30 Réunion des CTN du Douaisis", text);
        Assert.Contains("Comité de pilotage local", text);
        Assert.Contains("Jeu. 9 mars 2 h Visite du centre Gayant", text);
        Assert.Contains("Ven. 10 mars 45 min Préparation du bilan", text);
        Assert.DoesNotContain("Hors du mois", text);
        Assert.Contains("Total 5 h 15 3 jours travaillés", text);
        Assert.Contains("Total du mois : 5 h 15 (5,25 heures)", text);
        Assert.Contains("La personne salariée — date et signature", text);
        Assert.Contains("Le/la responsable hiérarchique", text);
        Assert.Contains("Cofinancé par l'Union européenne — FEDER REACT-EU (Région Hauts-de-France)", text);
    }

    [Fact]
    public async Task A_signed_timesheet_scan_creates_the_months_timesheet_with_its_status_and_a_bad_file_writes_nothing()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var memberId = await AddMemberAsync(ctx, "DOU", null);
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "DOU"));
        var service = ctx.Get<TimesheetService>();

        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            service.AttachSignedScanAsync(memberId, new DateOnly(2023, 2, 1), SignatureStatus.Countersigned, "scan.pdf", new MemoryStream(EvidenceTestData.Executable)));
        await using (var db = ctx.CreateDb())
        {
            Assert.Equal(0, await db.Timesheets.CountAsync());
        }
        var saved = await service.AttachSignedScanAsync(memberId, new DateOnly(2023, 2, 14), SignatureStatus.Countersigned, "scan.pdf",
            new MemoryStream(EvidenceTestData.Pdf()));

        await using var check = ctx.CreateDb();
        var timesheet = await check.Timesheets.SingleAsync();
        var row = await check.EvidenceDocuments.SingleAsync(e => e.Id == saved.Id);
        Assert.Equal(new DateOnly(2023, 2, 1), timesheet.Month);
        Assert.Equal(SignatureStatus.Countersigned, timesheet.Status);
        Assert.Equal(EvidenceCategory.Timesheet, row.Category);
        Assert.Equal(timesheet.Id, row.TimesheetId);
        Assert.Equal(memberId, row.MemberId);
        Assert.Equal(new DateOnly(2023, 2, 1), row.PeriodMonth);
        Assert.Equal(await ctx.TerritoryIdAsync("DOU"), row.TerritoryId);
    }
}
