using CscDashboard.Core.Activities;
using CscDashboard.Core.Backups;
using CscDashboard.Core.Common;
using CscDashboard.Core.Compliance;
using CscDashboard.Core.Dashboards;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Finance;
using CscDashboard.Core.Home;
using CscDashboard.Core.Lookups;
using CscDashboard.Core.Network;
using CscDashboard.Core.Network.Import;
using CscDashboard.Core.Reporting;
using CscDashboard.Core.Timesheets;
using CscDashboard.Core.Users;
using CscDashboard.Core.Workstreams;
using CscDashboard.Tests.Infrastructure;

namespace CscDashboard.Tests.Core;

public sealed partial class ServiceAuthorizationMatrixTests
{
    /// <summary>Finance, compliance and the payment-claim dossier.</summary>
    private static IReadOnlyList<Row> FinanceAndComplianceRows =>
    [
        // ---- Finance: each coordinator their own territories; budget, funding and deleting expenses for the lead ----
        On<FinanceFiguresService>.Read(nameof(FinanceFiguresService.OperationsAsync), (s, w) => s.OperationsAsync(), Staff(Ok.With(ReferenceData.FirstOperationCode))),
        On<FinanceFiguresService>.Read(nameof(FinanceFiguresService.TerritoriesAsync), (s, w) => s.TerritoriesAsync(),
            ByTerritory(Sees(Data.Art | Data.Lil), Sees(Data.Art), Sees(Data.Lil))),
        On<BudgetService>.Read(nameof(BudgetService.BudgetLinesAsync), (s, w) => s.BudgetLinesAsync(w.Finance()),
            ByTerritory(Sees(Data.Art | Data.Lil | Data.Federation), Sees(Data.Art), Sees(Data.Lil))),
        On<BudgetService>.Read(nameof(BudgetService.BudgetLinesAsync), (s, w) => s.BudgetLinesAsync(w.Finance(w.Art)), OwnTerritory(Sees(Data.Art)), "ART demandé"),
        On<BudgetService>.Write(nameof(BudgetService.CreateBudgetLineAsync), (s, w) => s.CreateBudgetLineAsync(w.BudgetLineInput(w.Art)), Federation(Ok)),
        On<BudgetService>.Write(nameof(BudgetService.UpdateBudgetLineAsync), w => w.NewBudgetLineAsync(w.Art),
            (s, w, line) => s.UpdateBudgetLineAsync(line.Id, w.BudgetLineInput(w.Art) with { Version = line.Version, Amount = 200m }), Federation(Ok)),
        On<BudgetService>.Write(nameof(BudgetService.DeleteBudgetLineAsync), w => w.NewBudgetLineAsync(w.Art), (s, w, line) => s.DeleteBudgetLineAsync(line.Id), Federation(Ok)),
        On<FundingService>.Read(nameof(FundingService.FundingSourcesAsync), (s, w) => s.FundingSourcesAsync(w.OperationId), Federation(Sees(Data.Federation))),
        On<FundingService>.Write(nameof(FundingService.CreateFundingSourceAsync), (s, w) => s.CreateFundingSourceAsync(w.FundingSourceInput()), Federation(Ok)),
        On<FundingService>.Write(nameof(FundingService.UpdateFundingSourceAsync), w => w.NewFundingSourceAsync(),
            (s, w, f) => s.UpdateFundingSourceAsync(f.Id, w.FundingSourceInput() with { Version = f.Version }), Federation(Ok)),
        On<FundingService>.Write(nameof(FundingService.DeleteFundingSourceAsync), w => w.NewFundingSourceAsync(), (s, w, f) => s.DeleteFundingSourceAsync(f.Id), Federation(Ok)),
        On<ExpenseService>.Read(nameof(ExpenseService.ListExpensesAsync), (s, w) => s.ListExpensesAsync(new ExpenseFilter(w.OperationId), Page),
            ByTerritory(Sees(Data.Art | Data.Lil), Sees(Data.Art), Sees(Data.Lil))),
        On<ExpenseService>.Read(nameof(ExpenseService.ListExpensesAsync), (s, w) => s.ListExpensesAsync(new ExpenseFilter(w.OperationId, TerritoryId: w.Art), Page),
            OwnTerritory(Sees(Data.Art)), "ART demandé"),
        On<ExpenseService>.Read(nameof(ExpenseService.ExpensesAsync), (s, w) => s.ExpensesAsync(w.Finance()),
            ByTerritory(Sees(Data.Art | Data.Lil), Sees(Data.Art), Sees(Data.Lil))),
        // Another territory's expense does not exist for a coordinator.
        On<ExpenseService>.Read(nameof(ExpenseService.GetExpenseAsync), (s, w) => s.GetExpenseAsync(w.ArtExpense), OwnTerritory(Sees(Data.Art), other: Gone)),
        On<ExpenseService>.Write(nameof(ExpenseService.CreateExpenseAsync), (s, w) => s.CreateExpenseAsync(w.ExpenseInput(w.Art)), OwnTerritory(Ok)),
        On<ExpenseService>.Write(nameof(ExpenseService.UpdateExpenseAsync), w => w.NewEditableExpenseAsync(),
            (s, w, e) => s.UpdateExpenseAsync(e.Id, w.ExpenseInput(w.Art) with { Version = e.Version }), OwnTerritory(Ok)),
        On<ExpenseService>.Write(nameof(ExpenseService.UpdateExpenseAsync), w => w.NewEditableExpenseAsync(),
            (s, w, e) => s.UpdateExpenseAsync(e.Id, w.ExpenseInput(w.Lil) with { Version = e.Version }), Federation(Ok), "déplacée vers LIL"),
        On<ExpenseService>.Write(nameof(ExpenseService.DeleteExpenseAsync), w => w.NewExpenseAsync(w.Art), (s, w, id) => s.DeleteExpenseAsync(id), Federation(Ok)),
        On<FinanceFiguresService>.Read(nameof(FinanceFiguresService.StaffCostsAsync), (s, w) => s.StaffCostsAsync(w.Finance()),
            ByTerritory(Sees(Data.Art | Data.Lil), Sees(Data.Art), Sees(Data.Lil))),
        On<FinanceFiguresService>.Read(nameof(FinanceFiguresService.ExecutionAsync), (s, w) => s.ExecutionAsync(w.Finance()),
            ByTerritory(Sees(Data.Art | Data.Lil | Data.Federation), Sees(Data.Art), Sees(Data.Lil))),
        // Figures without names: the amounts tell whose invoices were counted.
        On<FinanceFiguresService>.Read(nameof(FinanceFiguresService.IndirectCostsAsync), (s, w) => s.IndirectCostsAsync(w.Finance()),
            ByTerritory(Ok.Verify<IndirectCosts>((_, r) => Assert.Equal(World.ArtIndirect + World.LilIndirect, r.NotClaimedExpenses)),
                Ok.Verify<IndirectCosts>((_, r) => Assert.Equal(World.ArtIndirect, r.NotClaimedExpenses)),
                Ok.Verify<IndirectCosts>((_, r) => Assert.Equal(World.LilIndirect, r.NotClaimedExpenses)))),
        On<FinanceFiguresService>.Read(nameof(FinanceFiguresService.ResourcesAsync), (s, w) => s.ResourcesAsync(w.Finance()),
            ByTerritory(Sees(Data.Federation),
                Sees(Data.None).VerifyAsync<Resources>(async (w, r) => Assert.Equal((await w.ResourcesOfAsync(w.Art)).EligibleCosts, r.EligibleCosts)),
                Sees(Data.None).VerifyAsync<Resources>(async (w, r) => Assert.Equal((await w.ResourcesOfAsync(w.Lil)).EligibleCosts, r.EligibleCosts)))),
        On<FinanceFiguresService>.Read(nameof(FinanceFiguresService.FiguresAsync), (s, w) => s.FiguresAsync(w.Finance()),
            ByTerritory(Sees(Data.Art | Data.Lil | Data.Federation), Sees(Data.Art), Sees(Data.Lil))),

        // ---- Compliance and the payment-claim dossier ----
        On<ComplianceService>.Read(nameof(ComplianceService.MissingAsync), (s, w) => s.MissingAsync(new ComplianceQuery(w.OperationId, w.March)),
            ByTerritory(Sees(Data.Art | Data.Lil), Sees(Data.Art), Sees(Data.Lil))),
        On<ComplianceService>.Read(nameof(ComplianceService.MissingAsync), (s, w) => s.MissingAsync(new ComplianceQuery(w.OperationId, w.March, w.Art)),
            OwnTerritory(Sees(Data.Art)), "ART demandé"),
        On<ComplianceService>.Read(nameof(ComplianceService.CompletenessAsync), (s, w) => s.CompletenessAsync(new ComplianceQuery(w.OperationId, w.March)),
            ByTerritory(Sees(Data.Art | Data.Lil), Sees(Data.Art), Sees(Data.Lil))),
        On<ComplianceService>.Read(nameof(ComplianceService.SnapshotAsync), (s, w) => s.SnapshotAsync(w.OperationId),
            ByTerritory(Sees(Data.Art | Data.Lil), Sees(Data.Art), Sees(Data.Lil))),
        // Recomputes every territory: the nightly job's (it runs as the system), the lead's and the admin's. The snapshot
        // rows are not audited, and a second run over unchanged data stores the same figures.
        On<ComplianceService>.Write(nameof(ComplianceService.RefreshSnapshotsAsync), (s, w) => s.RefreshSnapshotsAsync(), Federation(Ok), idempotent: true),
        On<ComplianceSnapshotJob>.Write(nameof(ComplianceSnapshotJob.RunAsync), (s, w) => s.RunAsync(CancellationToken.None), Federation(Ok), idempotent: true),
        On<PaymentClaimDossierBuilder>.Read(nameof(PaymentClaimDossierBuilder.IndexAsync), (s, w) => s.IndexAsync(w.OperationId, w.March),
            Federation(Sees(Data.Art | Data.Lil | Data.Federation))),
        On<PaymentClaimDossierBuilder>.Write(nameof(PaymentClaimDossierBuilder.BuildAsync), (s, w) => s.BuildAsync(w.OperationId, w.March), Federation(Ok)),
        On<PaymentClaimDossierBuilder>.Read(nameof(PaymentClaimDossierBuilder.List), (s, w) => Task.FromResult(s.List()), Federation(Ok.With("dossier_"))),
        On<PaymentClaimDossierBuilder>.Read(nameof(PaymentClaimDossierBuilder.PathOf), (s, w) => Task.FromResult(s.PathOf(w.DossierName)), Federation(Ok)),
        On<PaymentClaimDossierBuilder>.Read(nameof(PaymentClaimDossierBuilder.PathOf), (s, w) => Task.FromResult(s.PathOf("../csc.db")),
            Federation(Gone), "chemin deviné"),
        On<PaymentClaimDossierJob>.Write(nameof(PaymentClaimDossierJob.RunAsync), (s, w) => s.RunAsync(w.OperationId, w.March.Code, CancellationToken.None), Federation(Ok)),
    ];
}
