using System.Runtime.CompilerServices;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

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
        var queries = CatalogueQueries.Of(db);
        var groups = await AudienceGroupsAsync(db, ct);
        var operations = await queries.Operations(db).ToListAsync(ct);
        var reference = period.To < today ? period.To : today;
        var operation = operations.FirstOrDefault(o => o.Contains(reference))
            ?? operations.FirstOrDefault(o => o.StartDate <= period.To && o.EndDate >= period.From);
        if (operation is null)
        {
            return new IndicatorCatalogueData(null, [], [], [], groups);
        }
        var indicators = await queries.Indicators(db, operation.Id).ToListAsync(ct);
        if (indicators.Count == 0)
        {
            return new IndicatorCatalogueData(operation, [], [], [], groups);
        }
        // Targets and milestones in two flat reads: a nested collection in the projection made EF take 8 ms for the thousand
        // targets of the national database (ADR 025).
        var targets = await queries.Targets(db, operation.Id, territoryId).ToListAsync(ct);
        var milestones = (await queries.Milestones(db, operation.Id, territoryId).ToListAsync(ct)).ToLookup(m => m.TargetId, m => new TargetPoint(m.Date, m.Value));
        var declared = indicators.Any(i => i.Source == IndicatorSource.Manual)
            ? await queries.Declarations(db, operation.Id, territoryId).ToListAsync(ct)
            : [];
        return new IndicatorCatalogueData(operation, indicators,
            targets.Select(t => new Goal(t.IndicatorId, t.TerritoryId, t.Value, milestones[t.Id].OrderBy(m => m.Date).ToList())).ToList(), declared, groups);
    }

    /// <summary>Age bands first, then publics, each in their order (sorted here: the kind is stored as text).</summary>
    public static async Task<List<AudienceGroupRow>> AudienceGroupsAsync(AppDbContext db, CancellationToken ct) =>
        (await CatalogueQueries.Of(db).Groups(db).ToListAsync(ct)).OrderBy(g => g.Row.Kind).ThenBy(g => g.Number).Select(g => g.Row).ToList();

    public sealed record TargetFlat(int Id, int IndicatorId, int? TerritoryId, decimal Value);

    public sealed record MilestoneFlat(int TargetId, DateOnly Date, decimal Value);

    public sealed record GroupInOrder(AudienceGroupRow Row, int Number);

    /// <summary>
    /// The section's reads of the catalogue, compiled once per model like <see cref="Dashboards.PeriodFigures"/>'s: a dashboard
    /// asks them at every load, and on the national database EF's per-query work was a tenth of the section (docs/bench.md).
    /// A null territory is the operation: every territory's targets, and its own.
    /// </summary>
    private sealed class CatalogueQueries
    {
        private static readonly ConditionalWeakTable<IModel, CatalogueQueries> ByModel = new();

        public static CatalogueQueries Of(AppDbContext db) => ByModel.GetValue(db.Model, _ => new CatalogueQueries());

        public readonly Func<AppDbContext, IAsyncEnumerable<GroupInOrder>> Groups = EF.CompileAsyncQuery((AppDbContext db) =>
            db.AudienceGroups.AsNoTracking().Select(g => new GroupInOrder(new AudienceGroupRow(g.Id, g.Code, g.Name, g.Kind), g.Number)));

        public readonly Func<AppDbContext, IAsyncEnumerable<OperationPeriod>> Operations = EF.CompileAsyncQuery((AppDbContext db) =>
            db.Operations.AsNoTracking().OrderBy(o => o.StartDate).Select(o => new OperationPeriod(o.Id, o.Code, o.StartDate, o.EndDate)));

        public readonly Func<AppDbContext, int, IAsyncEnumerable<Definition>> Indicators = EF.CompileAsyncQuery((AppDbContext db, int operationId) =>
            db.Indicators.AsNoTracking().Where(i => i.OperationId == operationId).OrderBy(i => i.Number).ThenBy(i => i.Code)
                .Select(i => new Definition(i.Id, i.Code, i.Name, i.Unit, i.IsEu, i.Source, i.ActivityType, i.AudienceGroupId)));

        public readonly Func<AppDbContext, int, int?, IAsyncEnumerable<TargetFlat>> Targets = EF.CompileAsyncQuery((AppDbContext db, int operationId, int? territoryId) =>
            db.IndicatorTargets.AsNoTracking().Where(t => t.Indicator!.OperationId == operationId && (territoryId == null || t.TerritoryId == territoryId))
                .Select(t => new TargetFlat(t.Id, t.IndicatorId, t.TerritoryId, t.Value)));

        public readonly Func<AppDbContext, int, int?, IAsyncEnumerable<MilestoneFlat>> Milestones = EF.CompileAsyncQuery((AppDbContext db, int operationId, int? territoryId) =>
            db.TargetMilestones.AsNoTracking().Where(m => m.Target!.Indicator!.OperationId == operationId && (territoryId == null || m.Target.TerritoryId == territoryId))
                .Select(m => new MilestoneFlat(m.TargetId, m.Date, m.Value)));

        public readonly Func<AppDbContext, int, int?, IAsyncEnumerable<Declared>> Declarations = EF.CompileAsyncQuery((AppDbContext db, int operationId, int? territoryId) =>
            db.IndicatorDeclarations.AsNoTracking().Where(d => d.Indicator!.OperationId == operationId && (territoryId == null || d.TerritoryId == territoryId))
                .Select(d => new Declared(d.IndicatorId, d.TerritoryId, d.To, d.Value, d.EvidenceDocumentId != null)));
    }
}
