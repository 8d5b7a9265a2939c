using System.IO.Compression;
using System.Text;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Network.Import;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core.Network;

/// <summary>
/// Hostile files end with a French message and write nothing (issue 14, point 4): a sheet declaring columns up
/// to XFD and rows up to 1 048 576 (what kept a core busy for 11 minutes), far-away cells, a ZIP bomb, too many
/// columns or lines in a CSV; a cancelled or overdue import stops.
/// </summary>
public sealed class NetworkImportBoundsTests
{
    private const string Header = "<row r=\"1\">" + "<c r=\"A1\" t=\"inlineStr\"><is><t>Nom</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>Commune</t></is></c>"
        + "<c r=\"C1\" t=\"inlineStr\"><is><t>Code postal</t></is></c><c r=\"D1\" t=\"inlineStr\"><is><t>Territoire</t></is></c>";

    private static string Centre(int row) =>
        $"<row r=\"{row}\"><c r=\"A{row}\" t=\"inlineStr\"><is><t>Centre {row}</t></is></c><c r=\"B{row}\" t=\"inlineStr\"><is><t>Arras</t></is></c>"
        + $"<c r=\"C{row}\" t=\"inlineStr\"><is><t>62000</t></is></c><c r=\"D{row}\" t=\"inlineStr\"><is><t>ART</t></is></c></row>";

    /// <summary>A minimal XLSX: one sheet whose XML is written by <paramref name="sheetData"/> (rows only) under the given dimension.</summary>
    private static MemoryStream Xlsx(string dimension, Action<TextWriter> sheetData)
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                types.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
            }
            using var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Optimal).Open());
            sheet.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
            sheet.Write($"<dimension ref=\"{dimension}\"/><sheetData>");
            sheetData(sheet);
            sheet.Write("</sheetData></worksheet>");
        }
        output.Position = 0;
        return output;
    }

    private static async Task<(ImportPreview Preview, int Centres)> TryAsync(CoreTestContext ctx, Func<MemoryStream> file, string name = "centres.xlsx")
    {
        var import = ctx.Get<NetworkImportService>();
        var preview = await import.PreviewAsync(file(), name, ImportKind.Centres);
        await Assert.ThrowsAsync<ValidationFailedException>(() => import.ImportAsync(file(), name, ImportKind.Centres));
        await using var db = ctx.CreateDb();
        return (preview, await db.Centres.CountAsync());
    }

    private static async Task<CoreTestContext> LeadAsync()
    {
        var ctx = await CoreTestContext.CreateAsync();
        ctx.ActAs(await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        return ctx;
    }

    [Fact]
    public async Task A_sheet_declared_up_to_xfd_and_row_1048576_with_a_value_at_xfd1_is_refused_at_once()
    {
        await using var ctx = await LeadAsync();

        var (preview, centres) = await TryAsync(ctx, () => Xlsx("A1:XFD1048576", w =>
            w.Write(Header + "<c r=\"XFD1\" t=\"inlineStr\"><is><t>loin</t></is></c></row>" + Centre(2) + Centre(1_048_576))));

        Assert.Equal("Le fichier a des colonnes inattendues au-delà de la colonne AX (50 colonnes au plus) : "
            + "supprimez-les, ou copiez les colonnes à importer dans un nouveau fichier.", preview.Errors.Single().Message);
        Assert.Equal(0, centres);
    }

    [Fact]
    public async Task A_value_on_row_1048576_is_refused_without_reading_the_rows_in_between()
    {
        await using var ctx = await LeadAsync();

        var (preview, centres) = await TryAsync(ctx, () => Xlsx("A1:XFD1048576", w => w.Write(Header + "</row>" + Centre(2) + Centre(1_048_576))));

        Assert.StartsWith("Le fichier a des lignes au-delà de la ligne 20 000", preview.Errors.Single().Message);
        Assert.Equal(0, centres);
    }

    [Fact]
    public async Task A_zip_bomb_of_rows_is_refused_on_its_decompressed_size()
    {
        await using var ctx = await LeadAsync();
        byte[]? bytes = null;
        MemoryStream Bomb()
        {
            // 2.2 million identical rows: some 60 MB of XML, a few hundred KB once compressed.
            bytes ??= Xlsx("A1:A2200000", w =>
            {
                w.Write(Header + "</row>");
                for (var row = 2; row <= 2_200_000; row++)
                {
                    w.Write("<row><c><v>1</v></c></row>");
                }
            }).ToArray();
            return new MemoryStream(bytes);
        }

        var (preview, centres) = await TryAsync(ctx, Bomb);

        Assert.True(bytes!.Length < NetworkImportService.MaxBytes, $"{bytes.Length} bytes: the bomb passes the upload limit");
        Assert.StartsWith("Le classeur Excel dépasse 50 Mo une fois décompressé", preview.Errors.Single().Message);
        Assert.Equal(0, centres);
    }

    [Fact]
    public async Task Many_rows_under_the_decompressed_bound_are_refused_past_the_last_line()
    {
        await using var ctx = await LeadAsync();

        var (preview, centres) = await TryAsync(ctx, () => Xlsx("A1:D30000", w =>
        {
            w.Write(Header + "</row>");
            for (var row = 2; row <= 30_000; row++)
            {
                w.Write(Centre(row));
            }
        }));

        Assert.StartsWith("Le fichier a des lignes au-delà de la ligne 20 000", preview.Errors.Single().Message);
        Assert.Equal(0, centres);
    }

    [Fact]
    public async Task A_huge_declared_dimension_over_a_small_sheet_is_read_and_imported_normally()
    {
        await using var ctx = await LeadAsync();
        var import = ctx.Get<NetworkImportService>();
        MemoryStream File() => Xlsx("A1:XFD1048576", w => w.Write(Header + "<c r=\"BZ1\" s=\"1\"/></row>" + Centre(2) + Centre(4)));

        var preview = await import.PreviewAsync(File(), "centres.xlsx", ImportKind.Centres);

        Assert.Empty(preview.Errors);
        Assert.Equal([2, 4], preview.Rows.Select(r => r.Line));
        Assert.Equal(2, await import.ImportAsync(File(), "centres.xlsx", ImportKind.Centres));
    }

    [Fact]
    public async Task A_csv_with_a_value_past_the_last_column_or_the_last_line_is_refused()
    {
        await using var ctx = await LeadAsync();
        static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));
        const string header = "Nom;Commune;Code postal;Territoire";

        var wide = await TryAsync(ctx, () => Utf8(header + new string(';', 60) + "\nCentre;Arras;62000;ART" + new string(';', 60) + "loin\n"), "centres.csv");
        var blankTail = await ctx.Get<NetworkImportService>().PreviewAsync(Utf8(header + new string(';', 60) + "\nCentre;Arras;62000;ART\n"), "centres.csv", ImportKind.Centres);
        var deep = await TryAsync(ctx, () => Utf8(header + "\nCentre;Arras;62000;ART\n" + new string('\n', 25_000) + "Autre;Arras;62000;ART\n"), "centres.csv");

        Assert.StartsWith("Le fichier a des colonnes inattendues au-delà de la colonne AX", wide.Preview.Errors.Single().Message);
        Assert.Empty(blankTail.Errors);
        Assert.StartsWith("Le fichier a des lignes au-delà de la ligne 20 000", deep.Preview.Errors.Single().Message);
        Assert.Equal(0, deep.Centres);
    }

    [Fact]
    public async Task A_cancelled_import_stops_and_writes_nothing()
    {
        await using var ctx = await LeadAsync();
        var import = ctx.Get<NetworkImportService>();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        MemoryStream File() => Xlsx("A1:D3", w => w.Write(Header + "</row>" + Centre(2) + Centre(3)));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => import.PreviewAsync(File(), "centres.xlsx", ImportKind.Centres, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => import.ImportAsync(File(), "centres.xlsx", ImportKind.Centres, cancelled.Token));

        await using var db = ctx.CreateDb();
        Assert.Equal(0, await db.Centres.CountAsync());
    }

    [Fact]
    public async Task An_import_past_its_time_is_interrupted_with_a_message()
    {
        await using var ctx = await LeadAsync();
        var import = new NetworkImportService(ctx.Get<IDbContextFactory<AppDbContext>>(), ctx.Get<ICurrentUserAccessor>(), new ImportLimits { Timeout = TimeSpan.Zero });

        var preview = await import.PreviewAsync(Xlsx("A1:D3", w => w.Write(Header + "</row>" + Centre(2) + Centre(3))), "centres.xlsx", ImportKind.Centres);

        Assert.StartsWith("Import interrompu : plus de 0 seconde pour lire le fichier", preview.Errors.Single().Message);
        await using var db = ctx.CreateDb();
        Assert.Equal(0, await db.Centres.CountAsync());
    }
}
