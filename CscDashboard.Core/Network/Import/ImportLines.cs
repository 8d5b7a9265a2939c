using CscDashboard.Core.Common;

namespace CscDashboard.Core.Network.Import;

// How an import line and its territory are read, with their French error messages (NetworkImportService, ImportEntities).

internal sealed record TerritoryRef(int Id, string Code, string Name);

/// <summary>A territory given by its code (FIA, ART…) or its exact name, and whether the caller may write there.</summary>
internal sealed class TerritoryLookup(IReadOnlyList<TerritoryRef> territories, CurrentUser user)
{
    public string NameOf(int id) => territories.FirstOrDefault(t => t.Id == id)?.Name ?? "?";

    public int? Resolve(RowReader row, string column)
    {
        var text = row[column];
        if (text.Length == 0)
        {
            return null;
        }
        var key = NetworkLabels.Fold(text);
        var territory = territories.FirstOrDefault(t => NetworkLabels.Fold(t.Code) == key)
            ?? territories.FirstOrDefault(t => NetworkLabels.Fold(t.Name) == key);
        if (territory is null)
        {
            row.Error(column, $"territoire inconnu « {text} » : indiquez son code ({string.Join(", ", territories.Select(t => t.Code))}) ou son nom exact.");
            return null;
        }
        if (!user.CanWriteTerritory(territory.Id))
        {
            row.Error(column, $"le territoire « {territory.Name} » ne vous est pas attribué : vous ne pouvez pas importer de ligne pour lui.");
        }
        return territory.Id;
    }
}

/// <summary>One data line: its cells by header, and its errors (the first per column, so that one mistake gives one message).</summary>
internal sealed class RowReader(int line, string[] values, IReadOnlyList<string> columns)
{
    private readonly HashSet<string> _columnsInError = [];

    public int Line { get; } = line;
    public string[] Values { get; } = values;
    public List<string> Errors { get; } = [];

    public string this[string header] => Values[IndexOf(header)];

    private int IndexOf(string header)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i] == header)
            {
                return i;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(header), header, null);
    }

    public void Error(string column, string message)
    {
        if (_columnsInError.Add(column))
        {
            Errors.Add($"« {column} » : {message}");
        }
    }

    public void AddRuleErrors(ImportKind kind, FieldErrors errors)
    {
        foreach (var (field, messages) in errors.All)
        {
            Error(NetworkColumns.ColumnOfField(kind, field), Lower(messages[0]));
        }
    }

    public T Enum<T>(string column, T fallback, string what) where T : struct, System.Enum
    {
        var text = this[column];
        if (text.Length == 0)
        {
            return fallback;
        }
        if (NetworkLabels.TryParse<T>(text, out var value))
        {
            return value;
        }
        Error(column, $"{what} inconnu « {text} » (valeurs possibles : {NetworkLabels.Choices<T>()}).");
        return fallback;
    }

    public DateOnly? Date(string column)
    {
        if (CellFormat.TryDate(this[column], out var date))
        {
            return date;
        }
        Error(column, $"date invalide « {this[column]} » (format attendu : JJ/MM/AAAA).");
        return null;
    }

    public bool Bool(string column)
    {
        if (CellFormat.TryBool(this[column], out var value))
        {
            return value;
        }
        Error(column, $"valeur invalide « {this[column]} » (Oui ou Non).");
        return false;
    }

    public decimal? Number(string column)
    {
        if (CellFormat.TryNumber(this[column], out var value))
        {
            return value;
        }
        Error(column, $"nombre invalide « {this[column]} ».");
        return null;
    }

    public void CheckDuplicate(string column, string key, Dictionary<string, int> seen, HashSet<string> existing, string sameWhat, string existsMessage)
    {
        if (seen.TryGetValue(key, out var firstLine))
        {
            Error(column, $"doublon de la ligne {firstLine} ({sameWhat}).");
        }
        else
        {
            seen[key] = Line;
            if (existing.Contains(key))
            {
                Error(column, existsMessage);
            }
        }
    }

    private static string Lower(string message) =>
        message.Length > 1 && char.IsUpper(message[0]) && !char.IsUpper(message[1]) ? char.ToLowerInvariant(message[0]) + message[1..] : message;
}
