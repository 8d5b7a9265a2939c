using CscDashboard.Core.Common;
using CscDashboard.Core.Reporting;
using CscDashboard.Core.Reporting.Pdf;
using CscDashboard.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace CscDashboard.Tests.Core.Reporting;

/// <summary>EU publicity on every generated PDF (issue 20 point 9): the emblem drawn on page 1, « Cofinancé par l'Union européenne », the operation's mention, the Région.</summary>
public sealed class EuPublicityTests
{
    private const string Mention = "Cofinancé par l'Union européenne — FEDER REACT-EU (Région Hauts-de-France)";
    private static readonly PdfDocumentComposerFactory Composers = new();

    public static TheoryData<string> Documents => new() { "feuille d'émargement", "feuille de temps", "bilan" };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Page_one_carries_the_emblem_the_statement_the_operation_s_mention_and_the_region(string kind)
    {
        var pdf = kind switch
        {
            "feuille d'émargement" => SignableDocuments.AttendanceSheet(new AttendanceSheetModel
            {
                OperationLabel = "Opération CSC-2021-2023", FundingMention = Mention, ManagingAuthority = "Région Hauts-de-France", Title = "Atelier",
                Date = new DateOnly(2023, 3, 14), DurationMinutes = 60, Type = "Atelier", Place = "Centre", Centres = [], TerritoryName = "Artois",
            }, Composers),
            "feuille de temps" => SignableDocuments.Timesheet(new TimesheetModel
            {
                OperationLabel = "Opération CSC-2021-2023", FundingMention = Mention, ManagingAuthority = "Région Hauts-de-France", MemberName = "Awa Artois",
                Role = "CTN", Assignment = "Temps variable", TerritoryName = "Artois", Month = new DateOnly(2023, 3, 1), Days = [],
            }, Composers),
            _ => await ReportAsync(),
        };

        using var document = PdfDocument.Open(pdf);
        var page = document.GetPage(1);
        Assert.Contains("Cofinancé par l'Union européenne", page.Text);
        Assert.Contains("FEDER REACT-EU", page.Text);
        Assert.Contains("Région Hauts-de-France", page.Text);

        // The emblem: one blue rectangle 3:2 and twelve gold stars on a circle of a third of its height, each an eighteenth high.
        var blue = page.Paths.Where(p => p.IsFilled && Is(p.FillColor, 0x00, 0x33, 0x99)).Select(p => p.GetBoundingRectangle()!.Value).ToList();
        var stars = page.Paths.Where(p => p.IsFilled && Is(p.FillColor, 0xFF, 0xCC, 0x00)).Select(p => p.GetBoundingRectangle()!.Value).ToList();
        var flag = Assert.Single(blue);
        Assert.Equal(1.5, flag.Width / flag.Height, 2);
        Assert.Equal(12, stars.Count);
        foreach (var star in stars)
        {
            var distance = Math.Sqrt(Math.Pow((star.Left + star.Right) / 2 - (flag.Left + flag.Right) / 2, 2) + Math.Pow((star.Top + star.Bottom) / 2 - (flag.Top + flag.Bottom) / 2, 2));
            // The bounding box's middle is a little off the star's centre (a star is not symmetric top to bottom).
            Assert.InRange(distance / flag.Height, 1.0 / 3 - 0.02, 1.0 / 3 + 0.02);
            Assert.InRange(star.Width / flag.Height, 2.0 / 18 * 0.9, 2.0 / 18);
        }
    }

    private static async Task<byte[]> ReportAsync()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        ctx.ActAs(await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        var model = await ctx.Get<ProgressReportBuilder>().BuildAsync(ReportKind.Monthly, Period.Month(2023, 2), null);
        return new ProgressReportDocument(model).Render(Composers);
    }

    private static bool Is(UglyToad.PdfPig.Graphics.Colors.IColor? color, int r, int g, int b)
    {
        if (color is null)
        {
            return false;
        }
        var (red, green, blue) = color.ToRGBValues();
        return Math.Abs(red * 255 - r) < 1.5 && Math.Abs(green * 255 - g) < 1.5 && Math.Abs(blue * 255 - b) < 1.5;
    }
}
