using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Operations;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Indicators;

/// <summary>
/// What the figures of a section need from the catalogue of the operation a period falls in: its indicators, the
/// targets of the scope (every territory's too for the operation, whose target may be their sum), the declared values
/// and the audience groups. A few small reads on the caller's context.
/// </summary>
internal sealed record IndicatorCatalogueData(
    OperationPeriod? Operation,
    IReadOnlyList<IndicatorCatalogueData.Definition> Indicators,
    IReadOnlyList<IndicatorCatalogueData.Goal> Targets,
    IReadOnlyList<IndicatorCatalogueData.Declared> Declarations,
    IReadOnlyList<AudienceGroupRow> Groups)
{
    public sealed record Definition(int Id, string Code, string Name, string Unit, bool IsEu, IndicatorSource Source, ActivityType? Type, int? GroupId);

    public sealed record Goal(int IndicatorId, int? TerritoryId, decimal Value, IReadOnlyList<TargetPoint> Milestones);

    public sealed record Declared(int IndicatorId, int? TerritoryId, DateOnly To, decimal Value, bool HasEvidence);

    /// <summary>
    /// The operation holding the period's reference day (its end, or today if sooner); failing that, the first one the
    /// period overlaps. None: an empty catalogue.
    /// </summary>
    public static async Task<IndicatorCatalogueData> LoadAsync(AppDbContext db, Period period, DateOnly today, int? territoryId, CancellationToken ct)
    {
        var groups = await AudienceGroupsAsync(db, ct);
        var operations = await db.OperationPeriodsAsync(ct);
        var reference = period.To < today ? period.To : today;
        var operation = operations.FirstOrDefault(o => o.Contains(reference))
            ?? operations.FirstOrDefault(o => o.StartDate <= period.To && o.EndDate >= period.From);
        if (operation is null)
        {
            return new IndicatorCatalogueData(null, [], [], [], groups);
        }
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.OperationId == operation.Id).OrderBy(i => i.Number).ThenBy(i => i.Code)
            .Select(i => new Definition(i.Id, i.Code, i.Name, i.Unit, i.IsEu, i.Source, i.ActivityType, i.AudienceGroupId)).ToListAsync(ct);
        if (indicators.Count == 0)
        {
            return new IndicatorCatalogueData(operation, [], [], [], groups);
        }
        var targets = db.IndicatorTargets.AsNoTracking().Where(t => t.Indicator!.OperationId == operation.Id);
        if (territoryId is not null)
        {
            targets = targets.Where(t => t.TerritoryId == territoryId);
        }
        // Two flat reads: a nested collection in the projection made EF take 8 ms for a thousand targets (national database).
        var goals = await targets.Select(t => new { t.Id, t.IndicatorId, t.TerritoryId, t.Value }).ToListAsync(ct);
        var milestones = (await db.TargetMilestones.AsNoTracking().Where(m => m.Target!.Indicator!.OperationId == operation.Id && (territoryId == null || m.Target.TerritoryId == territoryId))
                .Select(m => new { m.TargetId, m.Date, m.Value }).ToListAsync(ct))
            .ToLookup(m => m.TargetId, m => new TargetPoint(m.Date, m.Value));
        var declared = new List<Declared>();
        if (indicators.Any(i => i.Source == IndicatorSource.Manual))
        {
            var declarations = db.IndicatorDeclarations.AsNoTracking().Where(d => d.Indicator!.OperationId == operation.Id);
            if (territoryId is not null)
            {
                declarations = declarations.Where(d => d.TerritoryId == territoryId);
            }
            declared = await declarations.Select(d => new Declared(d.IndicatorId, d.TerritoryId, d.To, d.Value, d.EvidenceDocumentId != null)).ToListAsync(ct);
        }
        return new IndicatorCatalogueData(operation, indicators,
            goals.Select(g => new Goal(g.IndicatorId, g.TerritoryId, g.Value, milestones[g.Id].OrderBy(m => m.Date).ToList())).ToList(), declared, groups);
    }

    /// <summary>Age bands first, then publics, each in their order (sorted here: the kind is stored as text).</summary>
    public static async Task<List<AudienceGroupRow>> AudienceGroupsAsync(AppDbContext db, CancellationToken ct) =>
        (await db.AudienceGroups.AsNoTracking().Select(g => new { Row = new AudienceGroupRow(g.Id, g.Code, g.Name, g.Kind), g.Number }).ToListAsync(ct))
            .OrderBy(g => g.Row.Kind).ThenBy(g => g.Number).Select(g => g.Row).ToList();
}
