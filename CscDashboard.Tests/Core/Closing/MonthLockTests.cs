using CscDashboard.Core.Activities;
using CscDashboard.Core.Closing;
using CscDashboard.Core.Common;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Finance;
using CscDashboard.Core.Timesheets;
using CscDashboard.Tests.Core.Evidence;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core.Closing;

/// <summary>The kinds of write the issue lists: activity create, edit, delete, restore dated in the month; its expenses, timesheets, the withdrawal of its evidence.</summary>
public enum WriteKind
{
    CreateActivity,
    EditActivity,
    MoveActivityIntoMonth,
    MoveActivityOutOfMonth,
    DeleteActivity,
    RestoreActivity,
    CreateExpense,
    EditExpense,
    DeleteExpense,
    WithdrawEvidence,
    AttachTimesheetScan,
    SignTimesheet,
}

/// <summary>ART's February 2023, approved by the lead, with one of everything dated in it (and an activity in January to move into it).</summary>
public sealed class ApprovedFebruaryFixture : IAsyncLifetime
{
    public ClosingWorld World { get; private set; } = default!;
    public int Activity { get; private set; }
    public int Deleted { get; private set; }
    public int JanuaryActivity { get; private set; }
    public int Expense { get; private set; }
    public int Evidence { get; private set; }

    public async Task InitializeAsync()
    {
        World = await ClosingWorld.CreateAsync();
        Activity = await World.ActivityAsync(new DateOnly(2023, 2, 8), "Visite du centre Arc-en-ciel");
        Deleted = await World.DeletedActivityAsync(new DateOnly(2023, 2, 9));
        JanuaryActivity = await World.ActivityAsync(new DateOnly(2023, 1, 10));
        Expense = await World.ExpenseAsync(new DateOnly(2023, 2, 6));
        Evidence = await World.EvidenceAsync(Activity);
        await World.CloseAsync(ClosingWorld.February);
    }

    public async Task DisposeAsync() => await World.DisposeAsync();
}

/// <summary>
/// Issue 18 point 3: Core refuses every write that would change an approved territory-month, for every role that may
/// otherwise write (the project lead included, until they reopen it), with a French message naming the month and who
/// approved it, and writes nothing; the same writes in an open month work.
/// </summary>
public sealed class MonthLockTests(ApprovedFebruaryFixture f) : IClassFixture<ApprovedFebruaryFixture>
{
    private const string Coordinator = "coordinatrice ART";
    private const string Lead = "cheffe de projet";
    private const string Admin = "administration";
    private const string SystemRole = "système";

    private static readonly DateOnly February = ClosingWorld.February;
    private static readonly DateOnly January = ClosingWorld.January;

    /// <summary>Who may make each kind of write in an open month of ART.</summary>
    private static readonly Dictionary<WriteKind, string[]> Writers = new()
    {
        // The system has no account to be an activity's author; restoring and deleting an expense are the lead's; a person signs their own timesheet.
        [WriteKind.CreateActivity] = [Coordinator, Lead, Admin],
        [WriteKind.EditActivity] = [Coordinator, Lead, Admin, SystemRole],
        [WriteKind.MoveActivityIntoMonth] = [Coordinator, Lead, Admin, SystemRole],
        [WriteKind.MoveActivityOutOfMonth] = [Coordinator, Lead, Admin, SystemRole],
        [WriteKind.DeleteActivity] = [Coordinator, Lead, Admin, SystemRole],
        [WriteKind.RestoreActivity] = [Lead, Admin, SystemRole],
        [WriteKind.CreateExpense] = [Coordinator, Lead, Admin, SystemRole],
        [WriteKind.EditExpense] = [Coordinator, Lead, Admin, SystemRole],
        [WriteKind.DeleteExpense] = [Lead, Admin, SystemRole],
        [WriteKind.WithdrawEvidence] = [Coordinator, Lead, Admin, SystemRole],
        [WriteKind.AttachTimesheetScan] = [Coordinator, Lead, Admin, SystemRole],
        [WriteKind.SignTimesheet] = [Coordinator],
    };

    public static TheoryData<WriteKind, string> EveryWriter()
    {
        var data = new TheoryData<WriteKind, string>();
        foreach (var (kind, roles) in Writers)
        {
            foreach (var role in roles)
            {
                data.Add(kind, role);
            }
        }
        return data;
    }

    /// <summary>The open-month half: moving between months is the locked half's concern.</summary>
    public static TheoryData<WriteKind, string> EveryWriterInAnOpenMonth()
    {
        var data = new TheoryData<WriteKind, string>();
        foreach (var (kind, roles) in Writers.Where(w => w.Key is not (WriteKind.MoveActivityIntoMonth or WriteKind.MoveActivityOutOfMonth)))
        {
            foreach (var role in roles)
            {
                data.Add(kind, role);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryWriter))]
    public async Task A_write_in_an_approved_month_is_refused_with_the_month_and_its_approver_and_writes_nothing(WriteKind kind, string role)
    {
        var w = f.World;
        var write = await LockedWriteAsync(kind);
        var writes = await w.WritesAsync();
        var state = await StateAsync();

        var refused = await Assert.ThrowsAsync<ScopeViolationException>(() => w.AsAsync(User(role), write));

        Assert.StartsWith($"Février 2023 est clôturé pour Artois : approuvé par {ClosingWorld.LeadName} le 15/03/2023. Rien n'a été enregistré.", refused.Message);
        Assert.Equal(writes, await w.WritesAsync());
        Assert.Equal(state, await StateAsync());
    }

    [Theory]
    [MemberData(nameof(EveryWriterInAnOpenMonth))]
    public async Task The_same_write_in_an_open_month_works(WriteKind kind, string role)
    {
        var w = f.World;
        var write = await OpenWriteAsync(kind);
        var writes = await w.WritesAsync();

        await w.AsAsync(User(role), write);

        Assert.NotEqual(writes, await w.WritesAsync());
    }

    [Fact]
    public async Task Pages_learn_which_months_are_locked_and_the_timesheet_says_why_it_cannot_change()
    {
        var w = f.World;
        var locks = await w.AsAsync(w.Coordinator, () => w.Get<MonthCloseQueries>().LockedMonthsAsync());
        var february = locks.Find(w.Art, new DateOnly(2023, 2, 20));
        Assert.NotNull(february);
        Assert.Equal(ClosingWorld.LeadName, february.ApprovedBy);
        Assert.Null(locks.Find(w.Art, new DateOnly(2023, 1, 20)));
        Assert.Null(locks.Find(w.Lil, new DateOnly(2023, 2, 20)));
        await Assert.ThrowsAsync<ScopeViolationException>(() => w.AsAsync(w.Committee, () => w.Get<MonthCloseQueries>().LockedMonthsAsync()));

        var timesheet = await w.AsAsync(w.Coordinator, () => w.Get<TimesheetService>().BuildAsync(w.Member, February));
        Assert.Equal(february.Message, timesheet.LockedBecause);
        Assert.Null((await w.AsAsync(w.Coordinator, () => w.Get<TimesheetService>().BuildAsync(w.Member, January))).LockedBecause);
    }

    [Fact]
    public async Task Adding_evidence_to_an_approved_month_stays_allowed()
    {
        var w = f.World;
        var writes = await w.WritesAsync();

        await w.EvidenceAsync(f.Activity);

        Assert.NotEqual(writes, await w.WritesAsync());
    }

    private CurrentUser User(string role) => role switch
    {
        Coordinator => f.World.Coordinator,
        Lead => f.World.Lead,
        Admin => f.World.Admin,
        _ => ClosingWorld.System,
    };

    /// <summary>The write, on the fixture's February objects (refused writes change nothing, so they are shared).</summary>
    private async Task<Func<Task>> LockedWriteAsync(WriteKind kind)
    {
        var w = f.World;
        var activities = w.Get<ActivityService>();
        var expenses = w.Get<ExpenseService>();
        return kind switch
        {
            WriteKind.CreateActivity => () => activities.CreateAsync(w.Visit(new DateOnly(2023, 2, 10))),
            WriteKind.EditActivity => await VersionedAsync(f.Activity, v => activities.UpdateAsync(f.Activity, w.Visit(new DateOnly(2023, 2, 8), "Titre corrigé"), v)),
            WriteKind.MoveActivityIntoMonth => await VersionedAsync(f.JanuaryActivity, v => activities.UpdateAsync(f.JanuaryActivity, w.Visit(new DateOnly(2023, 2, 10)), v)),
            WriteKind.MoveActivityOutOfMonth => await VersionedAsync(f.Activity, v => activities.UpdateAsync(f.Activity, w.Visit(new DateOnly(2023, 1, 12)), v)),
            WriteKind.DeleteActivity => await VersionedAsync(f.Activity, v => activities.DeleteAsync(f.Activity, v)),
            WriteKind.RestoreActivity => () => activities.RestoreAsync(f.Deleted),
            WriteKind.CreateExpense => () => expenses.CreateExpenseAsync(w.Expense(new DateOnly(2023, 2, 7))),
            WriteKind.EditExpense => await ExpenseEditAsync(f.Expense, new DateOnly(2023, 2, 6)),
            WriteKind.DeleteExpense => () => expenses.DeleteExpenseAsync(f.Expense),
            WriteKind.WithdrawEvidence => () => w.Get<EvidenceService>().WithdrawAsync(f.Evidence, "Scan illisible"),
            WriteKind.AttachTimesheetScan => () => w.Get<TimesheetService>().AttachSignedScanAsync(w.Member, February, SignatureStatus.SignedByEmployee,
                "feuille-de-temps-signee.pdf", new MemoryStream(EvidenceTestData.Pdf("Feuille de temps de février"))),
            WriteKind.SignTimesheet => await SignAsync(February),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>The write on fresh objects of January (open): each case its own.</summary>
    private async Task<Func<Task>> OpenWriteAsync(WriteKind kind)
    {
        var w = f.World;
        var activities = w.Get<ActivityService>();
        var expenses = w.Get<ExpenseService>();
        var day = new DateOnly(2023, 1, 16);
        switch (kind)
        {
            case WriteKind.CreateActivity:
                return () => activities.CreateAsync(w.Visit(day));
            case WriteKind.EditActivity:
                var edited = await w.ActivityAsync(day);
                return await VersionedAsync(edited, v => activities.UpdateAsync(edited, w.Visit(day, "Titre corrigé"), v));
            case WriteKind.DeleteActivity:
                var deleted = await w.ActivityAsync(day);
                return await VersionedAsync(deleted, v => activities.DeleteAsync(deleted, v));
            case WriteKind.RestoreActivity:
                var restored = await w.DeletedActivityAsync(day);
                return () => activities.RestoreAsync(restored);
            case WriteKind.CreateExpense:
                return () => expenses.CreateExpenseAsync(w.Expense(day));
            case WriteKind.EditExpense:
                return await ExpenseEditAsync(await w.ExpenseAsync(day), day);
            case WriteKind.DeleteExpense:
                var expense = await w.ExpenseAsync(day);
                return () => expenses.DeleteExpenseAsync(expense);
            case WriteKind.WithdrawEvidence:
                var evidence = await w.EvidenceAsync(await w.ActivityAsync(day));
                return () => w.Get<EvidenceService>().WithdrawAsync(evidence, "Scan illisible");
            case WriteKind.AttachTimesheetScan:
                return () => w.Get<TimesheetService>().AttachSignedScanAsync(w.Member, January, SignatureStatus.Countersigned,
                    "feuille-de-temps-signee.pdf", new MemoryStream(EvidenceTestData.Pdf("Feuille de temps de janvier")));
            case WriteKind.SignTimesheet:
                // December: the scans of the January case are signatures of January already.
                return await SignAsync(new DateOnly(2022, 12, 1));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    private async Task<Func<Task>> VersionedAsync(int activityId, Func<long, Task> write)
    {
        var version = await f.World.VersionOfActivityAsync(activityId);
        return () => write(version);
    }

    private async Task<Func<Task>> ExpenseEditAsync(int id, DateOnly date)
    {
        var version = await f.World.VersionOfExpenseAsync(id);
        return () => f.World.Get<ExpenseService>().UpdateExpenseAsync(id, f.World.Expense(date) with { Version = version, EligibleAmount = 100m });
    }

    private async Task<Func<Task>> SignAsync(DateOnly month)
    {
        var w = f.World;
        var hash = (await w.AsAsync(w.Coordinator, () => w.Get<TimesheetService>().BuildAsync(w.Member, month))).ContentSha256;
        return () => w.Get<TimesheetService>().SignAsync(w.Member, month, hash);
    }

    /// <summary>What February holds, to compare before and after a refused write.</summary>
    private async Task<string> StateAsync()
    {
        await using var db = f.World.Ctx.CreateDb();
        var activities = await db.Activities.AsNoTracking().Where(a => a.Month == February || a.Id == f.JanuaryActivity).OrderBy(a => a.Id)
            .Select(a => $"{a.Id}:{a.Title}:{a.Date}:{a.DeletedAt}:{a.Version}").ToListAsync();
        var expenses = await db.Expenses.AsNoTracking().Where(e => e.InvoiceDate >= February && e.InvoiceDate < February.AddMonths(1)).OrderBy(e => e.Id)
            .Select(e => $"{e.Id}:{e.EligibleAmount}:{e.Version}").ToListAsync();
        var evidence = await db.EvidenceDocuments.AsNoTracking().Where(e => e.PeriodMonth == February).OrderBy(e => e.Id)
            .Select(e => $"{e.Id}:{e.WithdrawnAt}").ToListAsync();
        var signatures = await db.TimesheetSignatures.CountAsync(s => s.Timesheet!.Month == February);
        return string.Join("|", [.. activities, .. expenses, .. evidence, signatures.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
    }
}
