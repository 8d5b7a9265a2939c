using System.Globalization;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Network.Import;
using CscDashboard.Tests.Infrastructure;
using MiniExcelLibs;
using static CscDashboard.Tests.Core.ActivityTestData;

namespace CscDashboard.Tests.Core;

public sealed class ActivityExportTests
{
    private static readonly string[] FrenchHeaders =
    [
        "Date", "Heure de début", "Durée (minutes)", "Territoire", "Type", "Format", "Lieu", "Titre", "Auteur",
        "Centres", "Chantiers", "Partenaires", "Habitants", "Professionnels", "Bénévoles", "Partenaires, élus",
        "Temps fort", "Notes", "Suites à donner",
    ];

    /// <summary>Activities in Artois (by two authors) and Lille, of two types, over two months.</summary>
    private static async Task<(int Art, int Lil)> FillAsync(CoreTestContext ctx)
    {
        var art = await ctx.TerritoryIdAsync("ART");
        var lil = await ctx.TerritoryIdAsync("LIL");
        var centre = await AddCentreAsync(ctx, "ART", "Centre social Jaurès; Arras");
        var service = ctx.Get<ActivityService>();
        ctx.ActAs(await ctx.AddUserAsync("artois@test.csc", Roles.Coordinator, "ART"));
        await service.CreateAsync(Visit(art, "Visite Jaurès") with { CentreIds = [centre], StartTime = new TimeOnly(9, 30), InhabitantCount = 4 });
        await service.CreateAsync(Visit(art, "Atelier tablette") with { Type = ActivityType.PublicAction, Date = Today.AddDays(-3), CentreIds = [centre], InhabitantCount = 6 });
        await service.CreateAsync(Visit(art, "Visite de février") with { Date = new DateOnly(2023, 2, 10) });
        ctx.ActAs(await ctx.AddUserAsync("artois2@test.csc", Roles.Coordinator, "ART"));
        await service.CreateAsync(Visit(art, "Visite d'un collègue") with { Date = Today.AddDays(-1) });
        ctx.ActAs(await ctx.AddUserAsync("lille@test.csc", Roles.Coordinator, "LIL"));
        await service.CreateAsync(Visit(lil, "Visite lilloise"));
        return (art, lil);
    }

    private static async Task<IReadOnlyList<TabularLine>> CsvAsync(ActivityExportService export, ActivityFilter filter)
    {
        using var output = new MemoryStream();
        await export.WriteCsvAsync(filter, output);
        return TabularReader.Read(output.ToArray(), "export.csv", 10_000);
    }

    private static async Task<List<IDictionary<string, object>>> XlsxAsync(ActivityExportService export, ActivityFilter filter)
    {
        using var output = new MemoryStream();
        await export.WriteXlsxAsync(filter, output);
        output.Position = 0;
        return [.. output.Query(useHeaderRow: true).Cast<IDictionary<string, object>>()];
    }

    [Fact]
    public async Task The_export_holds_the_rows_of_the_list_for_the_same_filter_under_french_headers()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var (art, _) = await FillAsync(ctx);
        ctx.ActAs(await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        var filter = new ActivityFilter { TerritoryId = art, Type = ActivityType.CentreSupport, From = new DateOnly(2023, 3, 1) };
        var listed = await ctx.Get<ActivityQueries>().ListAsync(filter, new PageRequest(PageSize: 100));
        var export = ctx.Get<ActivityExportService>();

        var csv = await CsvAsync(export, filter);
        var xlsx = await XlsxAsync(export, filter);

        Assert.Equal(FrenchHeaders, csv[0].Cells);
        Assert.Equal(["Visite Jaurès", "Visite d'un collègue"], listed.Items.Select(r => r.Title));
        Assert.Equal(listed.Items.Select(r => r.Title), csv.Skip(1).Select(l => l.Cells[7]));
        Assert.Equal(listed.Items.Select(r => r.Title), xlsx.Select(r => (string)r["Titre"]));
        Assert.Equal(FrenchHeaders, xlsx[0].Keys);
        var jaures = csv[1].Cells;
        Assert.Equal(["15/03/2023", "09:30", "60", "Artois", "Accompagnement des centres"], jaures.Take(5));
        Assert.Equal("Centre social Jaurès; Arras", jaures[9]);
        Assert.Equal("artois", jaures[8]);
        Assert.Equal("4", jaures[12]);
        // Numbers stay numbers in the workbook, so that they can be summed.
        Assert.Equal(60d, Convert.ToDouble(xlsx[0]["Durée (minutes)"], CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")")]
    [InlineData("+33 6 12 34 56 78")]
    [InlineData("-1+1")]
    [InlineData("@SUM(A1)")]
    public async Task A_cell_a_spreadsheet_would_take_for_a_formula_is_neutralised(string title)
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        ctx.ActAs(await ctx.AddUserAsync("artois@test.csc", Roles.Coordinator, "ART"));
        await ctx.Get<ActivityService>().CreateAsync(Visit(art, title) with { Notes = title });
        var export = ctx.Get<ActivityExportService>();

        var csv = await CsvAsync(export, new ActivityFilter());
        var xlsx = await XlsxAsync(export, new ActivityFilter());

        Assert.Equal("'" + title, csv[1].Cells[7]);
        Assert.Equal("'" + title, csv[1].Cells[17]);
        Assert.Equal("'" + title, (string)xlsx[0]["Titre"]);
        Assert.Equal("'" + title, (string)xlsx[0]["Notes"]);
    }

    [Fact]
    public async Task A_coordinator_exports_what_their_list_shows_every_territory_with_names_but_not_the_trash()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        await FillAsync(ctx);
        ctx.ActAs(await ctx.AddUserAsync("flandre@test.csc", Roles.Coordinator, "FIA"));
        var export = ctx.Get<ActivityExportService>();
        var listed = await ctx.Get<ActivityQueries>().ListAsync(new ActivityFilter(), new PageRequest(PageSize: 100));

        var csv = await CsvAsync(export, new ActivityFilter());

        Assert.Equal(5, listed.TotalCount);
        Assert.Equal(listed.Items.Select(r => r.Title), csv.Skip(1).Select(l => l.Cells[7]));
        Assert.Equal(listed.Items.Select(r => r.AuthorName), csv.Skip(1).Select(l => l.Cells[8]));
        Assert.Contains("Lille", csv.Skip(1).Select(l => l.Cells[3]).First(t => t != "Artois"));
        using var output = new MemoryStream();
        await Assert.ThrowsAsync<ScopeViolationException>(() => export.WriteCsvAsync(new ActivityFilter { Deleted = true }, output));
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task The_committee_gets_no_export_and_so_no_names()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        await FillAsync(ctx);
        ctx.ActAs(await ctx.AddUserAsync("committee@test.csc", Roles.Committee));
        var export = ctx.Get<ActivityExportService>();
        using var output = new MemoryStream();

        var csv = await Assert.ThrowsAsync<ScopeViolationException>(() => export.WriteCsvAsync(new ActivityFilter(), output));
        await Assert.ThrowsAsync<ScopeViolationException>(() => export.WriteXlsxAsync(new ActivityFilter(), output));

        Assert.Equal("Le journal d'activités n'est pas accessible avec votre rôle.", csv.Message);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task The_rows_of_a_long_export_arrive_in_batches_with_each_activity_keeping_its_own_centres()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        var centre = await AddCentreAsync(ctx, "ART", "Centre social Jaurès");
        ctx.ActAs(await ctx.AddUserAsync("artois@test.csc", Roles.Coordinator, "ART"));
        var service = ctx.Get<ActivityService>();
        for (var i = 0; i < 1_005; i++)
        {
            await service.CreateAsync(Visit(art, $"Visite {i:0000}") with { Date = Today.AddDays(-(i / 10)), CentreIds = i % 2 == 0 ? [centre] : [] });
        }

        var csv = await CsvAsync(ctx.Get<ActivityExportService>(), new ActivityFilter());

        Assert.Equal(1_006, csv.Count);
        Assert.All(csv.Skip(1), l => Assert.Equal(int.Parse(l.Cells[7][^4..], CultureInfo.InvariantCulture) % 2 == 0 ? "Centre social Jaurès" : "", l.Cells[9]));
    }
}
