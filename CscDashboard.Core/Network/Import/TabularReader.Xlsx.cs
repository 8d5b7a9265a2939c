using System.IO.Compression;
using System.Xml;
using MiniExcelLibs;

namespace CscDashboard.Core.Network.Import;

/// <summary>
/// XLSX within bounds. MiniExcel 1.46 gives every row as many cells as the sheet's declared
/// <c>&lt;dimension&gt;</c> (up to column XFD: 16 384) and fills every missing row up to the last one
/// (up to row 1 048 576): a 2 KB file can ask for 17 billion cells. So, before MiniExcel reads anything:
/// the decompressed size of the archive is bounded (.NET truncates an entry to its declared size), each
/// sheet is scanned for a value past the last column or line, and MiniExcel then reads a range that
/// stops there, row by row, cancellable between rows.
/// </summary>
public static partial class TabularReader
{
    private static readonly XmlReaderSettings SheetXml = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
    };

    private static List<TabularLine> ReadXlsx(byte[] content, ImportLimits limits, CancellationToken ct)
    {
        var lines = new List<TabularLine>();
        try
        {
            CheckWorkbook(content, limits, ct);
            using var stream = new MemoryStream(content, writable: false);
            var number = 0;
            var nonBlank = 0;
            // Without a header row MiniExcel yields every row of the range, blank ones included, from row 1.
            foreach (IDictionary<string, object?> row in stream.QueryRange(useHeaderRow: false, excelType: ExcelType.XLSX,
                         startRowIndex: 1, startColumnIndex: 1, endRowIndex: limits.MaxLines, endColumnIndex: limits.MaxColumns))
            {
                ct.ThrowIfCancellationRequested();
                number++;
                if (Bounded(number, row.Values.Select(CellText).ToArray(), limits) is { } line)
                {
                    lines.Add(line);
                    if (++nonBlank > limits.MaxRows + 1)
                    {
                        throw TooManyRows(limits.MaxRows);
                    }
                }
            }
        }
        catch (Exception e) when (e is ImportFileException or OperationCanceledException)
        {
            throw;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or XmlException or InvalidOperationException or NotSupportedException
                                      or IndexOutOfRangeException or ArgumentException or FormatException)
        {
            throw new ImportFileException("Le classeur Excel n'a pas pu être lu : vérifiez qu'il s'agit bien d'un fichier .xlsx non protégé.");
        }
        return lines;
    }

    /// <summary>
    /// Refuses a workbook bigger than the bound once decompressed, or whose sheets hold a value right of the last
    /// column or below the last line (a cell with content: an empty styled cell is not one). The declared
    /// dimension is not trusted either way.
    /// </summary>
    private static void CheckWorkbook(byte[] content, ImportLimits limits, CancellationToken ct)
    {
        using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        if (zip.Entries.Sum(e => e.Length) > limits.MaxUncompressedBytes)
        {
            throw new ImportFileException(limits.TooLargeUncompressedMessage);
        }
        foreach (var sheet in zip.Entries.Where(e => e.FullName.TrimStart('/').StartsWith("xl/worksheets/sheet", StringComparison.OrdinalIgnoreCase)))
        {
            using var stream = sheet.Open();
            using var xml = XmlReader.Create(stream, SheetXml);
            var row = 0;
            var cellInRow = 0;
            var elements = 0;
            while (xml.Read())
            {
                if (xml.NodeType != XmlNodeType.Element)
                {
                    continue;
                }
                if ((++elements & 0xFFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }
                if (xml.LocalName == "row")
                {
                    row = int.TryParse(xml.GetAttribute("r"), out var r) ? r : row + 1;
                    cellInRow = 0;
                }
                else if (xml.LocalName == "c" && ++cellInRow > 0 && !xml.IsEmptyElement)
                {
                    var (column, line) = Reference(xml.GetAttribute("r"), row, cellInRow);
                    if (column > limits.MaxColumns)
                    {
                        throw new ImportFileException(limits.TooManyColumnsMessage);
                    }
                    if (line > limits.MaxLines)
                    {
                        throw new ImportFileException(limits.TooManyLinesMessage);
                    }
                }
            }
        }
    }

    /// <summary>Column number and row of a cell reference such as "AX12"; a cell without one is the next one of the current row.</summary>
    private static (int Column, int Row) Reference(string? reference, int currentRow, int cellInRow)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return (cellInRow, currentRow);
        }
        var column = 0;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]) && column <= 1_000_000; i++)
        {
            column = (column * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
        }
        return (column, int.TryParse(reference.AsSpan(i), out var row) ? row : currentRow);
    }
}
