using System.Text;
using CscDashboard.Core.Reporting.Pdf;
using PdfSharp.Fonts;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace CscDashboard.Tests.Core.Reporting;

public sealed class PdfComposerTests
{
    private static readonly DateTimeOffset GeneratedAt = new(2024, 3, 15, 10, 30, 0, TimeSpan.FromHours(1));
    private const string FooterText = "Fédération des centres sociaux du Nord — Cofinancé par l'Union européenne — FEDER / REACT-EU";

    internal static IDocumentComposer NewComposer() =>
        new PdfDocumentComposerFactory().Create(new DocumentSettings("Bilan d'essai", FooterText, GeneratedAt, "Tests"));

    [Fact]
    public void Pdf_paragraph_over_several_pages_keeps_every_word_including_a_long_unbroken_one()
    {
        var longWord = string.Concat(Enumerable.Repeat("abcdefghij", 6)); // 60 characters, no space
        var words = Enumerable.Range(0, 1500).Select(i => $"mot{i}").ToList();
        words.Insert(700, longWord);
        var text = string.Join(' ', words);

        var bytes = NewComposer().Paragraph(text).ToPdf();

        using var pdf = PdfDocument.Open(bytes);
        Assert.True(pdf.NumberOfPages >= 3, $"expected at least 3 pages, got {pdf.NumberOfPages}");
        var body = string.Concat(pdf.GetPages().Select(BodyText));
        Assert.Equal(Strip(text), Strip(body));
        AssertOnlyFooterBelowContent(pdf);
        // Every word is also found as its own word, in order.
        Assert.Equal(words.Count - 1, pdf.GetPages().SelectMany(p => p.GetWords()).Count(w => w.Text.StartsWith("mot", StringComparison.Ordinal)));
    }

    [Fact]
    public void Pdf_paragraph_splits_a_word_longer_than_the_line_and_drops_nothing()
    {
        var huge = new string('x', 400);
        var bytes = NewComposer().Paragraph($"début {huge} fin").ToPdf();

        using var pdf = PdfDocument.Open(bytes);
        Assert.Equal(Strip($"début {huge} fin"), Strip(BodyText(pdf.GetPage(1))));
    }

    [Fact]
    public void Pdf_table_of_150_rows_repeats_its_header_on_every_page_and_keeps_every_row_once()
    {
        var columns = new[]
        {
            new TableColumn("Référence", 1), new TableColumn("Intitulé de l'action", 4),
            new TableColumn("Montant (€)", 1.5, CellAlign.Right),
        };
        var rows = Enumerable.Range(1, 150).Select(i => (IReadOnlyList<string>)
        [
            $"REF-{i:000}",
            i % 7 == 0 ? $"Atelier numérique {i} avec un intitulé volontairement long pour tenir sur plusieurs lignes dans sa cellule" : $"Atelier {i}",
            $"{i * 10},00",
        ]).ToList();

        var bytes = NewComposer().Heading("Actions").Table(columns, rows).ToPdf();

        using var pdf = PdfDocument.Open(bytes);
        Assert.True(pdf.NumberOfPages > 1);
        foreach (var page in pdf.GetPages())
        {
            Assert.Contains("Intitulé de l'action", page.Text);
            Assert.Contains("Montant (€)", page.Text);
        }
        AssertOnlyFooterBelowContent(pdf);
        var words = pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text).ToList();
        for (var i = 1; i <= 150; i++)
        {
            Assert.Single(words, w => w == $"REF-{i:000}");
        }
    }

    [Fact]
    public void Pdf_footer_shows_page_x_of_y_the_generation_date_and_the_footer_text()
    {
        var composer = NewComposer();
        for (var i = 0; i < 4; i++)
        {
            composer.Heading($"Section {i}").Paragraph("Contenu.").PageBreak();
        }
        var bytes = composer.ToPdf();

        using var pdf = PdfDocument.Open(bytes);
        var total = pdf.NumberOfPages;
        Assert.Equal(4, total);
        foreach (var page in pdf.GetPages())
        {
            Assert.Contains($"Page {page.Number} / {total}", page.Text);
            Assert.Contains("Généré le 15/03/2024 à 10:30", page.Text);
            Assert.Contains("Cofinancé par l'Union européenne — FEDER / REACT-EU", page.Text);
        }
    }

    [Fact]
    public void Pdf_french_accents_and_symbols_round_trip()
    {
        const string french = "Élève à l'école, garçon, cœur, « guillemets », 12 € — è ù ï ô Œuvre";
        var bytes = NewComposer().Heading("Synthèse régionale").Paragraph(french, TextStyle.Emphasis)
            .KeyValues([new("Période", "1er trimestre 2024"), new("Périmètre", "Hauts-de-France")]).ToPdf();

        using var pdf = PdfDocument.Open(bytes);
        var text = pdf.GetPage(1).Text;
        Assert.Contains(french, text);
        Assert.Contains("Synthèse régionale", text);
        Assert.Contains("1er trimestre 2024", text);
    }

    [Fact]
    public void Pdf_bar_and_line_charts_render_their_labels_and_french_numbers()
    {
        var bytes = NewComposer()
            .BarChart("Activités par territoire", ["Lille Métropole", "Artois", "Côte d'Opale"], [1250, 310.5, 42])
            .LineChart("Évolution mensuelle", ["janv.", "févr.", "mars", "avr."],
                [new ChartSeries("Participants", [120, 180, 150, 210]), new ChartSeries("Bénévoles", [20, 25, 22, 30])])
            .ToPdf();

        using var pdf = PdfDocument.Open(bytes);
        var text = pdf.GetPage(1).Text.Replace('\u00A0', ' ');
        foreach (var expected in new[] { "Activités par territoire", "Lille Métropole", "Côte d'Opale", "Évolution mensuelle",
                     "janv.", "févr.", "avr.", "Participants", "Bénévoles", "1 250", "310,5" })
        {
            Assert.Contains(expected, text);
        }
    }

    [Fact]
    public void Pdf_kpi_tiles_show_label_value_and_change()
    {
        var bytes = NewComposer().KpiTiles(
        [
            new KpiTile("Activités", "1 234", "+12 % vs période précédente"),
            new KpiTile("Participants", "5 678", "−3 %"),
            new KpiTile("Centres actifs", "87", "="),
            new KpiTile("Heures", "2 450", null),
        ]).ToPdf();

        using var pdf = PdfDocument.Open(bytes);
        var text = pdf.GetPage(1).Text;
        Assert.Contains("Centres actifs", text);
        Assert.Contains("+12 % vs période précédente", text);
        Assert.Contains("2 450", text);
    }

    [Fact]
    public void Pdf_font_resolver_serves_the_embedded_dejavu_faces_only()
    {
        var resolver = new DejaVuFontResolver();
        Assert.Equal("DejaVuSans-BoldOblique", resolver.ResolveTypeface("DejaVu Sans", true, true)!.FaceName);
        Assert.Equal("DejaVuSans-Bold", resolver.ResolveTypeface("Arial", true, false)!.FaceName);
        foreach (var face in DejaVuFontResolver.FaceNames)
        {
            var font = resolver.GetFont(face);
            Assert.NotNull(font);
            Assert.True(font.Length > 100_000);
            Assert.Equal(new byte[] { 0, 1, 0, 0 }, font[..4]); // TrueType outlines, read from the assembly
        }
        Assert.Null(resolver.GetFont("NotAFont"));

        // Installing the resolver concurrently and repeatedly is harmless.
        Parallel.For(0, 16, _ => PdfFonts.EnsureConfigured());
        Assert.IsType<DejaVuFontResolver>(GlobalFontSettings.FontResolver);

        var bytes = NewComposer().Paragraph("Normal").Paragraph("Gras", TextStyle.Strong).Paragraph("Italique", TextStyle.Emphasis).ToPdf();
        using var pdf = PdfDocument.Open(bytes);
        var fonts = pdf.GetPage(1).Letters.Select(l => l.FontName).Distinct().ToList();
        Assert.Equal(3, fonts.Count);
        Assert.All(fonts, f => Assert.Contains("DejaVu Sans", f ?? string.Empty));
        Assert.Contains(fonts, f => f!.EndsWith(",Bold", StringComparison.Ordinal));
        Assert.Contains(fonts, f => f!.Contains("Oblique", StringComparison.Ordinal));
    }

    [Fact]
    public void Pdf_bar_chart_taller_than_a_page_continues_on_the_next_page_without_overflowing_the_footer()
    {
        var labels = Enumerable.Range(1, 80).Select(i => $"Catégorie {i:00}").ToList();
        var bytes = NewComposer().Paragraph("Introduction.").BarChart("Beaucoup de barres", labels, labels.Select((_, i) => (double)i).ToList()).ToPdf();

        using var pdf = PdfDocument.Open(bytes);
        Assert.True(pdf.NumberOfPages >= 2);
        var words = string.Join(' ', pdf.GetPages().Select(p => p.Text));
        Assert.All(labels, l => Assert.Contains(l, words));
        Assert.Contains("Beaucoup de barres (suite)", words);
        AssertOnlyFooterBelowContent(pdf);
    }

    /// <summary>Nothing but the footer is drawn below the content box (no block overflows into the margin).</summary>
    internal static void AssertOnlyFooterBelowContent(PdfDocument pdf)
    {
        foreach (var page in pdf.GetPages())
        {
            var below = string.Concat(page.Letters.Where(l => l.StartBaseLine.Y <= PageFlow.MarginBottom).Select(l => l.Value));
            // In reading order: the footer text, the generation date, then the page number (ADR 022).
            var expected = FooterText + "Généré le 15/03/2024 à 10:30" + $"Page {page.Number} / {pdf.NumberOfPages}";
            Assert.Equal(Strip(expected), Strip(below));
        }
    }

    /// <summary>Text of a page above the footer zone (PdfPig's origin is the bottom-left corner).</summary>
    internal static string BodyText(Page page) =>
        string.Concat(page.Letters.Where(l => l.StartBaseLine.Y > PageFlow.MarginBottom).Select(l => l.Value));

    internal static string Strip(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Where(c => !char.IsWhiteSpace(c)))
        {
            sb.Append(c);
        }
        return sb.ToString();
    }
}
