using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Network;
using CscDashboard.Core.Timesheets;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Compliance;

/// <summary>
/// What evidence the EU will ask for and is not in the vault yet (docs/decisions/008-compliance.md).
/// Each rule is one SQL query yielding, per object, its territory and whether a current (not withdrawn)
/// piece satisfies it; the to-do list keeps the unsatisfied ones, the percentages count both with GROUP BY.
/// Read like finance: coordinators their own territories, project lead and admin all, never the committee.
/// </summary>
public sealed class ComplianceService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock)
{
    /// <summary>Collective formats: an attendance sheet is expected when people attended one of these.</summary>
    public static readonly ActivityFormat[] CollectiveFormats = [ActivityFormat.Workshop, ActivityFormat.Event, ActivityFormat.Training];

    /// <summary>The to-do list, by territory then date.</summary>
    public async Task<IReadOnlyList<MissingEvidence>> MissingAsync(ComplianceQuery query, CancellationToken ct = default)
    {
        var readable = Readable(users.Current, query.TerritoryId);
        await using var db = await factory.CreateDbContextAsync(ct);
        var (from, to) = await RangeAsync(db, query, ct);
        var items = new List<MissingEvidence>();
        foreach (var rule in Enum.GetValues<ComplianceRule>())
        {
            var rows = await Requirements(db, rule, query.OperationId, from, to, readable).Where(r => !r.Satisfied).ToListAsync(ct);
            items.AddRange(rows.Select(r => ToItem(rule, r)));
        }
        return [.. items.OrderBy(i => i.TerritoryName).ThenBy(i => i.Date ?? DateOnly.MinValue).ThenBy(i => i.Rule).ThenBy(i => i.ObjectTitle)];
    }

    /// <summary>Required and satisfied pieces per readable territory (territories with nothing required included, at 100 %).</summary>
    public async Task<IReadOnlyList<TerritoryCompleteness>> CompletenessAsync(ComplianceQuery query, CancellationToken ct = default)
    {
        var readable = Readable(users.Current, query.TerritoryId);
        await using var db = await factory.CreateDbContextAsync(ct);
        var (from, to) = await RangeAsync(db, query, ct);
        return await CountAsync(db, query.OperationId, from, to, readable, ct);
    }

    /// <summary>
    /// Completeness of <paramref name="territoryIds"/> from <paramref name="from"/> to <paramref name="to"/> (clipped to
    /// the operation), for a progress report: counts only, no object or name. Not for pages: the report builder has
    /// checked its caller, and the frozen report goes to every reader of reports, the committee included.
    /// </summary>
    internal async Task<IReadOnlyList<TerritoryCompleteness>> CountForReportAsync(int operationId, DateOnly from, DateOnly to, int[] territoryIds, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var range = await RangeAsync(db, new ComplianceQuery(operationId, Period.Custom(from, to)), ct);
        return await CountAsync(db, operationId, range.From, range.To, territoryIds, ct);
    }

    /// <summary>The nightly job's snapshot, for the readable territories (empty before the first run).</summary>
    public async Task<IReadOnlyList<(TerritoryCompleteness Completeness, DateTime ComputedAtUtc)>> SnapshotAsync(int operationId, CancellationToken ct = default)
    {
        var readable = Readable(users.Current, null);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await (from s in db.ComplianceSnapshots.AsNoTracking()
                          join t in db.Territories on s.TerritoryId equals t.Id
                          where s.OperationId == operationId && (readable == null || readable.Contains(s.TerritoryId))
                          orderby t.Number
                          select new { t.Id, t.Code, t.Name, s.Required, s.Satisfied, s.ComputedAtUtc }).ToListAsync(ct);
        return [.. rows.Select(r => (new TerritoryCompleteness(r.Id, r.Code, r.Name, r.Required, r.Satisfied), r.ComputedAtUtc))];
    }

    /// <summary>
    /// Recomputes and stores every territory's completeness for each operation that has started, over the
    /// operation up to today. Run by the nightly job as the system; safe to run twice (rows are replaced).
    /// It writes every territory's figures, so it is the system's, the project lead's and the admin's only.
    /// </summary>
    public async Task RefreshSnapshotsAsync(CancellationToken ct = default)
    {
        users.Current.EnsureCanWriteFederation();
        var now = clock.GetUtcNow().UtcDateTime;
        var today = clock.Today();
        await using var db = await factory.CreateDbContextAsync(ct);
        var operations = await db.Operations.AsNoTracking().Where(o => o.StartDate <= today)
            .Select(o => new { o.Id, o.StartDate, o.EndDate }).ToListAsync(ct);
        foreach (var operation in operations)
        {
            var to = operation.EndDate < today ? operation.EndDate : today;
            var counts = await CountAsync(db, operation.Id, operation.StartDate, to, null, ct);
            var stored = await db.ComplianceSnapshots.Where(s => s.OperationId == operation.Id).ToDictionaryAsync(s => s.TerritoryId, ct);
            foreach (var count in counts)
            {
                if (!stored.TryGetValue(count.TerritoryId, out var row))
                {
                    row = new ComplianceSnapshot { OperationId = operation.Id, TerritoryId = count.TerritoryId };
                    db.ComplianceSnapshots.Add(row);
                }
                row.Required = count.Required;
                row.Satisfied = count.Satisfied;
                row.ComputedAtUtc = now;
            }
        }
        await db.SaveChangesAsync(ct);
    }

    private static async Task<IReadOnlyList<TerritoryCompleteness>> CountAsync(AppDbContext db, int operationId, DateOnly from, DateOnly to, int[]? readable, CancellationToken ct)
    {
        var totals = new Dictionary<int, (int Required, int Satisfied)>();
        foreach (var rule in Enum.GetValues<ComplianceRule>())
        {
            var counts = await Requirements(db, rule, operationId, from, to, readable)
                .GroupBy(r => r.TerritoryId)
                .Select(g => new { TerritoryId = g.Key, Required = g.Count(), Satisfied = g.Count(r => r.Satisfied) })
                .ToListAsync(ct);
            foreach (var c in counts)
            {
                var (required, satisfied) = totals.GetValueOrDefault(c.TerritoryId);
                totals[c.TerritoryId] = (required + c.Required, satisfied + c.Satisfied);
            }
        }
        var territories = await db.Territories.AsNoTracking().Where(t => readable == null || readable.Contains(t.Id))
            .OrderBy(t => t.Number).Select(t => new { t.Id, t.Code, t.Name }).ToListAsync(ct);
        return [.. territories.Select(t =>
        {
            var (required, satisfied) = totals.GetValueOrDefault(t.Id);
            return new TerritoryCompleteness(t.Id, t.Code, t.Name, required, satisfied);
        })];
    }

    /// <summary>One rule as a query: each object that needs a piece in the period, and whether it has one.</summary>
    private static IQueryable<Requirement> Requirements(AppDbContext db, ComplianceRule rule, int operationId, DateOnly start, DateOnly end, int[]? readable)
    {
        var evidence = db.EvidenceDocuments.Current();
        IQueryable<Requirement> query = rule switch
        {
            ComplianceRule.ExpenseInvoice => db.Expenses
                .Where(e => e.OperationId == operationId && e.InvoiceDate >= start && e.InvoiceDate <= end)
                .Select(e => new Requirement
                {
                    TerritoryId = e.TerritoryId, TerritoryName = e.Territory!.Name, ObjectId = e.Id,
                    Title = e.Supplier + " — facture " + e.InvoiceNumber, Date = e.InvoiceDate,
                    Satisfied = evidence.Any(d => d.ExpenseId == e.Id
                        && (d.Category == EvidenceCategory.Invoice || d.Category == EvidenceCategory.PurchaseOrder)),
                }),
            ComplianceRule.ActivityAttendanceSheet => db.Activities
                .Where(a => a.OperationId == operationId && a.DeletedAt == null && a.Date >= start && a.Date <= end
                    && (a.Type == ActivityType.PublicAction
                        || (CollectiveFormats.Contains(a.Format)
                            && a.InhabitantCount + a.ProfessionalCount + a.VolunteerCount + a.PartnerCount > 0)))
                .Select(a => new Requirement
                {
                    TerritoryId = a.TerritoryId, TerritoryName = a.Territory!.Name, ObjectId = a.Id, Title = a.Title, Date = a.Date,
                    Satisfied = evidence.Any(d => d.ActivityId == a.Id && d.Category == EvidenceCategory.AttendanceSheet),
                }),
            // A variable-time member's month counts when they logged activities in it (their account is their author id).
            ComplianceRule.MemberTimesheet => (
                    from a in db.Activities
                    join m in db.Members on a.AuthorId equals m.UserId
                    where a.OperationId == operationId && a.DeletedAt == null && a.Date >= start && a.Date <= end
                        && m.Assignment == Assignment.Variable && m.ArchivedAt == null
                    select new { MemberId = m.Id, m.TerritoryId, TerritoryName = m.Territory!.Name, m.FirstName, m.LastName, a.Month })
                .Distinct()
                .Select(x => new Requirement
                {
                    TerritoryId = x.TerritoryId, TerritoryName = x.TerritoryName, ObjectId = x.MemberId,
                    Title = x.FirstName + " " + x.LastName, Date = x.Month,
                    Satisfied = db.Timesheets.Any(t => t.MemberId == x.MemberId && t.Month == x.Month && t.Status != SignatureStatus.Draft)
                        || evidence.Any(d => d.MemberId == x.MemberId && d.PeriodMonth == x.Month && d.Category == EvidenceCategory.Timesheet),
                }),
            ComplianceRule.MemberMissionLetter => db.Members
                .Where(m => (m.Assignment == Assignment.FullTime || m.Assignment == Assignment.FixedPercent) && m.ArchivedAt == null
                    && m.ActiveFrom <= end && (m.ActiveTo == null || m.ActiveTo >= start))
                .Select(m => new Requirement
                {
                    TerritoryId = m.TerritoryId, TerritoryName = m.Territory!.Name, ObjectId = m.Id, Title = m.FirstName + " " + m.LastName, Date = null,
                    Satisfied = evidence.Any(d => d.MemberId == m.Id && d.Category == EvidenceCategory.MissionLetter),
                }),
            ComplianceRule.CentrePublicityProof => db.Centres
                .Where(c => c.Status == CentreStatus.Engaged && c.ArchivedAt == null && (c.EngagedOn == null || c.EngagedOn <= end))
                .Select(c => new Requirement
                {
                    TerritoryId = c.TerritoryId, TerritoryName = c.Territory!.Name, ObjectId = c.Id, Title = c.Name, Date = null,
                    Satisfied = evidence.Any(d => d.CentreId == c.Id && d.Category == EvidenceCategory.PublicityProof),
                }),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
        };
        return readable is null ? query : query.Where(r => readable.Contains(r.TerritoryId));
    }

    private static MissingEvidence ToItem(ComplianceRule rule, Requirement r)
    {
        var (objectUrl, category, uploadUrl) = rule switch
        {
            ComplianceRule.ExpenseInvoice => ($"/finance?tab=expenses&expense={r.ObjectId}", EvidenceCategory.Invoice,
                $"/evidence?expense={r.ObjectId}&upload={EvidenceCategory.Invoice}"),
            ComplianceRule.ActivityAttendanceSheet => ($"/activities/{r.ObjectId}", EvidenceCategory.AttendanceSheet, $"/activities/{r.ObjectId}#pieces"),
            ComplianceRule.MemberTimesheet => ($"/network/members?member={r.ObjectId}", EvidenceCategory.Timesheet,
                $"/evidence?member={r.ObjectId}&month={r.Date:yyyy-MM}&upload={EvidenceCategory.Timesheet}"),
            ComplianceRule.MemberMissionLetter => ($"/network/members?member={r.ObjectId}", EvidenceCategory.MissionLetter,
                $"/evidence?member={r.ObjectId}&upload={EvidenceCategory.MissionLetter}"),
            _ => ($"/network/centres/{r.ObjectId}", EvidenceCategory.PublicityProof,
                $"/evidence?centre={r.ObjectId}&upload={EvidenceCategory.PublicityProof}"),
        };
        return new MissingEvidence(rule, ComplianceRules.Label(rule), r.TerritoryId, r.TerritoryName, r.ObjectId, r.Title, r.Date,
            objectUrl, category, uploadUrl);
    }

    private static int[]? Readable(CurrentUser user, int? territoryId)
    {
        if (!user.HasFederationScope && !user.IsCoordinator)
        {
            throw new ScopeViolationException("La conformité n'est accessible qu'aux coordinateurs de leurs territoires, à la cheffe de projet et à l'administrateur.");
        }
        if (territoryId is { } id)
        {
            if (!user.CanReadTerritoryFinance(id))
            {
                throw new ScopeViolationException("La conformité de ce territoire n'est accessible qu'à ses coordinateurs et à la cheffe de projet.");
            }
            return [id];
        }
        return user.HasFederationScope ? null : [.. user.TerritoryIds];
    }

    private static async Task<(DateOnly From, DateOnly To)> RangeAsync(AppDbContext db, ComplianceQuery query, CancellationToken ct)
    {
        var operation = await db.Operations.AsNoTracking().Where(o => o.Id == query.OperationId)
            .Select(o => new { o.StartDate, o.EndDate }).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Cette opération n'existe pas.");
        if (query.Period is not { } period)
        {
            return (operation.StartDate, operation.EndDate);
        }
        return (period.From > operation.StartDate ? period.From : operation.StartDate, period.To < operation.EndDate ? period.To : operation.EndDate);
    }

    /// <summary>The common shape of the five rule queries (a class so that EF translates the projections).</summary>
    private sealed class Requirement
    {
        public int TerritoryId { get; init; }
        public string TerritoryName { get; init; } = "";
        public int ObjectId { get; init; }
        public string Title { get; init; } = "";
        public DateOnly? Date { get; init; }
        public bool Satisfied { get; init; }
    }
}

/// <summary>The nightly Hangfire job: refreshes the stored per-territory completeness.</summary>
public sealed class ComplianceSnapshotJob(ComplianceService compliance)
{
    public Task RunAsync(CancellationToken ct) => compliance.RefreshSnapshotsAsync(ct);
}
