using System.IO.Compression;
using CscDashboard.Core.Reporting.Pdf;
using UglyToad.PdfPig;

namespace CscDashboard.Tests.Core.Reporting;

public sealed class PdfSampleDocumentTests
{
    private static readonly string[] Territories =
    [
        "Lille Métropole", "Roubaix-Tourcoing", "Artois", "Côte d'Opale", "Hainaut-Cambrésis", "Flandre intérieure",
        "Avesnois-Thiérache", "Amiénois", "Oise", "Aisne",
    ];

    [Fact]
    public void Pdf_sample_report_renders_every_block_and_is_written_to_the_temp_folder()
    {
        var months = new[] { "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc." };
        var composer = PdfComposerTests.NewComposer()
            .Cover("Bilan trimestriel du comité partenarial", "1er trimestre 2024 — Centres Sociaux Connectés",
                ["Opération CSC-2021-2023", "Périmètre : les 10 territoires", "Cofinancé par l'Union européenne — FEDER / REACT-EU", "Région Hauts-de-France"])
            .Heading("Synthèse")
            .KpiTiles(
            [
                new KpiTile("Activités réalisées", "1 234", "+12 % par rapport au trimestre précédent"),
                new KpiTile("Participants", "5 678", "−3 %"),
                new KpiTile("Centres actifs", "87", "stable"),
                new KpiTile("Heures d'accompagnement", "2 450", "+5 %"),
                new KpiTile("Bénévoles mobilisés", "312", "+1 %"),
            ])
            .Paragraph("Ce bilan présente l'avancement de l'opération « Centres Sociaux Connectés » sur la période. " +
                       "Les chiffres proviennent du journal des activités saisi par les coordinateurs de territoire.")
            .BarChart("Activités par territoire", Territories, [312, 250, 190, 160, 120.5, 98, 75, 60, 31, 0])
            .LineChart("Évolution sur 12 mois", months,
                [new ChartSeries("Activités", [80, 95, 110, 90, 120, 130, 60, 40, 140, 150, 160, 155]),
                 new ChartSeries("Participants (÷10)", [30, 35, 42, 38, 50, 55, 20, 15, 60, 66, 70, 69])])
            .Heading("Territoires comparés")
            .Table(
                [new TableColumn("Territoire", 3), new TableColumn("Activités", 1, CellAlign.Right),
                 new TableColumn("Participants", 1.2, CellAlign.Right), new TableColumn("Évolution", 1, CellAlign.Center)],
                Enumerable.Range(0, 45).Select(i => (IReadOnlyList<string>)
                    [$"{Territories[i % 10]} — centre n° {i + 1}", PdfTheme.Number(i * 17), PdfTheme.Number(i * 123.5), i % 3 == 0 ? "+4 %" : "−2 %"]).ToList())
            .Heading("Points saillants", 2)
            .KeyValues([new("Coordinatrice", "Marie Lefèbvre"), new("Faits marquants", string.Join(" ", Enumerable.Repeat("Ateliers numériques très suivis dans les quartiers prioritaires.", 6)))])
            .Heading("Logo (PNG indexé transparent)", 3)
            .Image(IndexedPng(120, 60), 120)
            .Paragraph("Document généré automatiquement. Données arrêtées à la date de génération.", TextStyle.Muted);

        var bytes = composer.ToPdf();
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "csc-pdf-sample.pdf"), bytes);

        using var pdf = PdfDocument.Open(bytes);
        Assert.True(pdf.NumberOfPages >= 3);
        var all = string.Concat(pdf.GetPages().Select(p => p.Text));
        Assert.All(Territories, t => Assert.Contains(t, all));
        Assert.Contains("Bilan trimestriel du comité", all);
        Assert.Contains(pdf.GetPages(), p => p.GetImages().Any());
        PdfComposerTests.AssertOnlyFooterBelowContent(pdf);
    }

    [Fact]
    public void Pdf_indexed_png_with_transparency_is_converted_to_rgba()
    {
        var normalized = PngNormalizer.Normalize(IndexedPng(4, 2));

        Assert.Equal(6, normalized[25]); // IHDR colour type: RGBA
        var pixels = Inflate(normalized);
        // Row 0: filter byte, then pixel (0,0) uses index 0 = transparent red, pixel (1,0) index 1 = opaque green.
        Assert.Equal(new byte[] { 0, 255, 0, 0, 0, 0, 160, 0, 255 }, pixels[..9]);
        var jpegLike = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3 };
        Assert.Same(jpegLike, PngNormalizer.Normalize(jpegLike));
    }

    /// <summary>A 2-bit palette PNG whose index 0 is fully transparent.</summary>
    private static byte[] IndexedPng(int width, int height)
    {
        var stride = (width * 2 + 7) / 8;
        using var raw = new MemoryStream();
        using (var z = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                var row = new byte[stride + 1];
                for (var x = 0; x < width; x++)
                {
                    var index = (x / 1 + y) % 3;
                    row[1 + x / 4] |= (byte)(index << (6 - 2 * (x % 4)));
                }
                z.Write(row);
            }
        }
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        (header[8], header[9]) = (2, 3);
        using var png = new MemoryStream();
        png.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        PngNormalizer.WriteChunk(png, "IHDR", header);
        PngNormalizer.WriteChunk(png, "PLTE", [255, 0, 0, 0, 160, 0, 31, 58, 95]);
        PngNormalizer.WriteChunk(png, "tRNS", [0]);
        PngNormalizer.WriteChunk(png, "IDAT", raw.ToArray());
        PngNormalizer.WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static byte[] Inflate(byte[] png)
    {
        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(33));
        using var z = new ZLibStream(new MemoryStream(png, 41, length), CompressionMode.Decompress);
        using var output = new MemoryStream();
        z.CopyTo(output);
        return output.ToArray();
    }
}
