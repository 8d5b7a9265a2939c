using System.Text.RegularExpressions;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Network;
using CscDashboard.Core.Operations;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Indicators;

/// <summary>
/// An operation's indicator catalogue and targets (the targets page): read by staff, written by the project lead and the
/// admin. Every write is audited row by row (targets, milestones), deletions included: children are loaded and removed
/// with their parent, never left to a silent cascade.
/// </summary>
public sealed partial class IndicatorService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users)
{
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex CodePattern();

    public async Task<IndicatorCatalogue> GetCatalogueAsync(int operationId, CancellationToken ct = default)
    {
        var user = users.Current;
        if (!user.CanReadActivities)
        {
            throw new ScopeViolationException("Les indicateurs et cibles ne sont pas accessibles avec votre rôle.");
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var operation = await OperationAsync(db, operationId, ct);
        var groups = await IndicatorCatalogueData.AudienceGroupsAsync(db, ct);
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.OperationId == operationId).OrderBy(i => i.Number).ThenBy(i => i.Code)
            .Select(i => new { i.Id, i.Number, i.Code, i.Name, i.Unit, i.IsEu, i.Source, i.ActivityType, i.AudienceGroupId, i.Version }).ToListAsync(ct);
        var targets = await db.IndicatorTargets.AsNoTracking().Where(t => t.Indicator!.OperationId == operationId)
            .Select(t => new TargetRow(t.Id, t.IndicatorId, t.TerritoryId, t.Value,
                t.Milestones.OrderBy(m => m.Date).Select(m => new TargetPoint(m.Date, m.Value)).ToList()))
            .ToListAsync(ct);
        var territories = await db.Territories.AsNoTracking().OrderBy(t => t.Number).Select(t => new TerritoryRef(t.Id, t.Code, t.Name)).ToListAsync(ct);
        return new IndicatorCatalogue(operation, indicators.Select(i => new IndicatorRow(i.Id, i.Number, i.Code, i.Name, i.Unit, i.IsEu, i.Source, i.ActivityType,
                i.AudienceGroupId, IndicatorLabels.Method(i.Source, i.ActivityType, groups.FirstOrDefault(g => g.Id == i.AudienceGroupId)?.Name), i.Version)).ToList(),
            targets, territories, groups, user.CanWriteFederation);
    }

    public async Task<int> CreateIndicatorAsync(IndicatorInput input, CancellationToken ct = default)
    {
        users.Current.EnsureCanWriteFederation();
        await using var db = await factory.CreateDbContextAsync(ct);
        await ValidateAsync(db, input, null, ct);
        var number = await db.Indicators.Where(i => i.OperationId == input.OperationId).MaxAsync(i => (int?)i.Number, ct) ?? 0;
        var indicator = new Indicator { Code = "", Name = "", Unit = "", Number = number + 1 };
        Apply(input, indicator);
        db.Indicators.Add(indicator);
        await db.SaveChangesAsync(ct);
        return indicator.Id;
    }

    public async Task UpdateIndicatorAsync(int id, IndicatorInput input, long version, CancellationToken ct = default)
    {
        users.Current.EnsureCanWriteFederation();
        await using var db = await factory.CreateDbContextAsync(ct);
        var indicator = await db.Indicators.SingleOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException("Cet indicateur n'existe pas.");
        input = input with { OperationId = indicator.OperationId };
        await ValidateAsync(db, input, indicator, ct);
        db.Entry(indicator).Property(i => i.Version).OriginalValue = version;
        Apply(input, indicator);
        await db.SaveOrConflictAsync(ct);
    }

    /// <summary>Removes the indicator with its targets and milestones; refused while values are declared for it.</summary>
    public async Task DeleteIndicatorAsync(int id, CancellationToken ct = default)
    {
        users.Current.EnsureCanWriteFederation();
        await using var db = await factory.CreateDbContextAsync(ct);
        var indicator = await db.Indicators.Include(i => i.Targets).ThenInclude(t => t.Milestones).SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw new NotFoundException("Cet indicateur n'existe pas.");
        if (await db.IndicatorDeclarations.AnyAsync(d => d.IndicatorId == id, ct))
        {
            throw Invalid(nameof(IndicatorInput.Code), "Des valeurs sont déclarées pour cet indicateur : supprimez-les d'abord.");
        }
        db.TargetMilestones.RemoveRange(indicator.Targets.SelectMany(t => t.Milestones));
        db.IndicatorTargets.RemoveRange(indicator.Targets);
        db.Indicators.Remove(indicator);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Sets (or replaces) the target of an indicator for a territory, or for the operation itself, with its milestones.</summary>
    public async Task SetTargetAsync(TargetInput input, CancellationToken ct = default)
    {
        users.Current.EnsureCanWriteFederation();
        await using var db = await factory.CreateDbContextAsync(ct);
        var indicator = await db.Indicators.AsNoTracking().Where(i => i.Id == input.IndicatorId).Select(i => new { i.OperationId }).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("Cet indicateur n'existe pas.");
        var operation = await OperationAsync(db, indicator.OperationId, ct);
        if (input.TerritoryId is { } territoryId && !await db.Territories.AnyAsync(t => t.Id == territoryId, ct))
        {
            throw Invalid(nameof(TargetInput.TerritoryId), "Ce territoire n'existe pas.");
        }
        var errors = TargetRules.Validate(input.Value, input.Milestones, operation);
        errors.ThrowIfAny();
        await TargetWriter.SetAsync(db, input, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Removes a territory's (or the operation's own) target and its milestones.</summary>
    public async Task RemoveTargetAsync(int indicatorId, int? territoryId, CancellationToken ct = default)
    {
        users.Current.EnsureCanWriteFederation();
        await using var db = await factory.CreateDbContextAsync(ct);
        var target = await db.IndicatorTargets.Include(t => t.Milestones)
            .SingleOrDefaultAsync(t => t.IndicatorId == indicatorId && t.TerritoryId == territoryId, ct)
            ?? throw new NotFoundException("Cette cible n'existe pas.");
        db.TargetMilestones.RemoveRange(target.Milestones);
        db.IndicatorTargets.Remove(target);
        await db.SaveChangesAsync(ct);
    }

    internal static async Task<OperationPeriod> OperationAsync(AppDbContext db, int operationId, CancellationToken ct) =>
        await db.Operations.Where(o => o.Id == operationId).AsPeriods().SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("Cette opération n'existe pas.");

    private static async Task ValidateAsync(AppDbContext db, IndicatorInput input, Indicator? existing, CancellationToken ct)
    {
        await OperationAsync(db, input.OperationId, ct);
        var errors = new FieldErrors();
        var code = input.Code.Trim();
        if (code.Length == 0)
        {
            errors.Add(nameof(input.Code), "Le code est obligatoire.");
        }
        else if (code.Length > IndicatorRules.CodeLength || !CodePattern().IsMatch(code))
        {
            errors.Add(nameof(input.Code), $"Le code compte au plus {IndicatorRules.CodeLength} caractères : lettres, chiffres, point, tiret ou tiret bas.");
        }
        else if (await db.Indicators.AnyAsync(i => i.OperationId == input.OperationId && i.Code == code && (existing == null || i.Id != existing.Id), ct))
        {
            errors.Add(nameof(input.Code), $"Le code « {code} » est déjà celui d'un indicateur de cette opération.");
        }
        Text(errors, nameof(input.Name), "Nom", input.Name, TextLimits.Name, "Le nom est obligatoire.");
        Text(errors, nameof(input.Unit), "Unité", input.Unit, IndicatorRules.UnitLength, "L'unité est obligatoire (habitants, centres, €…).");
        if (!Enum.IsDefined(input.Source))
        {
            errors.Add(nameof(input.Source), "Choisissez comment l'indicateur est calculé.");
        }
        if (input.ActivityType is { } type && (!Enum.IsDefined(type)
            || input.Source is not (IndicatorSource.Activities or IndicatorSource.Inhabitants or IndicatorSource.ProfessionalsAndVolunteers)))
        {
            errors.Add(nameof(input.ActivityType), "Un type d'activité ne s'applique qu'aux activités, habitants, professionnels et bénévoles.");
        }
        if (input.Source == IndicatorSource.AudienceInhabitants)
        {
            if (input.AudienceGroupId is not { } groupId || !await db.AudienceGroups.AnyAsync(g => g.Id == groupId, ct))
            {
                errors.Add(nameof(input.AudienceGroupId), "Choisissez le public ou la tranche d'âge compté.");
            }
        }
        else if (input.AudienceGroupId is not null)
        {
            errors.Add(nameof(input.AudienceGroupId), "Un public ne s'applique qu'à un indicateur « habitants d'un public ».");
        }
        if (existing is { Source: IndicatorSource.Manual } && input.Source != IndicatorSource.Manual
            && await db.IndicatorDeclarations.AnyAsync(d => d.IndicatorId == existing.Id, ct))
        {
            errors.Add(nameof(input.Source), "Des valeurs sont déclarées pour cet indicateur : il reste une déclaration manuelle.");
        }
        errors.ThrowIfAny();
    }

    private static void Text(FieldErrors errors, string field, string label, string? value, int max, string required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, required);
        }
        else if (TextRules.Problem(value.Trim(), label, max) is { } problem)
        {
            errors.Add(field, problem);
        }
    }

    private static void Apply(IndicatorInput input, Indicator indicator)
    {
        indicator.OperationId = input.OperationId;
        indicator.Code = input.Code.Trim();
        indicator.Name = input.Name.Trim();
        indicator.Unit = input.Unit.Trim();
        indicator.IsEu = input.IsEu;
        indicator.Source = input.Source;
        indicator.ActivityType = input.ActivityType;
        indicator.AudienceGroupId = input.Source == IndicatorSource.AudienceInhabitants ? input.AudienceGroupId : null;
    }

    internal static ValidationFailedException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}
