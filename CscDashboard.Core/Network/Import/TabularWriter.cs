using System.Data;
using System.Text;
using MiniExcelLibs;

namespace CscDashboard.Core.Network.Import;

public enum ExportFormat
{
    Csv,
    Xlsx,
}

/// <summary>Each export format's file extension (also the last part of the export URLs) and content type.</summary>
public static class ExportFormats
{
    public static string Extension(this ExportFormat format) => format == ExportFormat.Csv ? "csv" : "xlsx";

    public static string ContentType(this ExportFormat format) => format == ExportFormat.Csv ? TabularWriter.CsvContentType : TabularWriter.XlsxContentType;

    /// <summary>The format of an export URL's extension ("csv", "XLSX"…); null for anything else.</summary>
    public static ExportFormat? Parse(string? extension) => extension?.ToLowerInvariant() switch
    {
        "csv" => ExportFormat.Csv,
        "xlsx" => ExportFormat.Xlsx,
        _ => null,
    };
}

/// <summary>A file to download: French name, content type and bytes.</summary>
public sealed record ExportFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Writes lists as CSV (UTF-8 with BOM, ';', CRLF — what French Excel opens directly) or XLSX (MiniExcel),
/// with the same headers as the import so that an export can be imported again.
/// </summary>
public static partial class TabularWriter
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Characters that make a spreadsheet read a cell as a formula (CSV/formula injection).</summary>
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>Prefixes a cell that a spreadsheet would take for a formula with an apostrophe.</summary>
    public static string Neutralise(string? value) =>
        string.IsNullOrEmpty(value) ? "" : FormulaStarts.Contains(value[0]) ? "'" + value : value;

    /// <summary>The reverse of <see cref="Neutralise"/>, applied on import so that an exported file imports as it was.</summary>
    public static string Unneutralise(string value) =>
        value.Length >= 2 && value[0] == '\'' && FormulaStarts.Contains(value[1]) ? value[1..] : value;

    public static byte[] Write(ExportFormat format, string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows) =>
        format == ExportFormat.Csv ? WriteCsv(headers, rows) : WriteXlsx(sheetName, headers, rows);

    public static byte[] WriteCsv(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var text = new StringBuilder();
        AppendCsvLine(text, headers);
        foreach (var row in rows)
        {
            AppendCsvLine(text, row);
        }
        var bom = Encoding.UTF8.GetPreamble();
        var body = new UTF8Encoding(false).GetBytes(text.ToString());
        return [.. bom, .. body];
    }

    private static void AppendCsvLine(StringBuilder text, IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                text.Append(';');
            }
            text.Append(CsvCell(cells[i]));
        }
        text.Append("\r\n");
    }

    /// <summary>One CSV cell: neutralised, then quoted when it holds a separator, a quote or a line break.</summary>
    private static string CsvCell(string? cell)
    {
        var value = Neutralise(cell);
        return value.IndexOfAny([';', '"', '\r', '\n', ',']) >= 0 ? '"' + value.Replace("\"", "\"\"") + '"' : value;
    }

    public static byte[] WriteXlsx(string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        // A DataTable keeps the header row even when there is no data row.
        using var table = new DataTable(sheetName);
        foreach (var header in headers)
        {
            table.Columns.Add(header, typeof(string));
        }
        foreach (var row in rows)
        {
            table.Rows.Add(row.Select(v => (object)Neutralise(v)).ToArray());
        }
        using var stream = new MemoryStream();
        stream.SaveAs(table, sheetName: sheetName, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }
}
