using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace CscDashboard.Core.Network.Import;

/// <summary>
/// Long lists written as their rows arrive, so that a national export (a million rows) never sits in memory:
/// CSV line by line into the output stream, XLSX through MiniExcel, which reads an <see cref="IAsyncEnumerable{T}"/>
/// lazily and, with no known row count and FastMode off, never seeks back in the sheet (no buffered zip entry).
/// Text cells are neutralised exactly like the small exports; numbers stay numbers.
/// </summary>
public static partial class TabularWriter
{
    public static async Task<int> WriteCsvAsync(Stream output, IReadOnlyList<string> headers,
        IAsyncEnumerable<IReadOnlyList<object?>> rows, CancellationToken ct = default)
    {
        await output.WriteAsync(Encoding.UTF8.GetPreamble(), ct);
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), bufferSize: 64 * 1024, leaveOpen: true);
        await writer.WriteAsync(CsvLine(headers));
        var count = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            await writer.WriteAsync(CsvLine(row));
            count++;
        }
        await writer.FlushAsync(ct);
        return count;
    }

    /// <summary>
    /// The headers go out as the first row (MiniExcel would take them from the first data row, and an empty
    /// export would then have none). Writes synchronously to <paramref name="output"/> at the end (the zip's
    /// directory): give it a file, not a response body.
    /// </summary>
    public static async Task<int> WriteXlsxAsync(Stream output, string sheetName, IReadOnlyList<string> headers,
        IAsyncEnumerable<IReadOnlyList<object?>> rows, CancellationToken ct = default)
    {
        var count = 0;
        async IAsyncEnumerable<Dictionary<string, object?>> Lines()
        {
            yield return Line(headers);
            await foreach (var row in rows.WithCancellation(ct))
            {
                count++;
                yield return Line(row);
            }
        }
        await output.SaveAsAsync(Lines(), printHeader: false, sheetName: sheetName, excelType: ExcelType.XLSX, cancellationToken: ct);
        return count;
    }

    private static Dictionary<string, object?> Line<T>(IReadOnlyList<T> cells)
    {
        var line = new Dictionary<string, object?>(cells.Count);
        for (var i = 0; i < cells.Count; i++)
        {
            line[ColumnKeys[i]] = cells[i] is string text ? Neutralise(text) : (object?)cells[i] ?? "";
        }
        return line;
    }

    private static readonly string[] ColumnKeys = [.. Enumerable.Range(0, 64).Select(i => "c" + i.ToString(CultureInfo.InvariantCulture))];

    private static string CsvLine<T>(IReadOnlyList<T> cells)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                line.Append(';');
            }
            line.Append(cells[i] switch
            {
                null => "",
                string text => CsvCell(text),
                IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                var other => CsvCell(other.ToString()),
            });
        }
        return line.Append("\r\n").ToString();
    }
}
