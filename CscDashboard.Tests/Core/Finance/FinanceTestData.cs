using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Core.Finance;
using CscDashboard.Core.Network;
using CscDashboard.Core.Operations;
using CscDashboard.Core.Timesheets;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core.Finance;

/// <summary>
/// A hand-made world with known answers, in operation CSC-2021-2023 (today 2023-03-15):
/// the ART coordinator costs 34,400 €/yr (20 €/h) and logged 7 h 30 + 1 h in March 2023 (one hour
/// from a timesheet line) and 1 h 30 in February; ART has a 1,000 € staff budget, 500 € travel,
/// 150 € indirect, a 120 € travel expense and a 50 € indirect-costs invoice; VAL has a 999 € travel expense.
/// </summary>
internal sealed class FinanceWorld
{
    public const decimal ArtTravel = 120m;
    public const decimal ArtIndirectInvoice = 50m;

    public required CoreTestContext Ctx { get; init; }
    public required int OperationId { get; init; }
    public required int Art { get; init; }
    public required int Val { get; init; }
    public required CurrentUser ArtCoordinator { get; init; }
    public required CurrentUser ValCoordinator { get; init; }
    public required CurrentUser Lead { get; init; }
    public required CurrentUser Committee { get; init; }
    public required int ArtTravelExpenseId { get; init; }

    public BudgetService Budget => Ctx.Get<BudgetService>();
    public FundingService Funding => Ctx.Get<FundingService>();
    public ExpenseService Expenses => Ctx.Get<ExpenseService>();
    public FinanceFiguresService Figures => Ctx.Get<FinanceFiguresService>();

    public FinanceQuery WholeOperation(int? territoryId = null) => new(OperationId, null, territoryId);

    public static async Task<FinanceWorld> CreateAsync(CoreTestContext ctx)
    {
        var art = await ctx.TerritoryIdAsync("ART");
        var val = await ctx.TerritoryIdAsync("VAL");
        var artCoordinator = await ctx.AddUserAsync("coord-art@test.csc", Roles.Coordinator, "ART");
        var valCoordinator = await ctx.AddUserAsync("coord-val@test.csc", Roles.Coordinator, "VAL");
        var lead = await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead);
        var committee = await ctx.AddUserAsync("committee@test.csc", Roles.Committee);

        int operationId, memberId;
        await using (var db = ctx.CreateDb())
        {
            operationId = await db.Operations.Where(o => o.Code == ReferenceData.FirstOperationCode).Select(o => o.Id).SingleAsync();
            var member = new NetworkMember
            {
                FirstName = "Camille", LastName = "Martin", Role = MemberRole.Coordinator, TerritoryId = art,
                Assignment = Assignment.Variable, AnnualGrossCost = 34_400m, ActiveFrom = new DateOnly(2021, 9, 1), UserId = artCoordinator.UserId,
            };
            db.Members.Add(member);
            db.BudgetLines.AddRange(
                BudgetLine(operationId, art, CostCategory.Staff, 1_000m),
                BudgetLine(operationId, art, CostCategory.Travel, 500m),
                BudgetLine(operationId, art, CostCategory.Indirect, 150m),
                BudgetLine(operationId, val, CostCategory.Travel, 2_000m));
            await db.SaveChangesAsync();
            memberId = member.Id;
            db.Timesheets.Add(new Timesheet
            {
                MemberId = memberId, Month = new DateOnly(2023, 3, 1),
                Lines = [new TimesheetLine { Date = new DateOnly(2023, 3, 10), Minutes = 60, Label = "Préparation du comité de pilotage" }],
            });
            await db.SaveChangesAsync();
        }

        ctx.ActAs(artCoordinator);
        var activities = ctx.Get<ActivityService>();
        await activities.CreateAsync(Activity(art, new DateOnly(2023, 3, 2), 450));
        await activities.CreateAsync(Activity(art, new DateOnly(2023, 2, 20), 90));
        var travelId = await ctx.Get<ExpenseService>().CreateExpenseAsync(Expense(operationId, art, "SNCF Voyageurs", "F-001", ArtTravel, CostCategory.Travel));
        await ctx.Get<ExpenseService>().CreateExpenseAsync(Expense(operationId, art, "Loyer Fédération", "L-2023-03", ArtIndirectInvoice, CostCategory.Indirect));
        ctx.ActAs(valCoordinator);
        await ctx.Get<ExpenseService>().CreateExpenseAsync(Expense(operationId, val, "Nord Location Véhicules", "NLV-9", 999m, CostCategory.Travel));
        ctx.ActAs(lead);

        return new FinanceWorld
        {
            Ctx = ctx, OperationId = operationId, Art = art, Val = val, ArtCoordinator = artCoordinator, ValCoordinator = valCoordinator,
            Lead = lead, Committee = committee, ArtTravelExpenseId = travelId,
        };
    }

    public async Task SetOptionAsync(IndirectCostsOption option, decimal euRate = 1.00m)
    {
        await using var db = Ctx.CreateDb();
        var operation = await db.Operations.SingleAsync(o => o.Id == OperationId);
        operation.IndirectCosts = option;
        operation.EuFundingRate = euRate;
        await db.SaveChangesAsync();
    }

    public static ExpenseInput Expense(int operationId, int territoryId, string supplier, string number, decimal eligible, CostCategory category) => new()
    {
        OperationId = operationId,
        TerritoryId = territoryId,
        Supplier = supplier,
        InvoiceNumber = number,
        InvoiceDate = new DateOnly(2023, 3, 1),
        PaymentDate = new DateOnly(2023, 3, 10),
        Category = category,
        AmountExclVat = eligible,
        Vat = 0m,
        EligibleAmount = eligible,
    };

    private static BudgetLine BudgetLine(int operationId, int territoryId, CostCategory category, decimal amount) =>
        new() { OperationId = operationId, TerritoryId = territoryId, Category = category, Label = FinanceLabels.Of(category), Amount = amount };

    private static ActivityInput Activity(int territoryId, DateOnly date, int minutes) => new()
    {
        Date = date,
        DurationMinutes = minutes,
        TerritoryId = territoryId,
        Type = ActivityType.Coordination,
        Format = ActivityFormat.Meeting,
        Place = ActivityPlace.Elsewhere,
        Title = "Réunion de coordination",
    };
}
