using System.Text;
using CscDashboard.Core.Common;
using CscDashboard.Core.Network;
using CscDashboard.Core.Network.Import;
using CscDashboard.Tests.Infrastructure;
using MiniExcelLibs;
using static CscDashboard.Tests.Core.Network.NetworkTestData;

namespace CscDashboard.Tests.Core.Network;

public sealed class NetworkExportTests
{
    /// <summary>A directory with tricky values: accents, separators, quotes, a formula-like name and a phone starting with +.</summary>
    private static async Task FillAsync(CoreTestContext ctx)
    {
        var art = await ctx.TerritoryIdAsync("ART");
        var lil = await ctx.TerritoryIdAsync("LIL");
        var jaures = await AddCentreAsync(ctx, Centre(art) with { Address = "12, rue \"des Postes\"; bâtiment B", IsHostCentre = true });
        await AddCentreAsync(ctx, Centre(lil, "=HYPERLINK(\"http://evil\")", "Lille") with { Status = CentreStatus.Candidate, EngagedOn = null });
        await AddCentreAsync(ctx, Centre(lil, "Centre social Marcel Pagnol", "Lomme") with
        {
            Status = CentreStatus.Withdrawn,
            WithdrawnOn = new DateOnly(2023, 1, 31),
            Address = null,
            CandidateSince = null,
        });
        var members = ctx.Get<MemberService>();
        await members.CreateAsync(Member(art, jaures) with { Phone = "+33 6 12 34 56 78", AssignmentPercent = 37.5m, AnnualGrossCost = 32000.5m });
        await members.CreateAsync(Member(art, null, "Marc", "Leroy") with
        {
            Email = null,
            Assignment = Assignment.Variable,
            AssignmentPercent = null,
            ActiveTo = new DateOnly(2023, 12, 31),
            Role = MemberRole.Volunteer,
        });
        var partners = ctx.Get<PartnerService>();
        await partners.CreateAsync(Partner(art) with { IsCommitteeMember = true, ContactPhone = "-03 21 00 00 00" });
        await partners.CreateAsync(Partner(null, "@Région Hauts-de-France") with { Kind = PartnerKind.Region, ContactName = null, ContactEmail = null });
    }

    private static async Task<ImportPreview> PreviewExportAsync(CoreTestContext target, ExportFile file, ImportKind kind)
    {
        var preview = await target.Get<NetworkImportService>().PreviewAsync(new MemoryStream(file.Content), file.FileName, kind);
        Assert.Empty(preview.Errors);
        return preview;
    }

    [Theory]
    [InlineData(ExportFormat.Csv)]
    [InlineData(ExportFormat.Xlsx)]
    public async Task An_export_imports_into_an_empty_directory_as_the_same_rows(ExportFormat format)
    {
        await using var source = await CoreTestContext.CreateAsync();
        await FillAsync(source);
        await using var target = await CoreTestContext.CreateAsync();
        var export = source.Get<NetworkExportService>();
        var sourceCentres = await export.ExportCentresAsync(new CentreFilter(), format);
        var sourceMembers = await export.ExportMembersAsync(new MemberFilter(), format);
        var sourcePartners = await export.ExportPartnersAsync(new PartnerFilter(), format);

        var centres = await PreviewExportAsync(target, sourceCentres, ImportKind.Centres);
        Assert.Equal(3, await target.Get<NetworkImportService>().ImportAsync(new MemoryStream(sourceCentres.Content), sourceCentres.FileName, ImportKind.Centres));
        var members = await PreviewExportAsync(target, sourceMembers, ImportKind.Members);
        Assert.Equal(2, await target.Get<NetworkImportService>().ImportAsync(new MemoryStream(sourceMembers.Content), sourceMembers.FileName, ImportKind.Members));
        var partners = await PreviewExportAsync(target, sourcePartners, ImportKind.Partners);
        Assert.Equal(2, await target.Get<NetworkImportService>().ImportAsync(new MemoryStream(sourcePartners.Content), sourcePartners.FileName, ImportKind.Partners));

        Assert.Equal(
            ["Centre social Jean Jaurès", "Arras", "62000", "12, rue \"des Postes\"; bâtiment B", "ART", "Engagé", "01/09/2021", "01/10/2021", "", "Oui"],
            centres.Rows[0].Values);
        Assert.Equal("=HYPERLINK(\"http://evil\")", centres.Rows[1].Values[0]);
        Assert.Equal(["Awa", "Diallo", "awa.diallo@centre.fr", "+33 6 12 34 56 78", "CTN", "ART", "Centre social Jean Jaurès", "Pourcentage fixe", "37,5", "32000,5", "01/09/2021", ""],
            members.Rows[0].Values);
        Assert.Equal("@Région Hauts-de-France", partners.Rows[0].Values[0]);

        // Exported again from the target, every list is byte for byte the same file.
        var again = target.Get<NetworkExportService>();
        if (format == ExportFormat.Csv)
        {
            Assert.Equal(sourceCentres.Content, (await again.ExportCentresAsync(new CentreFilter(), format)).Content);
            Assert.Equal(sourceMembers.Content, (await again.ExportMembersAsync(new MemberFilter(), format)).Content);
            Assert.Equal(sourcePartners.Content, (await again.ExportPartnersAsync(new PartnerFilter(), format)).Content);
        }
    }

    [Fact]
    public async Task Csv_export_is_utf8_with_bom_semicolons_french_headers_and_neutralised_formulas()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        await FillAsync(ctx);

        var file = await ctx.Get<NetworkExportService>().ExportCentresAsync(new CentreFilter(TerritoryCode: "LIL"), ExportFormat.Csv);

        Assert.Equal("centres-sociaux_2023-03-15.csv", file.FileName);
        Assert.Equal(Encoding.UTF8.GetPreamble(), file.Content[..3]);
        var lines = Encoding.UTF8.GetString(file.Content[3..]).Split("\r\n");
        Assert.Equal("Nom;Commune;Code postal;Adresse;Territoire;Statut;Date de candidature;Date d'engagement;Date de retrait;Centre d'accueil", lines[0]);
        Assert.Equal("\"'=HYPERLINK(\"\"http://evil\"\")\";Lille;62000;1 rue de la Paix;LIL;Candidat;01/09/2021;;;Non", lines[1]);
        Assert.Equal("Centre social Marcel Pagnol;Lomme;62000;;LIL;Retiré;;01/10/2021;31/01/2023;Non", lines[2]);
        Assert.Equal(4, lines.Length); // two rows (filtered on LIL) and the final line break

        var members = Encoding.UTF8.GetString((await ctx.Get<NetworkExportService>().ExportMembersAsync(new MemberFilter(), ExportFormat.Csv)).Content);
        Assert.Contains(";'+33 6 12 34 56 78;", members);
        var partners = Encoding.UTF8.GetString((await ctx.Get<NetworkExportService>().ExportPartnersAsync(new PartnerFilter(), ExportFormat.Csv)).Content);
        Assert.Contains("'@Région Hauts-de-France;Région;;", partners);
        Assert.Contains(";'-03 21 00 00 00;", partners);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+33", "'+33")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "'\rcmd")]
    [InlineData("Centre = lieu", "Centre = lieu")]
    [InlineData("", "")]
    public void Cells_that_a_spreadsheet_would_run_as_formulas_are_prefixed_and_the_import_takes_the_prefix_off(string value, string written)
    {
        Assert.Equal(written, TabularWriter.Neutralise(value));
        Assert.Equal(value, TabularWriter.Unneutralise(written));
    }

    [Fact]
    public async Task Xlsx_export_has_french_headers_and_neutralised_cells()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        await FillAsync(ctx);

        var file = await ctx.Get<NetworkExportService>().ExportCentresAsync(new CentreFilter(), ExportFormat.Xlsx);

        Assert.Equal("centres-sociaux_2023-03-15.xlsx", file.FileName);
        var rows = new MemoryStream(file.Content).Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(NetworkColumns.Headers(ImportKind.Centres), rows[0].Keys);
        Assert.Equal("'=HYPERLINK(\"http://evil\")", rows[1]["Nom"]);
    }

    [Fact]
    public async Task The_committee_exports_centres_and_partners_without_contact_names()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        await FillAsync(ctx);
        ctx.ActAs(await ctx.AddUserAsync("committee@test.csc", Roles.Committee));

        var partners = Encoding.UTF8.GetString((await ctx.Get<NetworkExportService>().ExportPartnersAsync(new PartnerFilter(), ExportFormat.Csv)).Content);

        Assert.DoesNotContain("Jeanne", partners);
        Assert.Contains("Mairie d'Arras", partners);
    }

    [Fact]
    public async Task A_coordinator_exports_the_members_of_other_territories_without_their_employment_cost()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        await FillAsync(ctx);
        var export = ctx.Get<NetworkExportService>();

        ctx.ActAs(await ctx.AddUserAsync("coord-art@test.csc", Roles.Coordinator, "ART"));
        var own = Encoding.UTF8.GetString((await export.ExportMembersAsync(new MemberFilter(), ExportFormat.Csv)).Content);
        ctx.ActAs(await ctx.AddUserAsync("coord-lil@test.csc", Roles.Coordinator, "LIL"));
        var other = Encoding.UTF8.GetString((await export.ExportMembersAsync(new MemberFilter(), ExportFormat.Csv)).Content);

        Assert.Contains("32000,5", own);
        Assert.Contains("Diallo", other);
        Assert.DoesNotContain("32000", other);
    }
}
