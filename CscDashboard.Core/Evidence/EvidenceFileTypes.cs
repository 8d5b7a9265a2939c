using System.IO.Compression;
using System.Text;

namespace CscDashboard.Core.Evidence;

/// <summary>An accepted file type: its MIME type, the extension used for downloads and its French short name.</summary>
public sealed record EvidenceFileType(string ContentType, string Extension, string Label);

/// <summary>
/// Recognises the accepted types from a file's bytes, never from its name: PDF, JPEG and PNG by their
/// signatures; XLSX, DOCX and ODT are ZIP archives told apart by their entries.
/// </summary>
public static class EvidenceFileTypes
{
    public static readonly EvidenceFileType Pdf = new("application/pdf", ".pdf", "PDF");
    public static readonly EvidenceFileType Jpeg = new("image/jpeg", ".jpg", "JPEG");
    public static readonly EvidenceFileType Png = new("image/png", ".png", "PNG");
    public static readonly EvidenceFileType Xlsx = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", "XLSX");
    public static readonly EvidenceFileType Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", "DOCX");
    public static readonly EvidenceFileType Odt = new("application/vnd.oasis.opendocument.text", ".odt", "ODT");

    public static readonly IReadOnlyList<EvidenceFileType> All = [Pdf, Jpeg, Png, Xlsx, Docx, Odt];

    /// <summary>For the browser's file picker only; the server checks the bytes.</summary>
    public static string AcceptAttribute => string.Join(",", All.Select(t => t.Extension).Append(".jpeg"));

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>The type of the file at <paramref name="path"/>, or null when it is none of the accepted types.</summary>
    public static EvidenceFileType? Detect(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> head = stackalloc byte[8];
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        if (head.StartsWith(PdfMagic))
        {
            return Pdf;
        }
        if (head.StartsWith(JpegMagic))
        {
            return Jpeg;
        }
        if (head.StartsWith(PngMagic))
        {
            return Png;
        }
        if (head.StartsWith(ZipMagic))
        {
            file.Position = 0;
            return DetectOfficeDocument(file);
        }
        return null;
    }

    private static EvidenceFileType? DetectOfficeDocument(Stream zip)
    {
        try
        {
            using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
            if (archive.GetEntry("mimetype") is { Length: < 200 } mimetype)
            {
                using var reader = new StreamReader(mimetype.Open(), Encoding.ASCII);
                return reader.ReadToEnd().Trim() == Odt.ContentType ? Odt : null;
            }
            if (archive.GetEntry("[Content_Types].xml") is null)
            {
                return null;
            }
            if (archive.Entries.Any(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal)))
            {
                return Xlsx;
            }
            if (archive.Entries.Any(e => e.FullName.StartsWith("word/", StringComparison.Ordinal)))
            {
                return Docx;
            }
            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
