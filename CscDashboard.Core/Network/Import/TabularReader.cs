using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace CscDashboard.Core.Network.Import;

/// <summary>One line of a file as the user sees it: its number (header = 1 when it is the first line) and its cells.</summary>
public sealed record TabularLine(int Number, IReadOnlyList<string> Cells)
{
    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);
}

/// <summary>A problem with the file as a whole (format, size, encoding); the message is French.</summary>
public sealed class ImportFileException(string message) : Exception(message);

/// <summary>
/// Reads CSV (UTF-8 with or without BOM; separator ';' or ',' detected from the header line; quoted
/// fields with "" escapes and line breaks) and XLSX (first sheet, through MiniExcel) into lines of text cells.
/// </summary>
public static class TabularReader
{
    public static bool IsXlsx(string fileName) => Path.GetExtension(fileName).Equals(".xlsx", StringComparison.OrdinalIgnoreCase);
    public static bool IsCsv(string fileName) => Path.GetExtension(fileName).Equals(".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the file; more than <paramref name="maxRows"/> non-blank lines under the header is refused.</summary>
    public static IReadOnlyList<TabularLine> Read(byte[] content, string fileName, int maxRows)
    {
        if (IsCsv(fileName))
        {
            return ReadCsv(Decode(content), maxRows);
        }
        if (IsXlsx(fileName))
        {
            return ReadXlsx(content, maxRows);
        }
        throw new ImportFileException(
            $"Le format du fichier « {Path.GetFileName(fileName)} » n'est pas pris en charge : importez un fichier .csv (UTF-8) ou .xlsx.");
    }

    private static string Decode(byte[] content)
    {
        try
        {
            var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
            var text = strict.GetString(content);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            throw new ImportFileException(
                "Le fichier n'est pas encodé en UTF-8 : dans Excel, choisissez « Enregistrer sous » puis le type « CSV UTF-8 (délimité par des virgules) ».");
        }
    }

    /// <summary>The separator is the more frequent of ';' and ',' outside quotes on the first line; ';' when neither appears.</summary>
    public static char DetectSeparator(string text)
    {
        int semicolons = 0, commas = 0;
        var inQuotes = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && c is '\r' or '\n')
            {
                break;
            }
            else if (!inQuotes && c == ';')
            {
                semicolons++;
            }
            else if (!inQuotes && c == ',')
            {
                commas++;
            }
        }
        return commas > semicolons ? ',' : ';';
    }

    public static IReadOnlyList<TabularLine> ReadCsv(string text, int maxRows)
    {
        var separator = DetectSeparator(text);
        var lines = new List<TabularLine>();
        var cells = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var quotedField = false;
        var physicalLine = 1;
        var recordStart = 1;
        var nonBlank = 0;

        void EndField()
        {
            cells.Add(field.ToString());
            field.Clear();
            quotedField = false;
        }
        void EndRecord()
        {
            EndField();
            var line = new TabularLine(recordStart, cells.ToArray());
            lines.Add(line);
            cells.Clear();
            if (!line.IsBlank && ++nonBlank > maxRows + 1)
            {
                throw TooManyRows(maxRows);
            }
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
                    {
                        physicalLine++;
                    }
                    field.Append(c);
                }
                continue;
            }
            if (c == '"' && field.Length == 0 && !quotedField)
            {
                inQuotes = true;
                quotedField = true;
            }
            else if (c == separator)
            {
                EndField();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
                EndRecord();
                physicalLine++;
                recordStart = physicalLine;
            }
            else
            {
                field.Append(c);
            }
        }
        if (inQuotes)
        {
            throw new ImportFileException($"Ligne {recordStart} : un guillemet ouvert n'est jamais refermé.");
        }
        if (field.Length > 0 || cells.Count > 0 || quotedField)
        {
            EndRecord();
        }
        return lines;
    }

    private static IReadOnlyList<TabularLine> ReadXlsx(byte[] content, int maxRows)
    {
        var lines = new List<TabularLine>();
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            var number = 0;
            var nonBlank = 0;
            // Without a header row MiniExcel yields every row of the first sheet, blank ones included, from row 1.
            foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX))
            {
                number++;
                var line = new TabularLine(number, row.Values.Select(CellText).ToArray());
                lines.Add(line);
                if (!line.IsBlank && ++nonBlank > maxRows + 1)
                {
                    throw TooManyRows(maxRows);
                }
            }
        }
        catch (ImportFileException)
        {
            throw;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException or NotSupportedException)
        {
            throw new ImportFileException("Le classeur Excel n'a pas pu être lu : vérifiez qu'il s'agit bien d'un fichier .xlsx non protégé.");
        }
        return lines;
    }

    private static ImportFileException TooManyRows(int maxRows) => new(TooManyRowsMessage(maxRows));

    public static string TooManyRowsMessage(int maxRows) =>
        $"Le fichier dépasse {maxRows.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', ' ')} lignes : découpez-le en plusieurs fichiers.";

    /// <summary>A spreadsheet cell as the text a user would type: dates as dd/MM/yyyy, numbers without exponent.</summary>
    private static string CellText(object? value) => value switch
    {
        null => "",
        string s => s,
        DateTime d => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.##########", CultureInfo.InvariantCulture),
        bool b => b ? "Oui" : "Non",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
