using System.Globalization;
using CscDashboard.Core.Common;
using CscDashboard.Core.Finance;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core.Finance;

/// <summary>Expense, budget and funding writes: validation refusals write nothing; territory scope is enforced by the service.</summary>
public sealed class FinanceServiceTests : IAsyncLifetime
{
    private CoreTestContext _ctx = default!;
    private FinanceWorld _world = default!;

    public async Task InitializeAsync()
    {
        _ctx = await CoreTestContext.CreateAsync();
        _world = await FinanceWorld.CreateAsync(_ctx);
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private async Task<int> ExpenseCountAsync()
    {
        await using var db = _ctx.CreateDb();
        return await db.Expenses.CountAsync();
    }

    private ExpenseInput ArtExpense(string number = "F-100") =>
        FinanceWorld.Expense(_world.OperationId, _world.Art, "Imprimerie du Littoral", number, 240m, CostCategory.Communication);

    [Fact]
    public async Task A_coordinator_records_an_expense_in_their_territory_and_it_is_listed()
    {
        _ctx.ActAs(_world.ArtCoordinator);
        var input = ArtExpense() with { AmountExclVat = 200m, Vat = 40m, EligibleAmount = 240m, Description = "Affiches FEDER" };

        var id = await _world.Expenses.CreateExpenseAsync(input);

        var page = await _world.Expenses.ListExpensesAsync(new ExpenseFilter(_world.OperationId, TerritoryId: _world.Art), new PageRequest(SortBy: "supplier"));
        Assert.Equal(3, page.TotalCount);
        var row = page.Items.Single(e => e.Id == id);
        Assert.Equal((200m, 40m, 240m, 240m), (row.AmountExclVat, row.Vat, row.AmountInclVat, row.EligibleAmount));
        Assert.True(row.Claimable);
        await using var db = _ctx.CreateDb();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == "Expense" && a.EntityKey == id.ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_french_messages_per_field_and_nothing_is_written()
    {
        _ctx.ActAs(_world.ArtCoordinator);
        var before = await ExpenseCountAsync();
        var input = ArtExpense() with
        {
            Supplier = " ",
            InvoiceNumber = "",
            InvoiceDate = new DateOnly(2021, 6, 1),
            PaymentDate = new DateOnly(2021, 5, 1),
            AmountExclVat = 100.005m,
            Vat = -1m,
            EligibleAmount = 500m,
        };

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => _world.Expenses.CreateExpenseAsync(input));

        Assert.Equal(["Le fournisseur est obligatoire."], refused.Errors["Supplier"]);
        Assert.Equal(["Le numéro de facture est obligatoire."], refused.Errors["InvoiceNumber"]);
        Assert.Contains("doit être comprise dans l'opération CSC-2021-2023 (du 01/09/2021 au 31/12/2023)", refused.Errors["InvoiceDate"][0]);
        Assert.Equal(["La date de paiement ne peut pas précéder la date de facture."], refused.Errors["PaymentDate"]);
        Assert.Equal(["Le montant HT s'écrit avec deux décimales au plus (centimes)."], refused.Errors["AmountExclVat"]);
        Assert.Equal(["La TVA ne peut pas être négatif."], refused.Errors["Vat"]);
        Assert.StartsWith("Le montant éligible ne peut pas dépasser le montant TTC", refused.Errors["EligibleAmount"][0]);
        Assert.Equal(before, await ExpenseCountAsync());
    }

    [Fact]
    public async Task The_same_invoice_of_the_same_supplier_is_refused_even_written_differently()
    {
        _ctx.ActAs(_world.ArtCoordinator);
        var before = await ExpenseCountAsync();

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _world.Expenses.CreateExpenseAsync(FinanceWorld.Expense(_world.OperationId, _world.Art, " sncf voyageurs ", "f-001", 10m, CostCategory.Travel)));

        Assert.Equal(["Cette facture de ce fournisseur est déjà enregistrée."], refused.Errors["InvoiceNumber"]);
        Assert.Equal(before, await ExpenseCountAsync());
        // Another supplier may use the same number.
        await _world.Expenses.CreateExpenseAsync(FinanceWorld.Expense(_world.OperationId, _world.Art, "Hôtel du Beffroi", "F-001", 10m, CostCategory.Travel));
    }

    [Fact]
    public async Task Staff_costs_cannot_be_entered_as_an_expense()
    {
        _ctx.ActAs(_world.ArtCoordinator);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _world.Expenses.CreateExpenseAsync(ArtExpense() with { Category = CostCategory.Staff }));

        Assert.Contains("Category", refused.Errors.Keys);
    }

    [Fact]
    public async Task Another_territorys_coordinator_can_neither_read_nor_write_its_finance()
    {
        _ctx.ActAs(_world.ValCoordinator);
        var art = _world.WholeOperation(_world.Art);
        var before = await ExpenseCountAsync();

        await Assert.ThrowsAsync<ScopeViolationException>(() => _world.Figures.StaffCostsAsync(art));
        await Assert.ThrowsAsync<ScopeViolationException>(() => _world.Figures.ExecutionAsync(art));
        await Assert.ThrowsAsync<ScopeViolationException>(() => _world.Budget.BudgetLinesAsync(art));
        await Assert.ThrowsAsync<ScopeViolationException>(() => _world.Expenses.ExpensesAsync(art));
        await Assert.ThrowsAsync<ScopeViolationException>(() => _world.Expenses.ListExpensesAsync(new ExpenseFilter(_world.OperationId, TerritoryId: _world.Art), new PageRequest()));
        await Assert.ThrowsAsync<NotFoundException>(() => _world.Expenses.GetExpenseAsync(_world.ArtTravelExpenseId));
        await Assert.ThrowsAsync<ScopeViolationException>(() => _world.Expenses.CreateExpenseAsync(ArtExpense()));
        var existing = await ExistingArtTravelAsync();
        await Assert.ThrowsAsync<ScopeViolationException>(() => _world.Expenses.UpdateExpenseAsync(_world.ArtTravelExpenseId, existing with { Supplier = "Piraté" }));
        await Assert.ThrowsAsync<ScopeViolationException>(() => _world.Expenses.UpdateExpenseAsync(_world.ArtTravelExpenseId, existing with { TerritoryId = _world.Val }));

        // Their own list holds only their territory.
        var own = await _world.Expenses.ListExpensesAsync(new ExpenseFilter(_world.OperationId), new PageRequest());
        Assert.All(own.Items, e => Assert.Equal("VAL", e.TerritoryCode));
        Assert.Equal(before, await ExpenseCountAsync());
        await using var db = _ctx.CreateDb();
        Assert.Equal("SNCF Voyageurs", (await db.Expenses.SingleAsync(e => e.Id == _world.ArtTravelExpenseId)).Supplier);
    }

    [Fact]
    public async Task The_committee_reads_and_writes_no_finance()
    {
        _ctx.ActAs(_world.Committee);
        var before = await ExpenseCountAsync();

        await Assert.ThrowsAsync<ScopeViolationException>(() => _world.Figures.OperationsAsync());
        await Assert.ThrowsAsync<ScopeViolationException>(() => _world.Figures.TerritoriesAsync());
        await Assert.ThrowsAsync<ScopeViolationException>(() => _world.Figures.FiguresAsync(_world.WholeOperation()));
        await Assert.ThrowsAsync<ScopeViolationException>(() => _world.Figures.StaffCostsAsync(_world.WholeOperation()));
        await Assert.ThrowsAsync<ScopeViolationException>(() => _world.Expenses.ListExpensesAsync(new ExpenseFilter(_world.OperationId), new PageRequest()));
        await Assert.ThrowsAsync<ScopeViolationException>(() => _world.Expenses.GetExpenseAsync(_world.ArtTravelExpenseId));
        await Assert.ThrowsAsync<ScopeViolationException>(() => _world.Funding.FundingSourcesAsync(_world.OperationId));
        await Assert.ThrowsAsync<ScopeViolationException>(() => _world.Expenses.CreateExpenseAsync(ArtExpense()));
        await Assert.ThrowsAsync<ScopeViolationException>(() => _world.Expenses.DeleteExpenseAsync(_world.ArtTravelExpenseId));
        await Assert.ThrowsAsync<ScopeViolationException>(() => _world.Budget.CreateBudgetLineAsync(new BudgetLineInput { OperationId = _world.OperationId, Label = "X", Amount = 1 }));
        Assert.Equal(before, await ExpenseCountAsync());
    }

    [Fact]
    public async Task Budget_lines_funding_sources_and_deleting_an_expense_are_for_the_project_lead()
    {
        _ctx.ActAs(_world.ArtCoordinator);
        await Assert.ThrowsAsync<ScopeViolationException>(() => _world.Expenses.DeleteExpenseAsync(_world.ArtTravelExpenseId));
        await Assert.ThrowsAsync<ScopeViolationException>(() =>
            _world.Budget.CreateBudgetLineAsync(new BudgetLineInput { OperationId = _world.OperationId, TerritoryId = _world.Art, Label = "Déplacements", Amount = 10 }));
        await Assert.ThrowsAsync<ScopeViolationException>(() => _world.Funding.FundingSourcesAsync(_world.OperationId));
        await Assert.ThrowsAsync<ScopeViolationException>(() =>
            _world.Funding.CreateFundingSourceAsync(new FundingSourceInput { OperationId = _world.OperationId, Name = "CAF", Committed = 10 }));

        _ctx.ActAs(_world.Lead);
        var lineId = await _world.Budget.CreateBudgetLineAsync(new BudgetLineInput { OperationId = _world.OperationId, TerritoryId = _world.Art, Category = CostCategory.Equipment, Label = "Tablettes", Amount = 800m });
        var fundingId = await _world.Funding.CreateFundingSourceAsync(new FundingSourceInput { OperationId = _world.OperationId, Name = "CAF du Nord", Kind = FundingKind.Caf, Committed = 90_000m, Received = 27_000m });
        await _world.Expenses.DeleteExpenseAsync(_world.ArtTravelExpenseId);

        Assert.Contains(await _world.Budget.BudgetLinesAsync(_world.WholeOperation(_world.Art)), b => b.Id == lineId && b.Amount == 800m);
        var funding = Assert.Single(await _world.Funding.FundingSourcesAsync(_world.OperationId), f => f.Id == fundingId);
        Assert.Equal(27_000m, funding.Received);
        var resources = await _world.Figures.ResourcesAsync(_world.WholeOperation());
        Assert.Equal((90_000m, 27_000m), (resources.Committed, resources.Received));
        Assert.Equal(2, await ExpenseCountAsync());
    }

    [Fact]
    public async Task Bad_budget_lines_and_funding_sources_are_refused_and_nothing_is_written()
    {

        var line = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _world.Budget.CreateBudgetLineAsync(new BudgetLineInput { OperationId = _world.OperationId, Label = "", Amount = -5m }));
        var funding = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _world.Funding.CreateFundingSourceAsync(new FundingSourceInput { OperationId = _world.OperationId, Name = "CAF", Committed = 100m, Received = 150m }));

        Assert.Equal(["L'intitulé de la ligne est obligatoire."], line.Errors["Label"]);
        Assert.Equal(["Le montant ne peut pas être négatif."], line.Errors["Amount"]);
        Assert.Equal(["Le montant reçu ne peut pas dépasser le montant engagé."], funding.Errors["Received"]);
        await using var db = _ctx.CreateDb();
        Assert.Equal(4, await db.BudgetLines.CountAsync());
        Assert.Equal(0, await db.FundingSources.CountAsync());
    }

    [Fact]
    public async Task An_edit_made_on_a_stale_version_is_refused()
    {
        _ctx.ActAs(_world.ArtCoordinator);
        var input = await ExistingArtTravelAsync();
        await _world.Expenses.UpdateExpenseAsync(_world.ArtTravelExpenseId, input with { Description = "Premier" });

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            _world.Expenses.UpdateExpenseAsync(_world.ArtTravelExpenseId, input with { Description = "Second" }));
    }

    private async Task<ExpenseInput> ExistingArtTravelAsync()
    {
        await using var db = _ctx.CreateDb();
        var e = await db.Expenses.AsNoTracking().SingleAsync(x => x.Id == _world.ArtTravelExpenseId);
        return new ExpenseInput
        {
            OperationId = e.OperationId, TerritoryId = e.TerritoryId, Supplier = e.Supplier, InvoiceNumber = e.InvoiceNumber,
            InvoiceDate = e.InvoiceDate, PaymentDate = e.PaymentDate, Category = e.Category, AmountExclVat = e.AmountExclVat,
            Vat = e.Vat, EligibleAmount = e.EligibleAmount, Version = e.Version,
        };
    }
}
