using CscDashboard.Core.Common;
using CscDashboard.Core.Evidence;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core.Evidence;

public sealed class EvidenceServiceTests
{
    private static async Task<(CoreTestContext Ctx, int ActivityId)> CoordinatorWithActivityAsync(string territory = "VAL")
    {
        var ctx = await CoreTestContext.CreateAsync();
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, territory));
        var activityId = await EvidenceTestData.AddActivityAsync(ctx, await ctx.TerritoryIdAsync(territory));
        return (ctx, activityId);
    }

    private static Task<EvidenceSaved> UploadAsync(CoreTestContext ctx, string name, byte[] content, EvidenceLinks links,
        EvidenceCategory category = EvidenceCategory.AttendanceSheet) =>
        ctx.Get<EvidenceService>().UploadAsync(new EvidenceUpload(name, category, links), new MemoryStream(content));

    /// <summary>Theory rows name the content (a 20 MB array would be serialised at test discovery).</summary>
    private static byte[] Content(string kind) => kind switch
    {
        "exe" => EvidenceTestData.Executable,
        "oversized" => [.. "%PDF-1.4\n"u8, .. new byte[EvidenceService.MaxBytes]],
        "pdf" => EvidenceTestData.Pdf(),
        "empty" => [],
        "zip" => EvidenceTestData.Zip(("readme.txt", "pas un document")),
        "jpeg" => EvidenceTestData.Jpeg,
        "png" => EvidenceTestData.Png,
        "xlsx" => EvidenceTestData.Xlsx(),
        "docx" => EvidenceTestData.Docx(),
        "odt" => EvidenceTestData.Odt(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [InlineData("feuille-signee.pdf", "exe", "n'est pas un fichier PDF, JPEG, PNG, XLSX, DOCX ou ODT")]
    [InlineData("scan-enorme.pdf", "oversized", "dépasse 20 Mo")]
    [InlineData("../../etc/passwd.pdf", "pdf", "ne doit pas contenir de chemin")]
    [InlineData("..\\..\\windows\\system.ini.pdf", "pdf", "ne doit pas contenir de chemin")]
    [InlineData("vide.pdf", "empty", "Le fichier est vide")]
    [InlineData("archive.zip.docx", "zip", "n'est pas un fichier PDF")]
    public async Task A_refused_file_gets_a_french_message_and_nothing_is_stored(string name, string kind, string expected)
    {
        var content = Content(kind);
        var (ctx, activityId) = await CoordinatorWithActivityAsync();
        await using var _ = ctx;

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => UploadAsync(ctx, name, content, new EvidenceLinks(ActivityId: activityId)));

        Assert.Contains(expected, refused.Errors[EvidenceService.FileField].Single());
        await using var db = ctx.CreateDb();
        Assert.Equal(0, await db.EvidenceDocuments.CountAsync());
        Assert.Empty(EvidenceTestData.StoredFiles(ctx));
        var outside = Path.GetFullPath(Path.Combine(ctx.DataDirectory, "evidence", "..", "..", "etc"));
        Assert.False(Directory.Exists(outside), "nothing may be written outside the evidence folder");
    }

    [Theory]
    [InlineData("emargement.pdf", "pdf", "application/pdf", "emargement.pdf")]
    [InlineData("photo.jpeg", "jpeg", "image/jpeg", "photo.jpeg")]
    [InlineData("affiche", "png", "image/png", "affiche.png")]
    [InlineData("budget.xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "budget.xlsx")]
    [InlineData("lettre.pdf", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "lettre.pdf.docx")]
    [InlineData("compte-rendu.odt", "odt", "application/vnd.oasis.opendocument.text", "compte-rendu.odt")]
    public async Task The_type_comes_from_the_bytes_and_the_download_name_gets_its_extension(string name, string kind, string contentType, string storedName)
    {
        var content = Content(kind);
        var (ctx, activityId) = await CoordinatorWithActivityAsync();
        await using var _ = ctx;

        var saved = await UploadAsync(ctx, name, content, new EvidenceLinks(ActivityId: activityId));

        await using var db = ctx.CreateDb();
        var row = await db.EvidenceDocuments.SingleAsync(e => e.Id == saved.Id);
        Assert.Equal(contentType, row.ContentType);
        Assert.Equal(storedName, row.OriginalName);
        Assert.Equal(content.Length, row.Size);
        var file = Path.Combine(ctx.DataDirectory, "evidence", row.Sha256[..2], row.Sha256[2..]);
        Assert.Equal(content, await File.ReadAllBytesAsync(file));
    }

    [Fact]
    public async Task The_same_file_twice_is_stored_once_and_both_rows_point_to_it()
    {
        var (ctx, activityId) = await CoordinatorWithActivityAsync();
        await using var _ = ctx;
        var pdf = EvidenceTestData.Pdf();

        var first = await UploadAsync(ctx, "emargement.pdf", pdf, new EvidenceLinks(ActivityId: activityId));
        var second = await UploadAsync(ctx, "emargement-copie.pdf", pdf, new EvidenceLinks(ActivityId: activityId), EvidenceCategory.PublicityProof);

        Assert.True(first.StoredNewFile);
        Assert.False(second.StoredNewFile);
        Assert.Equal(first.Sha256, second.Sha256);
        Assert.Single(EvidenceTestData.StoredFiles(ctx));
        await using var db = ctx.CreateDb();
        Assert.Equal(2, await db.EvidenceDocuments.CountAsync(e => e.Sha256 == first.Sha256));
    }

    [Fact]
    public async Task Territory_operation_month_and_retention_come_from_the_links()
    {
        var (ctx, activityId) = await CoordinatorWithActivityAsync();
        await using var _ = ctx;

        var saved = await UploadAsync(ctx, "emargement.pdf", EvidenceTestData.Pdf(), new EvidenceLinks(ActivityId: activityId));

        await using var db = ctx.CreateDb();
        var row = await db.EvidenceDocuments.Include(e => e.Operation).SingleAsync(e => e.Id == saved.Id);
        Assert.Equal(await ctx.TerritoryIdAsync("VAL"), row.TerritoryId);
        Assert.Equal("CSC-2021-2023", row.Operation!.Code);
        Assert.Equal(new DateOnly(2023, 3, 1), row.PeriodMonth);
        // End of the operation (2023) + 3 years, on 31 December.
        Assert.Equal(new DateOnly(2026, 12, 31), row.RetentionUntil);
        Assert.Equal(activityId, row.ActivityId);
    }

    [Fact]
    public async Task The_retention_date_set_on_the_operation_wins()
    {
        var (ctx, activityId) = await CoordinatorWithActivityAsync();
        await using var _ = ctx;
        await using (var db = ctx.CreateDb())
        {
            await db.Operations.Where(o => o.Code == "CSC-2021-2023").ExecuteUpdateAsync(s => s.SetProperty(o => o.RetentionUntil, new DateOnly(2028, 12, 31)));
        }

        var saved = await UploadAsync(ctx, "emargement.pdf", EvidenceTestData.Pdf(), new EvidenceLinks(ActivityId: activityId));

        await using var check = ctx.CreateDb();
        Assert.Equal(new DateOnly(2028, 12, 31), (await check.EvidenceDocuments.SingleAsync(e => e.Id == saved.Id)).RetentionUntil);
    }

    [Fact]
    public async Task Links_in_two_territories_are_refused()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        ctx.ActAs(await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        var activityId = await EvidenceTestData.AddActivityAsync(ctx, await ctx.TerritoryIdAsync("VAL"));
        var lilleCentre = await CscDashboard.Tests.Core.ActivityTestData.AddCentreAsync(ctx, "LIL", "Centre social de Fives");

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            UploadAsync(ctx, "a.pdf", EvidenceTestData.Pdf(), new EvidenceLinks(ActivityId: activityId, CentreId: lilleCentre)));

        Assert.Contains("même territoire", refused.Errors[EvidenceService.LinksField].Single());
        Assert.Empty(EvidenceTestData.StoredFiles(ctx));
    }

    [Fact]
    public async Task A_coordinator_of_another_territory_can_neither_upload_nor_see_nor_download()
    {
        var (ctx, activityId) = await CoordinatorWithActivityAsync("VAL");
        await using var _ = ctx;
        var saved = await UploadAsync(ctx, "emargement.pdf", EvidenceTestData.Pdf(), new EvidenceLinks(ActivityId: activityId));
        ctx.ActAs(await ctx.AddUserAsync("coord-lil@test.csc", Roles.Coordinator, "LIL"));
        var service = ctx.Get<EvidenceService>();

        var upload = await Assert.ThrowsAsync<ScopeViolationException>(() =>
            UploadAsync(ctx, "autre.pdf", EvidenceTestData.Pdf("autre"), new EvidenceLinks(ActivityId: activityId)));
        var download = await Assert.ThrowsAsync<ScopeViolationException>(() => ctx.Get<EvidenceQueries>().OpenAsync(saved.Id));
        var withdraw = await Assert.ThrowsAsync<ScopeViolationException>(() => service.WithdrawAsync(saved.Id, "doublon"));
        var list = await ctx.Get<EvidenceQueries>().ListAsync(new EvidenceFilter { ActivityId = activityId }, new PageRequest());

        Assert.Equal(EvidenceAccess.OtherTerritoryRefused, upload.Message);
        Assert.Equal(EvidenceAccess.OtherTerritoryRefused, download.Message);
        Assert.Equal(EvidenceAccess.OtherTerritoryRefused, withdraw.Message);
        Assert.Equal(0, list.TotalCount);
        Assert.Single(EvidenceTestData.StoredFiles(ctx));
    }

    [Fact]
    public async Task The_committee_is_refused_everything_and_the_project_lead_sees_every_territory()
    {
        var (ctx, activityId) = await CoordinatorWithActivityAsync("VAL");
        await using var _ = ctx;
        var pdf = EvidenceTestData.Pdf();
        var saved = await UploadAsync(ctx, "emargement.pdf", pdf, new EvidenceLinks(ActivityId: activityId));
        var queries = ctx.Get<EvidenceQueries>();

        ctx.ActAs(await ctx.AddUserAsync("committee@test.csc", Roles.Committee));
        Assert.Equal(EvidenceAccess.CommitteeRefused, (await Assert.ThrowsAsync<ScopeViolationException>(() => queries.OpenAsync(saved.Id))).Message);
        await Assert.ThrowsAsync<ScopeViolationException>(() => queries.ListAsync(new EvidenceFilter(), new PageRequest()));
        await Assert.ThrowsAsync<ScopeViolationException>(() => UploadAsync(ctx, "x.pdf", EvidenceTestData.Pdf("x"), new EvidenceLinks(ActivityId: activityId)));

        ctx.ActAs(await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        var file = await queries.OpenAsync(saved.Id);
        var list = await queries.ListAsync(new EvidenceFilter { TerritoryCode = "VAL" }, new PageRequest());
        Assert.Equal("emargement.pdf", file.DownloadName);
        Assert.Equal(pdf, await File.ReadAllBytesAsync(file.FullPath));
        Assert.Equal(saved.Id, Assert.Single(list.Items).Id);
        Assert.True(list.Items[0].CanWrite);
    }

    [Fact]
    public async Task A_withdrawal_needs_a_reason_keeps_the_file_and_hides_the_piece_from_the_default_list()
    {
        var (ctx, activityId) = await CoordinatorWithActivityAsync();
        await using var _ = ctx;
        var saved = await UploadAsync(ctx, "emargement.pdf", EvidenceTestData.Pdf(), new EvidenceLinks(ActivityId: activityId));
        var service = ctx.Get<EvidenceService>();

        var noReason = await Assert.ThrowsAsync<ValidationFailedException>(() => service.WithdrawAsync(saved.Id, "  "));
        Assert.Equal("Indiquez le motif du retrait.", noReason.Errors[EvidenceService.ReasonField].Single());
        await service.WithdrawAsync(saved.Id, "Mauvaise activité");

        await using var db = ctx.CreateDb();
        var row = await db.EvidenceDocuments.SingleAsync();
        Assert.Equal("Mauvaise activité", row.WithdrawalReason);
        Assert.Equal("coord", row.WithdrawnBy);
        Assert.NotNull(row.WithdrawnAt);
        Assert.Single(EvidenceTestData.StoredFiles(ctx));
        Assert.Equal(0, (await ctx.Get<EvidenceQueries>().ListAsync(new EvidenceFilter { ActivityId = activityId }, new PageRequest())).TotalCount);
        var withWithdrawn = await ctx.Get<EvidenceQueries>().ListAsync(new EvidenceFilter { ActivityId = activityId, IncludeWithdrawn = true }, new PageRequest());
        Assert.Equal("Mauvaise activité", Assert.Single(withWithdrawn.Items).WithdrawalReason);
        Assert.Equal(0, await db.EvidenceDocuments.Current().CountAsync());
        await Assert.ThrowsAsync<ValidationFailedException>(() => service.WithdrawAsync(saved.Id, "encore"));
    }

    [Fact]
    public async Task Nothing_is_deleted_before_the_retention_date_and_the_file_goes_after_it()
    {
        var (ctx, activityId) = await CoordinatorWithActivityAsync();
        await using var _ = ctx;
        var saved = await UploadAsync(ctx, "emargement.pdf", EvidenceTestData.Pdf(), new EvidenceLinks(ActivityId: activityId));
        var service = ctx.Get<EvidenceService>();
        ctx.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 31, 12, 0, 0, TimeSpan.Zero));

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => service.DeleteAsync(saved.Id));

        Assert.Contains("conservée jusqu'au 31 décembre 2026", refused.Errors.Values.Single().Single());
        Assert.Single(EvidenceTestData.StoredFiles(ctx));
        ctx.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 2, 12, 0, 0, TimeSpan.Zero));
        await service.DeleteAsync(saved.Id);
        await using var db = ctx.CreateDb();
        Assert.Equal(0, await db.EvidenceDocuments.CountAsync());
        Assert.Empty(EvidenceTestData.StoredFiles(ctx));
    }

    [Fact]
    public async Task The_list_filters_by_category_period_and_name_on_the_server()
    {
        var (ctx, activityId) = await CoordinatorWithActivityAsync();
        await using var _ = ctx;
        var val = await ctx.TerritoryIdAsync("VAL");
        var february = await EvidenceTestData.AddActivityAsync(ctx, val, "Réunion de février", new DateOnly(2023, 2, 10));
        await UploadAsync(ctx, "emargement-mars.pdf", EvidenceTestData.Pdf("1"), new EvidenceLinks(ActivityId: activityId));
        await UploadAsync(ctx, "emargement-fevrier.pdf", EvidenceTestData.Pdf("2"), new EvidenceLinks(ActivityId: february));
        await UploadAsync(ctx, "affiche.png", EvidenceTestData.Png, new EvidenceLinks(ActivityId: activityId), EvidenceCategory.PublicityProof);
        var queries = ctx.Get<EvidenceQueries>();

        var march = await queries.ListAsync(new EvidenceFilter { From = new DateOnly(2023, 3, 1), To = new DateOnly(2023, 3, 31) }, new PageRequest(SortBy: "name"));
        var sheets = await queries.ListAsync(new EvidenceFilter { Category = EvidenceCategory.AttendanceSheet }, new PageRequest(PageSize: 1));
        var byName = await queries.ListAsync(new EvidenceFilter { Search = "fevrier" }, new PageRequest());

        Assert.Equal(["affiche.png", "emargement-mars.pdf"], march.Items.Select(r => r.OriginalName));
        Assert.Equal(2, sheets.TotalCount);
        Assert.Single(sheets.Items);
        Assert.Equal("Réunion de février", Assert.Single(byName.Items).ActivityTitle);
    }

    [Fact]
    public async Task A_coordinator_sending_a_federation_level_piece_is_told_what_to_link_it_to_and_nothing_is_stored()
    {
        var (ctx, _) = await CoordinatorWithActivityAsync();
        await using var _ctx = ctx;

        var refused = await Assert.ThrowsAsync<ScopeViolationException>(() =>
            UploadAsync(ctx, "note-federale.pdf", EvidenceTestData.Pdf(), new EvidenceLinks(PeriodMonth: new DateOnly(2023, 3, 1)), EvidenceCategory.Other));

        Assert.Equal(EvidenceAccess.FederationLevelRefused, refused.Message);
        Assert.Contains("activité, un centre, un membre du réseau ou une dépense de votre territoire", refused.Message);
        Assert.Contains("transmettez-la à la cheffe de projet", refused.Message);
        await using var db = ctx.CreateDb();
        Assert.False(await db.EvidenceDocuments.AnyAsync());
        Assert.DoesNotContain(Directory.EnumerateFiles(ctx.DataDirectory, "*", SearchOption.AllDirectories), f => f.Contains("evidence"));
    }
}
