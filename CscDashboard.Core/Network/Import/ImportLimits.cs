using System.Globalization;

namespace CscDashboard.Core.Network.Import;

/// <summary>
/// Bounds of every import (docs/network-import.md, ADR 019): a file is read within them or refused with a
/// French message, so that no file, however crafted, keeps a core busy. <c>Import:*</c> in appsettings.json.
/// </summary>
public sealed record ImportLimits
{
    public const string Section = "Import";

    /// <summary>Non-blank data lines under the header.</summary>
    public int MaxRows { get; init; } = NetworkImportService.MaxRows;

    /// <summary>Columns read; a value further right is refused (the expected ones are far fewer: 12 at most).</summary>
    public int MaxColumns { get; init; } = 50;

    /// <summary>Nothing is read below this line number (blank lines included): twice the data lines.</summary>
    public int MaxLines => MaxRows * 2;

    /// <summary>What an XLSX (a ZIP of XML) may hold once decompressed, all entries together.</summary>
    public long MaxUncompressedBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>Reading and checking a file past this time stops with a message.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public static ImportLimits Default { get; } = new();

    internal string TooManyColumnsMessage =>
        $"Le fichier a des colonnes inattendues au-delà de la colonne {ColumnName(MaxColumns)} ({MaxColumns} colonnes au plus) : "
        + "supprimez-les, ou copiez les colonnes à importer dans un nouveau fichier.";

    internal string TooManyLinesMessage =>
        $"Le fichier a des lignes au-delà de la ligne {Number(MaxLines)} : supprimez les lignes inutiles en fin de feuille, "
        + $"ou découpez-le en plusieurs fichiers de {Number(MaxRows)} lignes au plus.";

    internal string TooLargeUncompressedMessage =>
        $"Le classeur Excel dépasse {MaxUncompressedBytes / (1024 * 1024)} Mo une fois décompressé : "
        + "copiez seulement la liste à importer dans un nouveau classeur.";

    internal string TimeoutMessage =>
        $"Import interrompu : plus de {Common.French.Plural((int)Math.Ceiling(Timeout.TotalSeconds), "seconde", "secondes")} pour lire le fichier. Découpez-le en plusieurs fichiers plus petits.";

    /// <summary>A spreadsheet column's letters: 1 → A, 50 → AX.</summary>
    public static string ColumnName(int number)
    {
        var name = "";
        for (; number > 0; number = (number - 1) / 26)
        {
            name = (char)('A' + ((number - 1) % 26)) + name;
        }
        return name;
    }

    internal static string Number(int value) => value.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', ' ');
}
