using System.IO.Compression;
using System.Text;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Reporting.Pdf;
using CscDashboard.Tests.Infrastructure;

namespace CscDashboard.Tests.Core.Evidence;

/// <summary>Small real files of each accepted type, and helpers to look at what the vault stored.</summary>
internal static class EvidenceTestData
{
    public static byte[] Pdf(string text = "Feuille signée") =>
        new PdfDocumentComposerFactory().Create(new DocumentSettings("Scan", "Test", DateTimeOffset.UnixEpoch)).Paragraph(text).ToPdf();

    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01];
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D];
    /// <summary>The start of a Windows executable ("MZ" header).</summary>
    public static readonly byte[] Executable = [.. "MZ"u8, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, .. new byte[200]];

    public static byte[] Xlsx() => Zip(("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>"));
    public static byte[] Docx() => Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<document/>"));
    public static byte[] Odt() => Zip(("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<office:document-content/>"));

    public static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), Encoding.UTF8);
                writer.Write(content);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>Every file under the data directory's evidence folder (temporary files included).</summary>
    public static string[] StoredFiles(CoreTestContext ctx)
    {
        var dir = Path.Combine(ctx.DataDirectory, "evidence");
        return Directory.Exists(dir) ? Directory.GetFiles(dir, "*", SearchOption.AllDirectories) : [];
    }

    public static async Task<int> AddActivityAsync(CoreTestContext ctx, int territoryId, string title = "Atelier numérique parents-enfants",
        DateOnly? date = null, int minutes = 120, params int[] centreIds)
    {
        return await ctx.Get<ActivityService>().CreateAsync(new ActivityInput
        {
            Date = date ?? new DateOnly(2023, 3, 14), StartTime = new TimeOnly(14, 0), DurationMinutes = minutes, TerritoryId = territoryId,
            Type = centreIds.Length > 0 ? ActivityType.PublicAction : ActivityType.Coordination, Format = ActivityFormat.Workshop, Place = ActivityPlace.InCentre, Title = title,
            InhabitantCount = 12, CentreIds = [.. centreIds],
        });
    }
}
