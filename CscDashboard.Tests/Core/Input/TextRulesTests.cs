using System.Text;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Finance;
using CscDashboard.Core.Network;
using CscDashboard.Core.Network.Import;
using CscDashboard.Core.Workstreams;
using CscDashboard.Tests.Core.Evidence;
using CscDashboard.Tests.Core.Network;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core.Input;

/// <summary>Issue 14 points 8 and 9 (ADR 020): limits and text hygiene, in the helper and at every entry point.</summary>
public sealed class TextRulesTests
{
    private const string RightToLeftOverride = "\u202E";

    [Theory]
    [InlineData("Atelier numérique", null)]
    [InlineData("Atelier\u0000", "U+0000")]
    [InlineData("facture\u202Efdp.exe", "U+202E")]
    [InlineData("a\u2066b", "U+2066")]
    [InlineData("ligne 1\nligne 2", "U+000A")]
    [InlineData("escape\u001B[31m", "U+001B")]
    public void A_single_line_text_refuses_control_and_bidirectional_characters(string value, string? code)
    {
        var problem = TextRules.Problem(value, "Titre", 200);

        if (code is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Equal($"« Titre » contient un caractère invisible ou de contrôle ({code}) : retirez-le. Rien n'a été enregistré.", problem);
        }
    }

    [Fact]
    public void A_multi_line_text_keeps_tab_and_line_breaks_and_refuses_the_rest()
    {
        Assert.Null(TextRules.Problem("ligne 1\r\n\tligne 2", "Notes", 4000, TextKind.MultiLine));
        Assert.Contains("U+0000", TextRules.Problem("ligne\u0000", "Notes", 4000, TextKind.MultiLine));
        Assert.Contains("U+202E", TextRules.Problem("ligne" + RightToLeftOverride, "Notes", 4000, TextKind.MultiLine));
    }

    [Fact]
    public void A_text_too_long_gets_a_message_naming_the_field_and_the_limit()
    {
        Assert.Equal("« Notes » ne doit pas dépasser 4\u202F000 caractères (12\u202F000 saisis). Rien n'a été enregistré.",
            TextRules.Problem(new string('a', 12_000), "Notes", TextLimits.ActivityNotes, TextKind.MultiLine));
        Assert.Null(TextRules.Problem(new string('a', 4000), "Notes", TextLimits.ActivityNotes, TextKind.MultiLine));
    }

    [Fact]
    public void Stripping_removes_only_the_invisible_controls()
    {
        Assert.Equal("facturefdp.exe", TextRules.StripInvisible("fac\u0000ture\u202Efdp.exe\u2069"));
        Assert.Equal("Été 2023 — bilan.pdf", TextRules.StripInvisible("Été 2023 — bilan.pdf"));
    }

    [Theory]
    [InlineData("Notes", 12_000, "Notes")]
    [InlineData("Notes", 30_000, "Notes")]
    [InlineData("FollowUp", 2_001, "Suites à donner")]
    [InlineData("Title", 0, "Titre")]
    public async Task An_activity_too_long_or_with_a_control_character_is_refused_and_nothing_is_written(string field, int length, string label)
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));
        var input = new ActivityInput
        {
            Date = new DateOnly(2023, 2, 1), DurationMinutes = 60, TerritoryId = art, Type = ActivityType.Coordination,
            Format = ActivityFormat.Meeting, Place = ActivityPlace.Remote, Title = "Réunion",
        };
        input = field switch
        {
            "Notes" => input with { Notes = new string('n', length) },
            "FollowUp" => input with { FollowUp = new string('s', length) },
            _ => input with { Title = "Réunion" + RightToLeftOverride + "noinuér" },
        };

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => ctx.Get<ActivityService>().CreateAsync(input));

        Assert.Contains($"« {label} »", Assert.Single(failure.Errors[field]));
        await using var db = ctx.CreateDb();
        Assert.Equal(0, await db.Activities.CountAsync());
    }

    [Fact]
    public async Task Network_records_refuse_overrides_and_over_long_fields_and_write_nothing()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        ctx.ActAs(await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));

        var centre = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            ctx.Get<CentreService>().CreateAsync(NetworkTestData.Centre(art, name: "Centre " + RightToLeftOverride + "laicos")));
        Assert.Contains("« Nom » contient un caractère invisible", Assert.Single(centre.Errors[nameof(CentreInput.Name)]));
        var member = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            ctx.Get<MemberService>().CreateAsync(NetworkTestData.Member(art) with { Phone = new string('0', 31) }));
        Assert.Contains("« Téléphone » ne doit pas dépasser 30 caractères", Assert.Single(member.Errors[nameof(MemberInput.Phone)]));
        var partner = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            ctx.Get<PartnerService>().CreateAsync(NetworkTestData.Partner(art) with { ContactName = "Jeanne\u0000Martin" }));
        Assert.Contains("U+0000", Assert.Single(partner.Errors[nameof(PartnerInput.ContactName)]));

        await using var db = ctx.CreateDb();
        Assert.Equal((0, 0, 0), (await db.Centres.CountAsync(), await db.Members.CountAsync(), await db.Partners.CountAsync()));
    }

    [Fact]
    public async Task Finance_workstream_and_account_writes_apply_the_same_rules()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        ctx.ActAs(await ctx.AddUserAsync("admin@test.csc", Roles.Admin));
        int operation;
        await using (var db = ctx.CreateDb())
        {
            operation = await db.Operations.Select(o => o.Id).FirstAsync();
        }

        var expense = await Assert.ThrowsAsync<ValidationFailedException>(() => ctx.Get<ExpenseService>().CreateExpenseAsync(
            new ExpenseInput
            {
                OperationId = operation, TerritoryId = art, Supplier = "Fournisseur" + RightToLeftOverride, InvoiceNumber = "F-1",
                Category = CostCategory.Equipment, InvoiceDate = new DateOnly(2023, 2, 1), AmountExclVat = 10, EligibleAmount = 10,
            }));
        Assert.Contains("« Fournisseur » contient", Assert.Single(expense.Errors[nameof(ExpenseInput.Supplier)]));
        var line = await Assert.ThrowsAsync<ValidationFailedException>(() => ctx.Get<BudgetService>().CreateBudgetLineAsync(
            new BudgetLineInput { OperationId = operation, Label = new string('l', 201), Category = CostCategory.Equipment, Amount = 1 }));
        Assert.Contains("« Intitulé » ne doit pas dépasser 200 caractères", Assert.Single(line.Errors[nameof(BudgetLineInput.Label)]));
        var workstream = await ctx.Get<WorkstreamService>().GetSpaceAsync(1);
        var watch = await Assert.ThrowsAsync<ValidationFailedException>(() => ctx.Get<WatchItemService>().CreateAsync(workstream.Id,
            new WatchItemInput { Title = "Veille", Date = new DateOnly(2023, 2, 1), Summary = "Résumé\u0007" }));
        Assert.Contains("U+0007", Assert.Single(watch.Errors[nameof(WatchItemInput.Summary)]));
        var account = await Assert.ThrowsAsync<ValidationFailedException>(() => ctx.Get<CscDashboard.Core.Users.UserDirectoryService>().CreateAsync(
            new CscDashboard.Core.Users.NewAccount("nouveau@test.csc", "Nom" + RightToLeftOverride, Roles.ProjectLead, [])));
        Assert.Contains("« Nom affiché » contient", Assert.Single(account.Errors[nameof(CscDashboard.Core.Users.NewAccount.DisplayName)]));

        await using var check = ctx.CreateDb();
        Assert.Equal((0, 0, 0), (await check.Expenses.CountAsync(), await check.BudgetLines.CountAsync(), await check.WatchItems.CountAsync()));
        Assert.False(await check.Users.AnyAsync(u => u.Email == "nouveau@test.csc"));
    }

    [Fact]
    public async Task An_imported_row_with_an_override_in_a_name_is_refused_with_its_line()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        ctx.ActAs(await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        var csv = "Nom;Commune;Code postal;Adresse;Territoire;Statut;Date d'engagement;Centre d'accueil\r\n"
            + "Centre social Jean Jaurès;Arras;62000;;ART;Engagé;01/10/2021;Oui\r\n"
            + "Centre " + RightToLeftOverride + "laicos;Arras;62000;;ART;Engagé;01/10/2021;Non\r\n";

        var preview = await ctx.Get<NetworkImportService>().PreviewAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "centres.csv", ImportKind.Centres);

        var error = Assert.Single(preview.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("U+202E", error.Message);
        Assert.False(preview.CanImport);
    }

    [Fact]
    public async Task An_uploaded_file_name_loses_its_invisible_controls()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "VAL"));
        var activity = await EvidenceTestData.AddActivityAsync(ctx, await ctx.TerritoryIdAsync("VAL"));

        var saved = await ctx.Get<EvidenceService>().UploadAsync(
            new EvidenceUpload("feuille\u202Efdp.exe\u0000.pdf", EvidenceCategory.AttendanceSheet, new EvidenceLinks(ActivityId: activity)),
            new MemoryStream(EvidenceTestData.Pdf()));

        await using var db = ctx.CreateDb();
        Assert.Equal("feuillefdp.exe.pdf", await db.EvidenceDocuments.Where(e => e.Id == saved.Id).Select(e => e.OriginalName).SingleAsync());
        Assert.Equal("feuillefdp.exe.pdf", (await ctx.Get<EvidenceQueries>().OpenAsync(saved.Id)).DownloadName);
    }
}
