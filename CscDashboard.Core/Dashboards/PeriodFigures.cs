using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CscDashboard.Core.Dashboards;

/// <summary>
/// The one way to compute figures over a period (ADR 004 and 023): the whole months of the period from the
/// monthly aggregates, the days that do not fill a month from the activities (<see cref="PeriodSlices"/>),
/// each as one SQL GROUP BY over the same <see cref="Fact"/> shape, then the two merged group by group.
/// Dashboards, workstream spaces and reports ask it; <see cref="ActivityStatsUpdater"/> fills the aggregates
/// with <see cref="FromActivities"/>, so an aggregate row is by construction the figures of its month.
/// The caller opens the context (one connection for all its queries) and has checked the caller's role.
/// </summary>
public static class PeriodFigures
{
    public static async Task<IReadOnlyList<FigureRow>> ReadAsync(AppDbContext db, FigureQuery query, CancellationToken ct = default)
    {
        var slices = PeriodSlices.Of(query.From, query.To);
        var rows = new List<FigureRow>();
        if (slices.HasMonths)
        {
            // Compiled: EF then costs about 60 µs a query instead of 200 (docs/bench.md). "Only" is rare (a workstream's space): plain LINQ.
            rows.AddRange(query.Only is null
                ? await Compiled(db, query.By, query.Measures)(db, slices.FirstMonth, slices.LastMonth, query.TerritoryId).ToListAsync(ct)
                : await Grouped(SourceOf(query.Link)(db).Where(f => f.Month >= slices.FirstMonth && f.Month <= slices.LastMonth), query).ToListAsync(ct));
        }
        if (slices.HasEdges)
        {
            var days = slices.Edges(db.Activities.Where(a => a.DeletedAt == null));
            rows.AddRange(await Grouped(FigureSources.Days(db, days, query.Link), query).ToListAsync(ct));
        }
        var merged = Merge(rows);
        if (!query.By.HasFlag(FigureGroup.Sector))
        {
            return merged;
        }
        var sectors = await db.Territories.AsNoTracking().Select(t => new { t.Id, t.SectorId }).ToDictionaryAsync(t => t.Id, t => t.SectorId, ct);
        var keepTerritory = query.By.HasFlag(FigureGroup.Territory);
        return Merge(merged.Select(r => r with { SectorId = sectors[r.TerritoryId], TerritoryId = keepTerritory ? r.TerritoryId : 0 }));
    }

    /// <summary>
    /// The query's grouping, measures and filters over <paramref name="activities"/> (live ones, filtered by
    /// date by the caller; the query's own dates are not applied), in one SQL statement. Not by sector.
    /// </summary>
    internal static IQueryable<FigureRow> FromActivities(AppDbContext db, IQueryable<Activity> activities, FigureQuery query) =>
        query.By.HasFlag(FigureGroup.Sector)
            ? throw new ArgumentException("Sectors are summed from their territories by ReadAsync.", nameof(query))
            : Grouped(FigureSources.Days(db, activities, query.Link), query);

    private static IQueryable<FigureRow> Grouped(IQueryable<Fact> facts, FigureQuery query)
    {
        if (query.TerritoryId is { } territoryId)
        {
            facts = facts.Where(f => f.TerritoryId == territoryId);
        }
        if (query.Only is { } only)
        {
            var ids = only.ToList();
            facts = facts.Where(f => ids.Contains(f.SubjectId));
        }
        return facts.Provider.CreateQuery<FigureRow>(Shaped(facts.Expression, query.By, query.Measures));
    }

    /// <summary>
    /// <c>facts.GroupBy(key).Select(result)</c>, or, without measures, <c>facts.Select(keys).Distinct()</c>: a SELECT
    /// DISTINCT, which SQLite answers from the month index (as fast as before PeriodFigures; a GROUP BY took a third longer).
    /// </summary>
    private static MethodCallExpression Shaped(Expression facts, FigureGroup by, Measure measures)
    {
        if (measures == Measure.None)
        {
            var keys = Expression.Call(typeof(Queryable), nameof(Queryable.Select), [typeof(Fact), typeof(FigureRow)], facts, Expression.Quote(Keys(by)));
            return Expression.Call(typeof(Queryable), nameof(Queryable.Distinct), [typeof(FigureRow)], keys);
        }
        var (key, result) = Grouping(by, measures);
        var grouped = Expression.Call(typeof(Queryable), nameof(Queryable.GroupBy), [typeof(Fact), typeof(FactKey)], facts, Expression.Quote(key));
        return Expression.Call(typeof(Queryable), nameof(Queryable.Select), [typeof(IGrouping<FactKey, Fact>), typeof(FigureRow)], grouped, Expression.Quote(result));
    }

    /// <summary><c>f =&gt; new FigureRow { …the grouped members… }</c>, for a query without measures.</summary>
    private static Expression<Func<Fact, FigureRow>> Keys(FigureGroup by)
    {
        var fact = Expression.Parameter(typeof(Fact), "f");
        var bindings = KeyMembers.Where(k => (by & k.Flags) != 0)
            .Select(k => (MemberBinding)Expression.Bind(typeof(FigureRow).GetProperty(k.Row)!, Expression.Property(fact, k.Member)));
        return Expression.Lambda<Func<Fact, FigureRow>>(Expression.MemberInit(Expression.New(typeof(FigureRow)), bindings), fact);
    }

    private static List<FigureRow> Merge(IEnumerable<FigureRow> rows) =>
        rows.GroupBy(r => r.Key).Select(g => g.Aggregate((a, b) => a.Plus(b))).ToList();

    /// <summary>
    /// <c>f =&gt; new FactKey { …the grouped members… }</c> and <c>g =&gt; new FigureRow { …the key…, Activities = g.Sum(f =&gt; f.Activities), … }</c>,
    /// with the asked measures only: the SQL reads no column it does not need (a covering index then suffices).
    /// </summary>
    private static (Expression<Func<Fact, FactKey>> Key, Expression<Func<IGrouping<FactKey, Fact>, FigureRow>> Result) Grouping(FigureGroup by, Measure measures)
    {
        var fact = Expression.Parameter(typeof(Fact), "f");
        var group = Expression.Parameter(typeof(IGrouping<FactKey, Fact>), "g");
        var groupKey = Expression.Property(group, nameof(IGrouping<FactKey, Fact>.Key));
        var keys = new List<MemberBinding>();
        var results = new List<MemberBinding>();
        foreach (var (flags, member, row) in KeyMembers.Where(k => (by & k.Flags) != 0))
        {
            keys.Add(Expression.Bind(typeof(FactKey).GetProperty(member)!, Expression.Property(fact, member)));
            results.Add(Expression.Bind(typeof(FigureRow).GetProperty(row)!, Expression.Property(groupKey, member)));
        }
        foreach (var measure in Enum.GetValues<Measure>().Where(m => m != Measure.None && measures.HasFlag(m)))
        {
            var selector = Expression.Lambda(Expression.Property(fact, measure.ToString()), fact);
            var aggregate = selector.ReturnType == typeof(int)
                ? Expression.Call(typeof(Enumerable), nameof(Enumerable.Sum), [typeof(Fact)], group, selector)
                : Expression.Call(typeof(Enumerable), nameof(Enumerable.Max), [typeof(Fact), selector.ReturnType], group, selector);
            results.Add(Expression.Bind(typeof(FigureRow).GetProperty(measure.ToString())!, aggregate));
        }
        return (Expression.Lambda<Func<Fact, FactKey>>(Expression.MemberInit(Expression.New(typeof(FactKey)), keys), fact),
            Expression.Lambda<Func<IGrouping<FactKey, Fact>, FigureRow>>(Expression.MemberInit(Expression.New(typeof(FigureRow)), results), group));
    }

    /// <summary>
    /// Which fact member each grouping reads, and which row member receives it (a sector is summed from its
    /// territories). A link first: "GROUP BY CentreId, TerritoryId" lets SQLite read the month index, where
    /// "TerritoryId, CentreId" made it skip-scan the territory index (docs/bench.md).
    /// </summary>
    private static readonly (FigureGroup Flags, string Member, string Row)[] KeyMembers =
    [
        (FigureGroup.Centre, nameof(Fact.SubjectId), nameof(FigureRow.CentreId)),
        (FigureGroup.Partner, nameof(Fact.SubjectId), nameof(FigureRow.PartnerId)),
        (FigureGroup.Workstream, nameof(Fact.SubjectId), nameof(FigureRow.WorkstreamId)),
        (FigureGroup.Audience, nameof(Fact.SubjectId), nameof(FigureRow.AudienceGroupId)),
        (FigureGroup.Territory | FigureGroup.Sector, nameof(Fact.TerritoryId), nameof(FigureRow.TerritoryId)),
        (FigureGroup.Month, nameof(Fact.Month), nameof(FigureRow.Month)),
        (FigureGroup.Type, nameof(Fact.Type), nameof(FigureRow.Type)),
    ];

    // ---- Compiled queries over the monthly aggregates ----

    /// <summary>
    /// One compiled query per grouping and measures, built on first use. A compiled query belongs to the model
    /// it first ran with: one set per model (SQLite, PostgreSQL), for processes that use both (the tests, a copy).
    /// </summary>
    private static readonly ConditionalWeakTable<IModel, ConcurrentDictionary<(FigureGroup, Measure), Func<AppDbContext, DateOnly, DateOnly, int?, IAsyncEnumerable<FigureRow>>>> CompiledByModel = new();

    private static Func<AppDbContext, DateOnly, DateOnly, int?, IAsyncEnumerable<FigureRow>> Compiled(AppDbContext db, FigureGroup by, Measure measures) =>
        CompiledByModel.GetValue(db.Model, _ => new()).GetOrAdd((by, measures), key => Compile(key.Item1, key.Item2));

    /// <summary>
    /// <c>(db, first, last, t) =&gt; source(db).Where(month in [first, last] and territory t, if any)</c>, shaped by <see cref="Shaped"/><c></c>.
    /// A null territory is "every territory": EF writes the SQL knowing which parameters are null, so the
    /// filter disappears for the federation and is a plain equality (a covering index) otherwise.
    /// </summary>
    private static Func<AppDbContext, DateOnly, DateOnly, int?, IAsyncEnumerable<FigureRow>> Compile(FigureGroup by, Measure measures)
    {
        var db = Expression.Parameter(typeof(AppDbContext), "db");
        var first = Expression.Parameter(typeof(DateOnly), "first");
        var last = Expression.Parameter(typeof(DateOnly), "last");
        var territory = Expression.Parameter(typeof(int?), "territoryId");
        Expression<Func<IQueryable<Fact>, DateOnly, DateOnly, int?, IQueryable<Fact>>> inMonths = (facts, from, to, t) =>
            facts.Where(f => f.Month >= from && f.Month <= to && (t == null || f.TerritoryId == t));
        var facts = Inline(inMonths, Inline(FigureSources.Months(by & FigureQuery.Links), db), first, last, territory);
        return EF.CompileAsyncQuery(Expression.Lambda<Func<AppDbContext, DateOnly, DateOnly, int?, IQueryable<FigureRow>>>(
            Shaped(facts, by, measures), db, first, last, territory));
    }

    /// <summary>The monthly aggregates as facts, for the rare uncompiled read.</summary>
    private static Func<AppDbContext, IQueryable<Fact>> SourceOf(FigureGroup link) => Sources.GetOrAdd(link, l => FigureSources.Months(l).Compile());

    private static readonly ConcurrentDictionary<FigureGroup, Func<AppDbContext, IQueryable<Fact>>> Sources = new();

    /// <summary>The body of <paramref name="lambda"/> with its parameters replaced by <paramref name="arguments"/>.</summary>
    private static Expression Inline(LambdaExpression lambda, params Expression[] arguments) =>
        new Substitution(lambda.Parameters.Zip(arguments).ToDictionary(p => (Expression)p.First, p => p.Second)).Visit(lambda.Body)!;

    private sealed class Substitution(Dictionary<Expression, Expression> map) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node) => node is not null && map.TryGetValue(node, out var replacement) ? replacement : base.Visit(node);
    }
}
