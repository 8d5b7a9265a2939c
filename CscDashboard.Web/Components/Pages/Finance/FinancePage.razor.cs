using System.Globalization;
using CscDashboard.Core.Common;
using CscDashboard.Core.Finance;
using Microsoft.AspNetCore.Components;

namespace CscDashboard.Web.Components.Pages.Finance;

/// <summary>
/// <c>/finance?operation=CSC-2021-2023&amp;period=2023-Q1&amp;territory=ART&amp;tab=expenses</c>: the selectors
/// and the open tab live in the URL. Defaults: the operation holding today (else the latest), the whole
/// operation, every territory the caller reads, the execution tab. <c>?expense=ID</c> (the compliance
/// to-do list links there) opens the expenses tab on that one expense, in its own operation.
/// </summary>
public partial class FinancePage
{
    [Inject] private FinanceFiguresService Figures { get; set; } = default!;
    [Inject] private ExpenseService Expenses { get; set; } = default!;
    [Inject] private ICurrentUserAccessor Users { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "operation")] public string? OperationCode { get; set; }
    [SupplyParameterFromQuery(Name = "period")] public string? PeriodCode { get; set; }
    [SupplyParameterFromQuery(Name = "territory")] public string? TerritoryCode { get; set; }
    [SupplyParameterFromQuery(Name = "tab")] public string? TabName { get; set; }
    [SupplyParameterFromQuery(Name = "expense")] public string? ExpenseIdText { get; set; }
    private int? ExpenseId => UrlValues.Id(ExpenseIdText);

    /// <summary>URL names of the tabs, in their order on the page.</summary>
    private static readonly string[] Tabs = ["execution", "expenses", "staff", "resources", "budget"];
    private const int ExpensesTab = 1;

    private CurrentUser _user = CurrentUser.Anonymous;
    private IReadOnlyList<FinanceOperation> _operations = [];
    private IReadOnlyList<FinanceTerritory> _territories = [];
    private FinanceOperation? _operation;
    private FinanceTerritory? _territory;
    private Period _period = Period.Year(2000);
    private DateOnly _today;
    private FinanceFigures? _figures;
    private string? _problem;
    private int _tab;
    private ExpenseRow? _expense;

    protected override async Task OnInitializedAsync()
    {
        _user = Users.Current;
        _today = Clock.Today();
        _operations = await Figures.OperationsAsync();
        _territories = await Figures.TerritoriesAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        // The expense is read before any field changes: a render during that read would otherwise hand the
        // expenses tab a state half old, half new, and start a load of the wrong list.
        string? problem = null;
        ExpenseRow? expense = null;
        if (ExpenseId is { } expenseId)
        {
            try
            {
                expense = await Expenses.GetExpenseAsync(expenseId);
            }
            catch (NotFoundException e)
            {
                problem = e.Message;
            }
        }
        (_problem, _expense) = (problem, expense);
        _tab = expense is not null ? ExpensesTab : Math.Max(0, Array.IndexOf(Tabs, TabName));
        _operation = OperationSelection.Operation(_operations, OperationCode, _today, expense?.OperationId);
        if (_operation is null)
        {
            _problem = "Aucune opération n'est enregistrée.";
            return;
        }
        _territory = OperationSelection.Territory(_territories, TerritoryCode, "les finances de tous vos territoires sont affichées", ref _problem);
        _period = OperationSelection.Period(_operation, PeriodCode, ref _problem);
        await ReloadAsync();
    }

    private async Task ReloadAsync() =>
        _figures = await Figures.FiguresAsync(new FinanceQuery(_operation!.Id, _period, _territory?.Id));

    private void ChangeOperation(string code) => Go(code, null, _territory?.Code);

    private void ChangeTerritory(string code) => Go(_operation?.Code, OperationSelection.CodeInUrl(_period), code);

    private void ChangePeriod(Period period) => Go(_operation?.Code, OperationSelection.CodeInUrl(period), _territory?.Code);

    private void ShowAllExpenses() => Go(_operation?.Code, OperationSelection.CodeInUrl(_period), _territory?.Code);

    /// <summary>The tab in the URL, so that a reload or a shared link opens the same tab.</summary>
    private void ChangeTab(int index)
    {
        _tab = index;
        Navigation.NavigateTo(UrlOf(_operation?.Code, OperationSelection.CodeInUrl(_period), _territory?.Code, ExpenseId), replace: true);
    }

    private void Go(string? operation, string? period, string? territory) =>
        Navigation.NavigateTo(UrlOf(operation, period, territory, expense: null));

    private string UrlOf(string? operation, string? period, string? territory, int? expense) =>
        OperationSelection.Url("/finance", operation, period, territory, ("tab", _tab > 0 ? Tabs[_tab] : null), ("expense", expense?.ToString(CultureInfo.InvariantCulture)));
}
