using System.Globalization;
using CscDashboard.Core.Common;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.OpenData;

/// <summary>
/// The figures of a period for the read API (ADR 026), grouped by territory, sector, type, workstream and month, asked
/// through <see cref="PeriodFigures"/> like the dashboards (ADR 023): the same numbers. Every signed-in role reads them
/// (the committee too: the overview shows them per territory); they hold no name and no finance.
/// </summary>
public sealed class OpenFigures(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users)
{
    /// <summary>The groupings the API offers, by the names its callers write.</summary>
    public static readonly IReadOnlyDictionary<string, FigureGroup> Groupings = new Dictionary<string, FigureGroup>(StringComparer.OrdinalIgnoreCase)
    {
        ["territory"] = FigureGroup.Territory,
        ["sector"] = FigureGroup.Sector,
        ["type"] = FigureGroup.Type,
        ["workstream"] = FigureGroup.Workstream,
        ["month"] = FigureGroup.Month,
    };

    private const Measure PerActivity = Measure.Activities | Measure.Minutes | Measure.Inhabitants | Measure.Professionals | Measure.Volunteers
        | Measure.PartnerCount | Measure.EveningMinutes | Measure.WeekendMinutes;
    private const Measure PerWorkstream = Measure.Activities | Measure.Minutes | Measure.Inhabitants;

    public async Task<FigureTable> ReadAsync(Period period, FigureGroup by, CancellationToken ct = default)
    {
        if (!users.Current.IsAuthenticated)
        {
            throw new ScopeViolationException("Veuillez vous connecter.");
        }
        var offered = Groupings.Values.Aggregate((a, b) => a | b);
        if (by == FigureGroup.None || (by & ~offered) != 0 || (by.HasFlag(FigureGroup.Workstream) && by.HasFlag(FigureGroup.Type)))
        {
            throw new ValidationFailedException(new Dictionary<string, string[]>
            {
                ["groupBy"] = ["Regroupez par territoire (territory), secteur (sector), type, chantier (workstream) ou mois (month), "
                    + "séparés par des virgules ; un chantier ne se croise pas avec un type d'activité."],
            });
        }
        var byWorkstream = by.HasFlag(FigureGroup.Workstream);
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var rows = await PeriodFigures.ReadAsync(db, new FigureQuery(period, by, byWorkstream ? PerWorkstream : PerActivity), ct);
        var territories = await db.Territories.AsNoTracking().ToDictionaryAsync(t => t.Id, t => new { t.Code, t.Name, t.Number }, ct);
        var sectors = await db.Sectors.AsNoTracking().ToDictionaryAsync(s => s.Id, s => new { s.Number, s.Name }, ct);
        var workstreams = await db.Workstreams.AsNoTracking().ToDictionaryAsync(w => w.Id, w => new { w.Number, w.ShortName }, ct);

        var lines = rows
            .OrderBy(r => by.HasFlag(FigureGroup.Sector) ? sectors[r.SectorId].Number : 0)
            .ThenBy(r => by.HasFlag(FigureGroup.Territory) ? territories[r.TerritoryId].Number : 0)
            .ThenBy(r => r.Month).ThenBy(r => r.Type)
            .ThenBy(r => byWorkstream ? workstreams[r.WorkstreamId].Number : 0)
            .Select(r => new FigureLine(
                by.HasFlag(FigureGroup.Territory) ? territories[r.TerritoryId].Code : null,
                by.HasFlag(FigureGroup.Territory) ? territories[r.TerritoryId].Name : null,
                by.HasFlag(FigureGroup.Sector) ? sectors[r.SectorId].Number : null,
                by.HasFlag(FigureGroup.Sector) ? sectors[r.SectorId].Name : null,
                by.HasFlag(FigureGroup.Month) ? r.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture) : null,
                by.HasFlag(FigureGroup.Type) ? r.Type : null,
                by.HasFlag(FigureGroup.Type) ? FrenchLabels.Of(r.Type) : null,
                byWorkstream ? workstreams[r.WorkstreamId].Number : null,
                byWorkstream ? workstreams[r.WorkstreamId].ShortName : null,
                r.Activities,
                r.Minutes,
                Math.Round(r.Minutes / 60.0, 1),
                r.Inhabitants,
                byWorkstream ? null : r.Professionals,
                byWorkstream ? null : r.Volunteers,
                byWorkstream ? null : r.PartnerCount,
                byWorkstream ? null : r.EveningMinutes,
                byWorkstream ? null : r.WeekendMinutes))
            .ToList();
        var groupBy = Groupings.Where(g => by.HasFlag(g.Value)).Select(g => g.Key).ToList();
        return new FigureTable(period.Code, period.Label, period.From, period.To, groupBy, lines.Count, lines);
    }
}
