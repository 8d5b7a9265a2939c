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
    [SupplyParameterFromQuery(Name = "tab")] public string? TabName { get; set; }
    [SupplyParameterFromQuery(Name = "expense")] public string? ExpenseIdText { get; set; }
    private int? ExpenseId => UrlValues.Id(ExpenseIdText);

    /// <summary>URL names of the tabs, in their order on the page.</summary>
    private static readonly string[] Tabs = ["execution", "expenses", "staff", "resources", "budget"];
    private const int ExpensesTab = 1;

    private FinanceFigures? _figures;
    private string? _problem;
    private int _tab;
    private ExpenseRow? _expense;

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
        if (!SelectFromUrl("les finances de tous vos territoires sont affichées", ref _problem, expense?.OperationId))
        {
            return;
        }
        await ReloadAsync();
    }

    private async Task ReloadAsync() =>
        _figures = await Figures.FiguresAsync(new FinanceQuery(Operation!.Id, SelectedPeriod, Territory?.Id));

    private void ChangeOperation(string code) => Go(code, null, Territory?.Code);

    private void ChangeTerritory(string code) => Go(Operation?.Code, OperationSelection.CodeInUrl(SelectedPeriod), code);

    private void ChangePeriod(Period period) => Go(Operation?.Code, OperationSelection.CodeInUrl(period), Territory?.Code);

    private void ShowAllExpenses() => Go(Operation?.Code, OperationSelection.CodeInUrl(SelectedPeriod), Territory?.Code);

    /// <summary>The tab in the URL, so that a reload or a shared link opens the same tab.</summary>
    private void ChangeTab(int index)
    {
        _tab = index;
        Navigation.NavigateTo(UrlOf(Operation?.Code, OperationSelection.CodeInUrl(SelectedPeriod), Territory?.Code, ExpenseId), replace: true);
    }

    private void Go(string? operation, string? period, string? territory) =>
        Navigation.NavigateTo(UrlOf(operation, period, territory, expense: null));

    private string UrlOf(string? operation, string? period, string? territory, int? expense) =>
        OperationSelection.Url("/finance", operation, period, territory, ("tab", _tab > 0 ? Tabs[_tab] : null), ("expense", expense?.ToString(CultureInfo.InvariantCulture)));
}
