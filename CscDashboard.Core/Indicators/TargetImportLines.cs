using CscDashboard.Core.Network;
using CscDashboard.Core.Network.Import;
using CscDashboard.Core.Operations;

namespace CscDashboard.Core.Indicators;

/// <summary>One line of a targets file as read: its cells in the order of <see cref="TargetImportService.Columns"/>, what they say, its errors.</summary>
internal sealed class TargetLine(int line, string[] values)
{
    public int Line { get; } = line;
    public string[] Values { get; } = values;
    public List<string> Errors { get; } = [];
    public int? IndicatorId { get; set; }
    public int? TerritoryId { get; set; }
    public DateOnly? Date { get; set; }
    public decimal? Value { get; set; }

    public string this[string column] => Values[TargetImportService.Columns.ToList().IndexOf(column)];

    public void Error(string column, string message) => Errors.Add($"« {column} » : {message}");
}

/// <summary>How the lines of a targets file are read and grouped into targets, with their French messages (<see cref="TargetImportService"/>).</summary>
internal static class TargetImportLines
{
    private const string IndicatorColumn = TargetImportService.IndicatorColumn;
    private const string TerritoryColumn = TargetImportService.TerritoryColumn;
    private const string DateColumn = TargetImportService.DateColumn;
    private const string ValueColumn = TargetImportService.ValueColumn;

    public static TargetLine Read(TabularLine source, Dictionary<string, int> positions, Dictionary<string, int> indicators,
        IReadOnlyList<TerritoryRef> territories, OperationPeriod operation)
    {
        var line = new TargetLine(source.Number, TargetImportService.Columns
            .Select(c => positions[c] >= 0 && positions[c] < source.Cells.Count ? TabularWriter.Unneutralise(source.Cells[positions[c]].Trim()) : "")
            .ToArray());
        var code = line[IndicatorColumn];
        if (code.Length == 0)
        {
            line.Error(IndicatorColumn, "cette valeur est obligatoire.");
        }
        else if (indicators.TryGetValue(NetworkLabels.Fold(code), out var indicatorId))
        {
            line.IndicatorId = indicatorId;
        }
        else
        {
            line.Error(IndicatorColumn, $"indicateur inconnu « {code} » dans l'opération {operation.Code}"
                + (indicators.Count == 0 ? " : son catalogue est vide." : $" (codes : {string.Join(", ", indicators.Keys.Order().Select(k => k.ToUpperInvariant()))})."));
        }
        var territory = line[TerritoryColumn];
        if (territory.Length > 0)
        {
            var key = NetworkLabels.Fold(territory);
            var found = territories.FirstOrDefault(t => NetworkLabels.Fold(t.Code) == key) ?? territories.FirstOrDefault(t => NetworkLabels.Fold(t.Name) == key);
            if (found is null)
            {
                line.Error(TerritoryColumn, $"territoire inconnu « {territory} » : indiquez son code ({string.Join(", ", territories.Select(t => t.Code))}) "
                    + "ou son nom exact, ou laissez la case vide pour l'opération entière.");
            }
            line.TerritoryId = found?.Id;
        }
        if (!CellFormat.TryDate(line[DateColumn], out var date))
        {
            line.Error(DateColumn, $"date invalide « {line[DateColumn]} » (format attendu : JJ/MM/AAAA ; vide pour la cible de fin d'opération).");
        }
        line.Date = date == operation.EndDate ? null : date;
        if (line[ValueColumn].Length == 0)
        {
            line.Error(ValueColumn, "cette valeur est obligatoire.");
        }
        else if (!CellFormat.TryNumber(line[ValueColumn], out var value))
        {
            line.Error(ValueColumn, $"nombre invalide « {line[ValueColumn]} ».");
        }
        else
        {
            line.Value = value;
        }
        return line;
    }

    /// <summary>
    /// The lines of each indicator and territory as one target: exactly one line without a date (the target), the others its
    /// milestones, each day once; the target's rules (<see cref="TargetRules"/>) are told on the target's line.
    /// </summary>
    public static List<TargetInput> Group(List<TargetLine> lines, OperationPeriod operation)
    {
        var targets = new List<TargetInput>();
        foreach (var group in lines.Where(l => l.IndicatorId is not null && (l.TerritoryId is not null || l[TerritoryColumn].Length == 0))
                     .GroupBy(l => (Indicator: l.IndicatorId!.Value, l.TerritoryId)))
        {
            var finals = group.Where(l => l.Date is null && !l.Errors.Any(e => e.StartsWith($"« {DateColumn} »", StringComparison.Ordinal))).ToList();
            if (finals.Count == 0)
            {
                foreach (var line in group)
                {
                    line.Error(DateColumn, $"aucune ligne sans échéance pour cet indicateur et ce périmètre : ajoutez-en une avec la cible attendue au {operation.EndDate:dd/MM/yyyy}.");
                }
                continue;
            }
            foreach (var duplicate in finals.Skip(1))
            {
                duplicate.Error(DateColumn, $"doublon de la ligne {finals[0].Line} (même indicateur, même périmètre, sans échéance).");
            }
            var milestones = group.Where(l => l.Date is not null).ToList();
            foreach (var day in milestones.GroupBy(l => l.Date))
            {
                foreach (var duplicate in day.Skip(1))
                {
                    duplicate.Error(DateColumn, $"doublon de la ligne {day.First().Line} (même indicateur, même périmètre, même échéance).");
                }
            }
            if (group.Any(l => l.Errors.Count > 0))
            {
                continue;
            }
            var input = new TargetInput
            {
                IndicatorId = group.Key.Indicator, TerritoryId = group.Key.TerritoryId, Value = finals[0].Value!.Value,
                Milestones = milestones.Select(l => new TargetPoint(l.Date!.Value, l.Value!.Value)).ToList(),
            };
            foreach (var (_, messages) in TargetRules.Validate(input.Value, input.Milestones, operation).All)
            {
                finals[0].Errors.AddRange(messages);
            }
            if (finals[0].Errors.Count == 0)
            {
                targets.Add(input);
            }
        }
        return targets;
    }
}
