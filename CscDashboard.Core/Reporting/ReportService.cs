using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Operations;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Reporting;

/// <summary>
/// The report library: requests (one snapshot per kind, period and scope unless a new version is
/// asked for), the list, and the PDF of a ready snapshot. Every role reads reports (they hold only
/// aggregates and highlight titles, no person's name); only the project lead and admin request them.
/// The build itself is <see cref="ReportJob"/>, enqueued by the host.
/// </summary>
public sealed class ReportService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, StorageOptions storage, TimeProvider clock, ChangeNotifier notifier)
{
    /// <summary>Shown as "requested by" for the scheduled reports.</summary>
    public const string ScheduleName = "Planification automatique";
    /// <summary>Shown to the committee instead of the name of whoever requested a report.</summary>
    public const string TeamName = "Équipe fédérale";

    public static bool CanRead(CurrentUser user) => user.IsSystem || Roles.All.Any(user.IsInRole);

    public static bool CanRequest(CurrentUser user) => user.HasFederationScope;

    /// <summary>The kinds a user may request from the page (the payment-claim dossier is another feature).</summary>
    public static readonly IReadOnlyList<ReportKind> RequestableKinds = [ReportKind.QuarterlyCommittee, ReportKind.Monthly, ReportKind.Territory];

    public async Task<ReportRequestResult> RequestAsync(ReportRequest request, CancellationToken ct = default)
    {
        var user = users.Current;
        if (!CanRequest(user))
        {
            throw new ScopeViolationException("Seules la cheffe de projet et l'administration peuvent demander un bilan.");
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var operations = await db.OperationPeriodsAsync(ct);
        var (period, territory) = await ValidateAsync(db, request, operations, ParisToday(), ct);
        var scope = territory?.Code ?? ReportLabels.FederationScope;

        var latest = await db.ReportSnapshots.Where(s => s.Kind == request.Kind && s.PeriodCode == period.Code && s.Scope == scope)
            .OrderByDescending(s => s.ReportVersion).FirstOrDefaultAsync(ct);
        if (latest is not null && !request.NewVersion)
        {
            return new ReportRequestResult(await RowAsync(db, latest.Id, ct), Created: false, NeedsRun: latest.Status == ReportStatus.Failed);
        }
        var snapshot = new ReportSnapshot
        {
            Kind = request.Kind,
            OperationId = operations.Where(o => o.StartDate <= period.To && o.EndDate >= period.From)
                .OrderByDescending(o => o.StartDate <= period.From).ThenBy(o => o.StartDate).First().Id,
            PeriodStart = period.From,
            PeriodEnd = period.To,
            PeriodCode = period.Code,
            Scope = scope,
            TerritoryId = territory?.Id,
            ReportVersion = (latest?.ReportVersion ?? 0) + 1,
            Status = ReportStatus.Pending,
            RequestedBy = user.IsSystem ? ScheduleName : user.DisplayName,
        };
        db.ReportSnapshots.Add(snapshot);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (!request.NewVersion)
        {
            // The same request landed at the same moment (the unique index on kind, period, scope and
            // version refused the second): answer with the one that was saved.
            await using var again = await factory.CreateDbContextAsync(ct);
            var saved = await again.ReportSnapshots.AsNoTracking()
                .Where(s => s.Kind == request.Kind && s.PeriodCode == period.Code && s.Scope == scope)
                .OrderByDescending(s => s.ReportVersion).Select(s => s.Id).FirstAsync(ct);
            return new ReportRequestResult(await RowAsync(again, saved, ct), Created: false, NeedsRun: false);
        }
        notifier.NotifyReportChanged(new ReportChange(snapshot.Id, snapshot.Status, null));
        return new ReportRequestResult(await RowAsync(db, snapshot.Id, ct), Created: true, NeedsRun: true);
    }

    /// <summary>Every snapshot, most recent first.</summary>
    public async Task<IReadOnlyList<ReportRow>> ListAsync(CancellationToken ct = default)
    {
        EnsureCanRead();
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await Rows(db.ReportSnapshots.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)).ToListAsync(ct);
        return rows.Select(ForCaller).ToList();
    }

    public async Task<ReportRow?> FindAsync(int id, CancellationToken ct = default)
    {
        EnsureCanRead();
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await Rows(db.ReportSnapshots.Where(s => s.Id == id)).FirstOrDefaultAsync(ct);
        return row is null ? null : ForCaller(row);
    }

    /// <summary>The committee sees no person's name, not even who asked for a report.</summary>
    private ReportRow ForCaller(ReportRow row) =>
        users.Current.CanSeeNames || row.RequestedBy == ScheduleName ? row : row with { RequestedBy = TeamName };

    /// <summary>The PDF of a ready snapshot; <see cref="NotFoundException"/> for an unknown id or a report not ready yet.</summary>
    public async Task<ReportFile> GetFileAsync(int id, CancellationToken ct = default)
    {
        EnsureCanRead();
        await using var db = await factory.CreateDbContextAsync(ct);
        var snapshot = await db.ReportSnapshots.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new { s.Kind, s.PeriodCode, s.Scope, s.ReportVersion, s.Status, s.PdfPath }).FirstOrDefaultAsync(ct);
        if (snapshot is null || snapshot.Status != ReportStatus.Ready || snapshot.PdfPath is null)
        {
            throw new NotFoundException("Ce bilan n'existe pas ou n'est pas encore prêt.");
        }
        var path = Path.GetFullPath(Path.Combine(storage.ReportsDirectory, snapshot.PdfPath));
        if (!path.StartsWith(Path.GetFullPath(storage.ReportsDirectory) + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
        {
            throw new NotFoundException("Le fichier de ce bilan est introuvable sur le serveur.");
        }
        return new ReportFile(path, FileNameOf(snapshot.Kind, snapshot.PeriodCode, snapshot.Scope, snapshot.ReportVersion));
    }

    /// <summary>The previous month and the previous quarter of "today" in Paris, for the scheduled reports.</summary>
    public Period PreviousPeriod(PeriodKind kind) => Period.Containing(kind, ParisToday()).Previous();

    /// <summary>Today in Paris whatever the clock's own time zone: schedules and "has the period started" follow the users' calendar.</summary>
    private DateOnly ParisToday() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), ParisTimeProvider.Paris).DateTime);

    /// <summary>bilan-trimestriel-2023-Q1-federation-v2.pdf</summary>
    public static string FileNameOf(ReportKind kind, string periodCode, string scope, int version)
    {
        var kindName = kind switch
        {
            ReportKind.Monthly => "bilan-mensuel",
            ReportKind.QuarterlyCommittee => "bilan-trimestriel",
            ReportKind.Territory => "bilan-territoire",
            _ => "bilan",
        };
        return $"{kindName}-{periodCode}-{scope.ToLowerInvariant()}-v{version}.pdf";
    }

    private void EnsureCanRead()
    {
        if (!CanRead(users.Current))
        {
            throw new ScopeViolationException("Vous n'avez pas accès aux bilans.");
        }
    }

    private static async Task<(Period Period, Territories.Territory? Territory)> ValidateAsync(
        AppDbContext db, ReportRequest request, IReadOnlyList<OperationPeriod> operations, DateOnly today, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!RequestableKinds.Contains(request.Kind))
        {
            errors["Kind"] = ["Ce type de bilan ne se demande pas ici."];
        }
        Territories.Territory? territory = null;
        if (!string.IsNullOrWhiteSpace(request.TerritoryCode))
        {
            var code = request.TerritoryCode.Trim().ToUpperInvariant();
            territory = await db.Territories.AsNoTracking().FirstOrDefaultAsync(t => t.Code == code, ct);
            if (territory is null)
            {
                errors["TerritoryCode"] = [$"Le territoire « {request.TerritoryCode} » n'existe pas."];
            }
        }
        else if (request.Kind == ReportKind.Territory)
        {
            errors["TerritoryCode"] = ["Choisissez le territoire du bilan."];
        }

        if (!Period.TryParse(request.PeriodCode, operations, out var period, out var error))
        {
            errors["PeriodCode"] = [error];
        }
        else if (PeriodError(request.Kind, period, operations, today) is { } periodError)
        {
            errors["PeriodCode"] = [periodError];
        }
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
        return (period, territory);
    }

    private static string? PeriodError(ReportKind kind, Period period, IReadOnlyList<OperationPeriod> operations, DateOnly today)
    {
        if (kind == ReportKind.Monthly && period.Kind != PeriodKind.Month)
        {
            return "Un bilan mensuel porte sur un mois (2023-03).";
        }
        if (kind == ReportKind.QuarterlyCommittee && period.Kind != PeriodKind.Quarter)
        {
            return "Un bilan trimestriel porte sur un trimestre (2023-Q1).";
        }
        if (period.Kind == PeriodKind.Custom)
        {
            return "Un bilan porte sur un mois, un trimestre, une année ou une opération.";
        }
        if (!operations.Any(o => o.StartDate <= period.To && o.EndDate >= period.From))
        {
            return $"Aucune opération ne couvre la période {period.Label}.";
        }
        if (period.From > today)
        {
            return $"La période {period.Label} n'a pas encore commencé.";
        }
        return null;
    }

    private static IQueryable<ReportRow> Rows(IQueryable<ReportSnapshot> snapshots) => snapshots.AsNoTracking().Select(s => new ReportRow(
        s.Id, s.Kind, s.PeriodCode, s.PeriodStart, s.PeriodEnd, s.Scope,
        s.Territory == null ? ReportLabels.FederationLabel : s.Territory.Name,
        s.ReportVersion, s.Status, s.RequestedBy, s.CreatedAt, s.CompletedAt, s.Error));

    private static async Task<ReportRow> RowAsync(AppDbContext db, int id, CancellationToken ct) =>
        await Rows(db.ReportSnapshots.Where(s => s.Id == id)).SingleAsync(ct);
}
