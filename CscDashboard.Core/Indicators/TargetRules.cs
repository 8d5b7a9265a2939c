using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Network;
using CscDashboard.Core.Operations;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Indicators;

/// <summary>The rules of a target and its milestones, shared by the targets page and the import (French messages).</summary>
public static class TargetRules
{
    public const string ValueField = nameof(TargetInput.Value);
    public const string MilestonesField = nameof(TargetInput.Milestones);

    public static FieldErrors Validate(decimal value, IReadOnlyList<TargetPoint> milestones, OperationPeriod operation)
    {
        var errors = new FieldErrors();
        if (value < 0 || value > IndicatorRules.MaxValue)
        {
            errors.Add(ValueField, "La cible doit être un nombre positif ou nul.");
        }
        if (milestones.Count > IndicatorRules.MaxMilestones)
        {
            errors.Add(MilestonesField, $"Une cible compte au plus {IndicatorRules.MaxMilestones} jalons.");
        }
        foreach (var milestone in milestones)
        {
            if (milestone.Date <= operation.StartDate || milestone.Date >= operation.EndDate)
            {
                errors.Add(MilestonesField, $"Le jalon du {Day(milestone.Date)} doit tomber entre le {Day(operation.StartDate.AddDays(1))} et le "
                    + $"{Day(operation.EndDate.AddDays(-1))} : la cible elle-même vaut pour le {Day(operation.EndDate)}, fin de l'opération {operation.Code}.");
            }
            if (milestone.Value < 0 || milestone.Value > value)
            {
                errors.Add(MilestonesField, $"Le jalon du {Day(milestone.Date)} ({IndicatorLabels.Value(milestone.Value)}) doit être compris entre 0 et la cible ({IndicatorLabels.Value(value)}).");
            }
        }
        foreach (var day in milestones.GroupBy(m => m.Date).Where(g => g.Count() > 1))
        {
            errors.Add(MilestonesField, $"Deux jalons tombent le {Day(day.Key)} : gardez-en un.");
        }
        var ordered = milestones.OrderBy(m => m.Date).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Value < ordered[i - 1].Value)
            {
                errors.Add(MilestonesField, $"Les jalons croissent avec le temps : celui du {Day(ordered[i].Date)} ({IndicatorLabels.Value(ordered[i].Value)}) "
                    + $"est en dessous de celui du {Day(ordered[i - 1].Date)} ({IndicatorLabels.Value(ordered[i - 1].Value)}).");
            }
        }
        return errors;
    }

    private static string Day(DateOnly date) => date.ToString("dd/MM/yyyy", French.Culture);
}

/// <summary>Writes a target and its milestones on a context (the caller saves): each row added, changed or removed is audited.</summary>
internal static class TargetWriter
{
    public static async Task SetAsync(AppDbContext db, TargetInput input, CancellationToken ct)
    {
        var target = await db.IndicatorTargets.Include(t => t.Milestones)
            .SingleOrDefaultAsync(t => t.IndicatorId == input.IndicatorId && t.TerritoryId == input.TerritoryId, ct);
        if (target is null)
        {
            target = new IndicatorTarget { IndicatorId = input.IndicatorId, TerritoryId = input.TerritoryId };
            db.IndicatorTargets.Add(target);
        }
        target.Value = input.Value;
        var wanted = input.Milestones.ToDictionary(m => m.Date, m => m.Value);
        foreach (var gone in target.Milestones.Where(m => !wanted.ContainsKey(m.Date)).ToList())
        {
            target.Milestones.Remove(gone);
            db.TargetMilestones.Remove(gone);
        }
        foreach (var (date, value) in wanted)
        {
            if (target.Milestones.FirstOrDefault(m => m.Date == date) is { } kept)
            {
                kept.Value = value;
            }
            else
            {
                target.Milestones.Add(new TargetMilestone { Date = date, Value = value });
            }
        }
    }
}
