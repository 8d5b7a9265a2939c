using System.Globalization;
using System.Text;

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
public static partial class TabularReader
{
    public static bool IsXlsx(string fileName) => Path.GetExtension(fileName).Equals(".xlsx", StringComparison.OrdinalIgnoreCase);
    public static bool IsCsv(string fileName) => Path.GetExtension(fileName).Equals(".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the file; more than <paramref name="maxRows"/> non-blank lines under the header is refused.</summary>
    public static IReadOnlyList<TabularLine> Read(byte[] content, string fileName, int maxRows) =>
        Read(content, fileName, ImportLimits.Default with { MaxRows = maxRows }, CancellationToken.None);

    /// <summary>
    /// Reads the file within <paramref name="limits"/> (lines, columns, decompressed size), blank lines left out;
    /// a file past a bound is refused with <see cref="ImportFileException"/>. Stops when <paramref name="ct"/> is cancelled.
    /// </summary>
    public static IReadOnlyList<TabularLine> Read(byte[] content, string fileName, ImportLimits limits, CancellationToken ct)
    {
        if (IsCsv(fileName))
        {
            return ReadCsv(Decode(content), limits, ct);
        }
        if (IsXlsx(fileName))
        {
            return ReadXlsx(content, limits, ct);
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

    public static IReadOnlyList<TabularLine> ReadCsv(string text, int maxRows) =>
        ReadCsv(text, ImportLimits.Default with { MaxRows = maxRows }, CancellationToken.None);

    public static IReadOnlyList<TabularLine> ReadCsv(string text, ImportLimits limits, CancellationToken ct)
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
            ct.ThrowIfCancellationRequested();
            var line = Bounded(recordStart, cells, limits);
            cells.Clear();
            if (line is not null)
            {
                lines.Add(line);
                if (++nonBlank > limits.MaxRows + 1)
                {
                    throw TooManyRows(limits.MaxRows);
                }
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

    /// <summary>
    /// The line as kept: null when blank (left out, it costs nothing), refused past the last line or with a value
    /// right of the last column; empty cells past the last column are dropped.
    /// </summary>
    private static TabularLine? Bounded(int number, IReadOnlyList<string> cells, ImportLimits limits)
    {
        if (cells.All(string.IsNullOrWhiteSpace))
        {
            return null;
        }
        if (number > limits.MaxLines)
        {
            throw new ImportFileException(limits.TooManyLinesMessage);
        }
        if (cells.Count > limits.MaxColumns)
        {
            if (cells.Skip(limits.MaxColumns).Any(c => !string.IsNullOrWhiteSpace(c)))
            {
                throw new ImportFileException(limits.TooManyColumnsMessage);
            }
            cells = cells.Take(limits.MaxColumns).ToArray();
        }
        return new TabularLine(number, cells.ToArray());
    }

    /// <summary>The whole stream, or null as soon as it holds more than <paramref name="maxBytes"/> (the rest is not read).</summary>
    public static async Task<byte[]?> ReadBoundedAsync(Stream stream, long maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                return null;
            }
        }
        return buffer.ToArray();
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
