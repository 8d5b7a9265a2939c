using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Compliance;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Data;
using CscDashboard.Core.Network;
using CscDashboard.Core.Workstreams;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Reporting;

/// <summary>
/// Builds the model of a progress report from the database: the dashboard figures (the same
/// <see cref="PeriodFigures"/> queries as the pages), each territory's centres and highlights, the
/// workstreams, partners, co-funding and next steps. Each section is one batch of queries for the whole
/// report, whatever the number of territories.
/// </summary>
public sealed class ProgressReportBuilder(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, ComplianceService compliance, TimeProvider clock)
{
    public const string FederationName = "Fédération des Centres sociaux du Nord Pas-de-Calais";
    public const int MaxHighlightsPerTerritory = 100;

    public async Task<ProgressReportModel> BuildAsync(ReportKind kind, Period period, string? territoryCode, CancellationToken ct = default)
    {
        // Built from the territory dashboards' figures (centres, last visits): staff only; the committee reads the frozen reports.
        if (!users.Current.CanReadActivities)
        {
            throw new ScopeViolationException("Le tableau de bord d'un territoire n'est pas accessible avec votre rôle.");
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var operation = await db.Operations.AsNoTracking()
            .Where(o => o.StartDate <= period.To && o.EndDate >= period.From)
            .OrderByDescending(o => o.StartDate <= period.From).ThenBy(o => o.StartDate)
            .FirstOrDefaultAsync(ct)
            ?? throw new ValidationFailedException(new Dictionary<string, string[]>
            {
                ["Period"] = [$"Aucune opération ne couvre la période {period.Label}."],
            });
        int? scope = territoryCode is null
            ? null
            : await db.Territories.AsNoTracking().Where(t => t.Code == territoryCode).Select(t => (int?)t.Id).SingleOrDefaultAsync(ct)
                ?? throw new NotFoundException($"Le territoire « {territoryCode} » n'existe pas.");

        var today = clock.Today();
        var (overview, _) = await OverviewFigures.BuildAsync(db, period, scope, today, ct);
        var territories = overview.Territories;
        var centreQuery = new FigureQuery(period, FigureGroup.Centre | FigureGroup.Territory, Measure.Activities | Measure.Minutes) { TerritoryId = scope };
        var centreSums = await PeriodFigures.ReadAsync(db, centreQuery, ct);
        var centres = await CentreTable.ReadAsync(db, scope, centreSums, DashboardService.ReferenceDay(period, today), ct);
        var highlights = await HighlightsAsync(db, scope, period, ct);
        var sections = territories.Select(t => new TerritorySection(t.Code, t.Name, t.Figures, centres[t.Id].ToList(), highlights.GetValueOrDefault(t.Id, []))).ToList();
        var single = scope is null ? null : territories[0];
        var scopeLabel = single?.Name ?? Indicators.IndicatorDashboardService.FederationLabel;
        var catalogue = await Indicators.IndicatorCatalogueData.LoadAsync(db, period, today, scope, ct);
        var indicators = await Indicators.IndicatorFigures.BuildAsync(db, catalogue, scope, scopeLabel, period, today, ct);

        return new ProgressReportModel
        {
            Kind = kind,
            Title = TitleOf(kind, single?.Name),
            FederationName = FederationName,
            OperationCode = operation.Code,
            OperationName = operation.Name,
            Programme = operation.Programme,
            ManagingAuthority = operation.ManagingAuthority,
            PeriodCode = period.Code,
            PeriodLabel = period.Label,
            PreviousPeriodLabel = overview.PreviousPeriod.Label,
            ScopeLabel = scopeLabel,
            TerritoryCode = single?.Code,
            GeneratedAtUtc = clock.GetUtcNow().UtcDateTime,
            Kpis = overview.Kpis,
            Territories = territories,
            Sectors = single is null ? overview.Sectors : [],
            Types = overview.Types,
            TerritorySections = sections,
            WorkstreamSections = await WorkstreamsAsync(db, period, scope, ct),
            Trend = overview.Trend,
            Partners = await PartnersAsync(db, period, scope, ct),
            // Sorted in memory: SQLite sorts decimals (stored as text) through EF's collation, which parses
            // with the thread's culture and crashes the process under fr-FR (a Hangfire worker's culture).
            Funding = (await db.FundingSources.AsNoTracking().Where(f => f.OperationId == operation.Id)
                    .Select(f => new FundingLine(f.Name, f.Kind.ToString(), f.Committed, f.Received)).ToListAsync(ct))
                .OrderByDescending(f => f.Committed).ToList(),
            NextSteps = await NextStepsAsync(db, period, ct),
            Validation = overview.Validation,
            Evidence = await EvidenceAsync(operation.Id, operation.StartDate, period, territories.Select(t => t.Id).ToList(), ct),
            Indicators = indicators,
            Decisions = await Governance.DecisionReport.ReadAsync(db, period, scope, today, ct),
        };
    }

    public static string TitleOf(ReportKind kind, string? territoryName) => kind switch
    {
        ReportKind.Monthly => "Bilan mensuel",
        ReportKind.QuarterlyCommittee => "Bilan trimestriel pour le comité partenarial",
        ReportKind.Territory => $"Bilan du territoire {territoryName}",
        _ => "Bilan",
    } + (kind != ReportKind.Territory && territoryName is not null ? $" — {territoryName}" : "");

    /// <summary>
    /// The activities the coordinators marked as highlights (no author names, titles only: every role,
    /// the committee included, reads every report, so the notes a coordinator typed never reach one;
    /// ADR 020), the first
    /// <see cref="MaxHighlightsPerTerritory"/> of each territory; one territory, or all when null.
    /// Two queries for the whole report: the centres are read by activity key afterwards, since
    /// joining them into the first query made SQLite scan every activity-centre link once per query.
    /// </summary>
    private static async Task<IReadOnlyDictionary<int, IReadOnlyList<HighlightLine>>> HighlightsAsync(
        AppDbContext db, int? territoryId, Period period, CancellationToken ct)
    {
        var query = db.Activities.AsNoTracking()
            .Where(a => a.IsHighlight && a.DeletedAt == null && a.Date >= period.From && a.Date <= period.To);
        if (territoryId is not null)
        {
            query = query.Where(a => a.TerritoryId == territoryId);
        }
        var rows = await query.OrderBy(a => a.Date).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.TerritoryId, a.Date, a.Title, a.Type })
            .ToListAsync(ct);
        var kept = rows.GroupBy(r => r.TerritoryId).ToDictionary(g => g.Key, g => g.Take(MaxHighlightsPerTerritory).ToList());
        var ids = kept.Values.SelectMany(list => list.Select(r => r.Id)).ToList();
        var centres = (await db.ActivityCentres.AsNoTracking()
                .Where(ac => ids.Contains(ac.ActivityId))
                .Select(ac => new { ac.ActivityId, ac.Centre!.Name })
                .ToListAsync(ct))
            .ToLookup(c => c.ActivityId, c => c.Name);
        return kept.ToDictionary(k => k.Key, k => (IReadOnlyList<HighlightLine>)k.Value.Select(r =>
        {
            var names = centres[r.Id].Order(StringComparer.Ordinal).ToList();
            return new HighlightLine(r.Date, r.Title, FrenchLabels.Of(r.Type), names.Count == 0 ? null : string.Join(", ", names));
        }).ToList());
    }

    private static async Task<IReadOnlyList<WorkstreamSection>> WorkstreamsAsync(AppDbContext db, Period period, int? scope, CancellationToken ct)
    {
        var query = new FigureQuery(period, FigureGroup.Workstream | FigureGroup.Territory, Measure.Activities | Measure.Minutes | Measure.Inhabitants) { TerritoryId = scope };
        var sums = await PeriodFigures.ReadAsync(db, query, ct);
        var names = await db.Territories.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var workstreams = await db.Workstreams.AsNoTracking().OrderBy(w => w.Number).Select(w => new { w.Id, w.Number, w.Name }).ToListAsync(ct);
        var deliverables = await db.Deliverables.AsNoTracking().OrderBy(d => d.DueDate)
            .Select(d => new { d.WorkstreamId, d.Title, d.DueDate, d.Status }).ToListAsync(ct);
        return workstreams.Select(w =>
        {
            var rows = sums.Where(r => r.WorkstreamId == w.Id).ToList();
            return new WorkstreamSection(w.Number, w.Name, rows.Sum(r => r.Activities), Math.Round(rows.Sum(r => r.Minutes) / 60.0, 1), rows.Sum(r => r.Inhabitants),
                rows.Select(r => new TerritoryCount(names[r.TerritoryId], r.Activities)).OrderByDescending(t => t.Sessions).ThenBy(t => t.Territory, StringComparer.Ordinal).ToList(),
                deliverables.Where(d => d.WorkstreamId == w.Id).Select(d => new DeliverableLine(d.Title, d.DueDate, WorkstreamLabels.Of(d.Status))).ToList());
        }).ToList();
    }

    /// <summary>Partners met in the period (most active first) and every committee member.</summary>
    private static async Task<IReadOnlyList<PartnerLine>> PartnersAsync(AppDbContext db, Period period, int? scope, CancellationToken ct)
    {
        var met = (await PeriodFigures.ReadAsync(db, new FigureQuery(period, FigureGroup.Partner, Measure.Activities) { TerritoryId = scope }, ct))
            .ToDictionary(r => r.PartnerId, r => r.Activities);
        var ids = met.Keys.ToList();
        var partners = await db.Partners.AsNoTracking()
            .Where(p => p.ArchivedAt == null && (ids.Contains(p.Id) || p.IsCommitteeMember))
            .Select(p => new { p.Id, p.Name, p.Kind, Territory = p.Territory == null ? null : p.Territory.Name, p.IsCommitteeMember })
            .ToListAsync(ct);
        return partners
            .Select(p => new PartnerLine(p.Name, NetworkLabels.Of(p.Kind), p.Territory ?? "Toute la fédération", p.IsCommitteeMember, met.GetValueOrDefault(p.Id)))
            .OrderByDescending(p => p.Activities).ThenBy(p => p.Name)
            .Take(60)
            .ToList();
    }

    /// <summary>Each territory's evidence over the period and since the operation began; null when nothing was owed.</summary>
    private async Task<IReadOnlyList<EvidenceLine>?> EvidenceAsync(int operationId, DateOnly operationStart, Period period, List<int> territoryIds, CancellationToken ct)
    {
        var ids = territoryIds.ToArray();
        var inPeriod = (await compliance.CountForReportAsync(operationId, period.From, period.To, ids, ct)).ToDictionary(c => c.TerritoryId);
        var toDate = await compliance.CountForReportAsync(operationId, operationStart, period.To, ids, ct);
        if (toDate.Sum(c => c.Required) == 0)
        {
            return null;
        }
        return toDate.Select(c => new EvidenceLine(c.Name, inPeriod[c.TerritoryId].Required, inPeriod[c.TerritoryId].Satisfied, c.Required, c.Satisfied)).ToList();
    }

    /// <summary>
    /// The deliverables due in the next three months. The follow-ups typed on highlights are free text
    /// like the notes and stay out of the reports the committee reads (ADR 020).
    /// </summary>
    private static async Task<IReadOnlyList<string>> NextStepsAsync(AppDbContext db, Period period, CancellationToken ct)
    {
        var horizon = period.To.AddMonths(3);
        var due = await db.Deliverables.AsNoTracking()
            .Where(d => d.DueDate > period.To && d.DueDate <= horizon && d.Status != DeliverableStatus.Delivered && d.Status != DeliverableStatus.Cancelled)
            .OrderBy(d => d.DueDate)
            .Select(d => new { d.Title, d.DueDate, Workstream = d.Workstream!.ShortName })
            .ToListAsync(ct);
        return due.Select(d => $"{d.Workstream} : « {d.Title} » attendu pour le {d.DueDate:dd/MM/yyyy}.").ToList();
    }
}
