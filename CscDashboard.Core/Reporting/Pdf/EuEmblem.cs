using PdfSharp.Drawing;

namespace CscDashboard.Core.Reporting.Pdf;

/// <summary>
/// What EU publicity rules ask of every document of a funded operation (issue 20 point 9): the EU emblem with
/// « Cofinancé par l'Union européenne », the operation's own funding mention and its managing authority (the Région).
/// </summary>
public sealed record EuPublicity(string FundingMention, string? ManagingAuthority)
{
    public const string Statement = "Cofinancé par l'Union européenne";
}

/// <summary>
/// The EU emblem drawn as vectors, in the proportions of the EU's graphic guide: a blue rectangle 1.5 times as wide as
/// high; twelve gold five-pointed stars, upright, at the hours of a clock on an invisible circle whose radius is a third
/// of the height; each star inscribed in a circle whose radius is an eighteenth of the height. Reflex blue and yellow
/// as their RGB equivalents (#003399, #FFCC00).
/// </summary>
internal static class EuEmblem
{
    public static readonly XColor Blue = XColor.FromArgb(0x00, 0x33, 0x99);
    public static readonly XColor Gold = XColor.FromArgb(0xFF, 0xCC, 0x00);

    /// <summary>Inner radius of a regular five-pointed star, as a share of its outer radius.</summary>
    private static readonly double StarInner = Math.Sin(Math.PI / 10) / Math.Sin(7 * Math.PI / 10);

    public static double WidthFor(double height) => height * 1.5;

    public static void Draw(XGraphics gfx, double x, double y, double height)
    {
        var width = WidthFor(height);
        gfx.DrawRectangle(new XSolidBrush(Blue), x, y, width, height);
        var gold = new XSolidBrush(Gold);
        double cx = x + width / 2, cy = y + height / 2, ring = height / 3, star = height / 18;
        for (var hour = 0; hour < 12; hour++)
        {
            var angle = hour * Math.PI / 6;
            gfx.DrawPolygon(gold, Star(cx + ring * Math.Sin(angle), cy - ring * Math.Cos(angle), star), XFillMode.Winding);
        }
    }

    /// <summary>Ten points of an upright star (one point straight up), alternately outer and inner.</summary>
    private static XPoint[] Star(double cx, double cy, double radius)
    {
        var points = new XPoint[10];
        for (var k = 0; k < 10; k++)
        {
            var r = k % 2 == 0 ? radius : radius * StarInner;
            var theta = -Math.PI / 2 + k * Math.PI / 5;
            points[k] = new XPoint(cx + r * Math.Cos(theta), cy + r * Math.Sin(theta));
        }
        return points;
    }
}
