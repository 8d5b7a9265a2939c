using CscDashboard.Core.Activities;
using CscDashboard.Core.Closing;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Finance;
using CscDashboard.Core.Network;
using CscDashboard.Core.Timesheets;
using CscDashboard.Tests.Core.Evidence;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core.Closing;

/// <summary>
/// A database for the month close tests (today 2023-03-15): ART's coordinator (also a network member with a timesheet),
/// LIL's, the project lead, the admin, the committee; helpers to write through the services as one of them.
/// </summary>
public sealed class ClosingWorld : IAsyncDisposable
{
    public static readonly DateOnly January = new(2023, 1, 1);
    public static readonly DateOnly February = new(2023, 2, 1);
    public const string LeadName = "claire.cheffe";
    public static readonly CurrentUser System = CurrentUser.System("test");

    private int _serial;

    private ClosingWorld(CoreTestContext ctx) => Ctx = ctx;

    public CoreTestContext Ctx { get; }
    public CurrentUser Coordinator { get; private set; } = default!;
    public CurrentUser Other { get; private set; } = default!;
    public CurrentUser Lead { get; private set; } = default!;
    public CurrentUser Admin { get; private set; } = default!;
    public CurrentUser Committee { get; private set; } = default!;
    public int Art { get; private set; }
    public int Lil { get; private set; }
    public int OperationId { get; private set; }
    public int Centre { get; private set; }
    /// <summary>ART's coordinator as a network member (variable time): their timesheet holds their activities.</summary>
    public int Member { get; private set; }

    public static async Task<ClosingWorld> CreateAsync()
    {
        var world = new ClosingWorld(await CoreTestContext.CreateAsync());
        await world.InitializeAsync();
        return world;
    }

    private async Task InitializeAsync()
    {
        Art = await Ctx.TerritoryIdAsync("ART");
        Lil = await Ctx.TerritoryIdAsync("LIL");
        Coordinator = await Ctx.AddUserAsync("camille.coord@test.csc", Roles.Coordinator, "ART");
        Other = await Ctx.AddUserAsync("louis.coord@test.csc", Roles.Coordinator, "LIL");
        Lead = await Ctx.AddUserAsync($"{LeadName}@test.csc", Roles.ProjectLead);
        Admin = await Ctx.AddUserAsync("alex.admin@test.csc", Roles.Admin);
        Committee = await Ctx.AddUserAsync("carla.comite@test.csc", Roles.Committee);
        Ctx.ActAs(System);
        await using var db = Ctx.CreateDb();
        OperationId = await db.Operations.Where(o => o.Code == ReferenceData.FirstOperationCode).Select(o => o.Id).SingleAsync();
        Centre = await ActivityTestData.AddCentreAsync(Ctx, "ART", "Centre social Arc-en-ciel");
        Member = await Ctx.Get<MemberService>().CreateAsync(new MemberInput
        {
            FirstName = "Camille", LastName = "Coordinatrice", Role = MemberRole.Coordinator, TerritoryId = Art, CentreId = Centre,
            Assignment = Assignment.Variable, ActiveFrom = new DateOnly(2021, 9, 1),
        });
        var member = await db.Members.SingleAsync(m => m.Id == Member);
        member.UserId = Coordinator.UserId;
        await db.SaveChangesAsync();
    }

    public async Task<T> AsAsync<T>(CurrentUser user, Func<Task<T>> action)
    {
        Ctx.ActAs(user);
        try
        {
            return await action();
        }
        finally
        {
            Ctx.ActAs(System);
        }
    }

    public Task AsAsync(CurrentUser user, Func<Task> action) => AsAsync(user, async () =>
    {
        await action();
        return 0;
    });

    public T Get<T>() where T : notnull => Ctx.Get<T>();

    public ActivityInput Visit(DateOnly date, string? title = null) => new()
    {
        Date = date, StartTime = new TimeOnly(9, 0), DurationMinutes = 90, TerritoryId = Art, Type = ActivityType.CentreSupport,
        Format = ActivityFormat.Visit, Place = ActivityPlace.InCentre, Title = title ?? $"Visite n°{++_serial}", CentreIds = [Centre],
    };

    public ExpenseInput Expense(DateOnly date) => new()
    {
        OperationId = OperationId, TerritoryId = Art, Supplier = "Imprimerie du Beffroi", InvoiceNumber = $"F-{++_serial}",
        InvoiceDate = date, PaymentDate = date.AddDays(5), Category = CostCategory.Communication, AmountExclVat = 100m, Vat = 20m, EligibleAmount = 120m,
    };

    /// <summary>A visit by ART's coordinator (their timesheet's content).</summary>
    public Task<int> ActivityAsync(DateOnly date, string? title = null) =>
        AsAsync(Coordinator, () => Get<ActivityService>().CreateAsync(Visit(date, title)));

    public async Task<int> DeletedActivityAsync(DateOnly date)
    {
        var id = await ActivityAsync(date);
        await AsAsync(Coordinator, async () => await Get<ActivityService>().DeleteAsync(id, await VersionOfActivityAsync(id)));
        return id;
    }

    public Task<int> ExpenseAsync(DateOnly date) => AsAsync(Coordinator, () => Get<ExpenseService>().CreateExpenseAsync(Expense(date)));

    public async Task<int> EvidenceAsync(int activityId)
    {
        var saved = await AsAsync(Coordinator, () => Get<EvidenceService>().UploadAsync(
            new EvidenceUpload($"emargement-{++_serial}.pdf", EvidenceCategory.AttendanceSheet, new EvidenceLinks(ActivityId: activityId)),
            new MemoryStream(EvidenceTestData.Pdf($"Émargement {_serial}"))));
        return saved.Id;
    }

    public Task SubmitAsync(DateOnly month, string? comment = null) =>
        AsAsync(Coordinator, () => Get<MonthCloseService>().SubmitAsync(Art, month, comment));

    public Task<MonthCloseView> MonthAsync(DateOnly month, int? territoryId = null) =>
        AsAsync(Lead, () => Get<MonthCloseQueries>().GetMonthAsync(territoryId ?? Art, month));

    /// <summary>Approves as the lead, on the version the lead sees now.</summary>
    public async Task ApproveAsync(DateOnly month, CurrentUser? lead = null, int? territoryId = null)
    {
        var version = (await MonthAsync(month, territoryId)).Version;
        await AsAsync(lead ?? Lead, () => Get<MonthCloseService>().ApproveAsync(territoryId ?? Art, month, version, null));
    }

    /// <summary>Submitted by its coordinator (or the lead for another territory) and approved by the lead.</summary>
    public async Task CloseAsync(DateOnly month, int? territoryId = null)
    {
        await AsAsync(territoryId is null ? Coordinator : Lead, () => Get<MonthCloseService>().SubmitAsync(territoryId ?? Art, month, null));
        await ApproveAsync(month, territoryId: territoryId);
    }

    public async Task<long> VersionOfActivityAsync(int id)
    {
        await using var db = Ctx.CreateDb();
        return await db.Activities.Where(a => a.Id == id).Select(a => a.Version).SingleAsync();
    }

    public async Task<long> VersionOfExpenseAsync(int id)
    {
        await using var db = Ctx.CreateDb();
        return await db.Expenses.Where(e => e.Id == id).Select(e => e.Version).SingleAsync();
    }

    /// <summary>What a refused write must leave as it was: the audit log and the evidence files.</summary>
    public async Task<(long Audit, int Files)> WritesAsync()
    {
        await using var db = Ctx.CreateDb();
        return (await db.AuditEntries.MaxAsync(a => (long?)a.Id) ?? 0, EvidenceTestData.StoredFiles(Ctx).Length);
    }

    public async Task<SignatureStatus> TimesheetStatusAsync(DateOnly month)
    {
        await using var db = Ctx.CreateDb();
        return await db.Timesheets.Where(t => t.MemberId == Member && t.Month == month).Select(t => t.Status).SingleOrDefaultAsync();
    }

    public ValueTask DisposeAsync() => Ctx.DisposeAsync();
}
