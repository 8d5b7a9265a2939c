using CscDashboard.Core.Common;
using CscDashboard.Core.Compliance;
using CscDashboard.Core.Data;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Timesheets;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Closing;

/// <summary>
/// The steps of a month close (issue 18, ADR 027): a coordinator submits a past month of their territory; the project
/// lead approves it (which locks it: <see cref="MonthLock"/>, and countersigns its signed timesheets) or returns it with
/// a comment; an approved month is reopened only by the project lead, with a reason. Each step is a row of the month's
/// history and of the audit log; the state machine itself is <see cref="MonthClose"/>. Approving or reopening a month
/// changes what the dashboards say of it (« Chiffres validés jusqu'à … »): it is notified as a change of that territory-month,
/// which drops the shared figures (<see cref="Dashboards.DashboardCache"/>) and refreshes the pages showing it (ADR 035).
/// </summary>
public sealed class MonthCloseService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users, TimeProvider clock, ComplianceService compliance,
    ChangeNotifier notifier)
{
    public const string ChangedMessage =
        "Ce mois a changé depuis que vous avez ouvert son récapitulatif (une saisie ou une autre décision a été enregistrée) : "
        + "rechargez-le pour voir ce qui est à approuver. Rien n'a été approuvé.";

    /// <summary>Submits a past month of one's territory, with an optional comment; missing evidence does not block it but is listed in it.</summary>
    public async Task SubmitAsync(int territoryId, DateOnly month, string? comment, CancellationToken ct = default)
    {
        var user = users.Current;
        MonthCloseQueries.EnsureCanUse(user);
        user.EnsureCanWriteTerritory(territoryId);
        month = MonthClosing.MonthOf(month);
        var text = MonthClosing.Clean(comment, "Commentaire", missing: null);
        await using var db = await factory.CreateDbContextAsync(ct);
        await EnsureTerritoryAsync(db, territoryId, ct);
        if (!MonthClosing.IsClosable(month, clock.Today(), await db.OperationPeriodsAsync(ct)))
        {
            throw new ValidationFailedException(new Dictionary<string, string[]>
            {
                [nameof(MonthClose.Month)] = [$"{MonthClosing.MonthName(month)} ne peut pas être soumis : un mois se soumet une fois terminé, dans la période d'une opération."],
            });
        }
        var summary = await MonthSummaries.BuildAsync(db, compliance, territoryId, month, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var close = await db.MonthCloses.SingleOrDefaultAsync(m => m.TerritoryId == territoryId && m.Month == month, ct);
        if (close is null)
        {
            close = new MonthClose { TerritoryId = territoryId, Month = month };
            db.MonthCloses.Add(close);
        }
        close.Submit(user, Now(), text, MonthSummaries.MissingLines(summary));
        await SaveAsync(db, SaveOrConflict.ConflictMessage, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Approves a submitted month as the lead saw it (<paramref name="version"/>, from <see cref="MonthCloseQueries.GetMonthAsync"/>):
    /// anything saved in the month since makes it a conflict. Locks the month and countersigns its signed timesheets.
    /// </summary>
    public async Task ApproveAsync(int territoryId, DateOnly month, long version, string? comment, CancellationToken ct = default)
    {
        var user = EnsureLead("approuve");
        month = MonthClosing.MonthOf(month);
        var text = MonthClosing.Clean(comment, "Commentaire", missing: null);
        await using var db = await factory.CreateDbContextAsync(ct);
        await EnsureTerritoryAsync(db, territoryId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var close = await LoadAsync(db, territoryId, month, ct);
        db.Entry(close).Property(m => m.Version).OriginalValue = version;
        var now = Now();
        close.Approve(user, now, text);
        // The month's row first: from here on a write in the month waits for this transaction, then finds it approved.
        await SaveAsync(db, ChangedMessage, ct);
        await TimesheetContent.CountersignAsync(db, territoryId, month, user, now, ct);
        await transaction.CommitAsync(ct);
        notifier.NotifyActivityChanged(ValidationChanged(territoryId, month));
    }

    /// <summary>Returns a submitted month to its coordinators with a comment they see on their home page.</summary>
    public Task ReturnAsync(int territoryId, DateOnly month, string? comment, CancellationToken ct = default) =>
        DecideWithTextAsync(territoryId, month, "renvoie", comment, "Commentaire", "Indiquez à la coordination ce qui est à reprendre.",
            (close, user, now, text) => close.Return(user, now, text), ct);

    /// <summary>Reopens an approved month with a mandatory reason: writes are allowed again until it is submitted and approved anew.</summary>
    public async Task ReopenAsync(int territoryId, DateOnly month, string? reason, CancellationToken ct = default)
    {
        month = await DecideWithTextAsync(territoryId, month, "rouvre", reason, "Motif",
            "Indiquez le motif de la réouverture : il reste dans l'historique du mois.", (close, user, now, text) => close.Reopen(user, now, text), ct);
        notifier.NotifyActivityChanged(ValidationChanged(territoryId, month));
    }

    /// <summary>
    /// A decision of the project lead that needs a text (a return, a reopening): checks the lead, cleans the text
    /// (<paramref name="missing"/> when it is empty), applies <paramref name="decide"/> to the month's row and saves it.
    /// Returns the month (its first day).
    /// </summary>
    private async Task<DateOnly> DecideWithTextAsync(int territoryId, DateOnly month, string verb, string? input, string field, string missing,
        Action<MonthClose, CurrentUser, DateTime, string> decide, CancellationToken ct)
    {
        var user = EnsureLead(verb);
        month = MonthClosing.MonthOf(month);
        var text = MonthClosing.Clean(input, field, missing)!;
        await using var db = await factory.CreateDbContextAsync(ct);
        await EnsureTerritoryAsync(db, territoryId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var close = await LoadAsync(db, territoryId, month, ct);
        decide(close, user, Now(), text);
        await SaveAsync(db, SaveOrConflict.ConflictMessage, ct);
        await transaction.CommitAsync(ct);
        return month;
    }

    /// <summary>The month's validation changed: no activity (id 0), the territory-month whose figures now read differently.</summary>
    private static ActivityChange ValidationChanged(int territoryId, DateOnly month) => new(0, territoryId, month);

    private CurrentUser EnsureLead(string verb)
    {
        var user = users.Current;
        if (!user.HasFederationScope)
        {
            throw new ScopeViolationException($"Seule la cheffe de projet {verb} un mois soumis ou approuvé.");
        }
        return user;
    }

    /// <summary>The month's row; a month never submitted has none and is open (its transition then refuses).</summary>
    private static async Task<MonthClose> LoadAsync(AppDbContext db, int territoryId, DateOnly month, CancellationToken ct) =>
        await db.MonthCloses.SingleOrDefaultAsync(m => m.TerritoryId == territoryId && m.Month == month, ct)
        ?? new MonthClose { TerritoryId = territoryId, Month = month };

    private static async Task EnsureTerritoryAsync(AppDbContext db, int territoryId, CancellationToken ct)
    {
        if (!await db.Territories.AnyAsync(t => t.Id == territoryId, ct))
        {
            throw new NotFoundException("Ce territoire n'existe pas.");
        }
    }

    /// <summary>A write in the month, or another decision, saved in between is a conflict (nothing is overwritten).</summary>
    private static async Task SaveAsync(AppDbContext db, string conflict, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.Entries.Any(x => x.Entity is MonthClose && x.State == EntityState.Added))
        {
            // A concurrent first submission of the same month (its unique index) is the same story as a stale version.
            throw new ConcurrencyConflictException(conflict);
        }
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;
}
