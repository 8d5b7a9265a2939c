using System.Diagnostics.CodeAnalysis;
using CscDashboard.Core.Common;
using CscDashboard.Core.Finance;
using Microsoft.AspNetCore.Components;

namespace CscDashboard.Web.Components.Pages.Finance;

/// <summary>
/// A page whose operation, period and territory are chosen in its URL (<c>?operation=…&amp;period=…&amp;territory=…</c>),
/// shared by the finance and compliance pages. Defaults: the operation holding today (else the latest), the whole
/// operation, every territory the caller reads (<see cref="OperationSelection"/>).
/// </summary>
public abstract class OperationPage : ComponentBase
{
    [Inject] private FinanceFiguresService FinanceFigures { get; set; } = default!;
    [Inject] private ICurrentUserAccessor Users { get; set; } = default!;
    [Inject] protected NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "operation")] public string? OperationCode { get; set; }
    [SupplyParameterFromQuery(Name = "period")] public string? PeriodCode { get; set; }
    [SupplyParameterFromQuery(Name = "territory")] public string? TerritoryCode { get; set; }

    protected CurrentUser User { get; private set; } = CurrentUser.Anonymous;
    protected IReadOnlyList<FinanceOperation> Operations { get; private set; } = [];
    protected IReadOnlyList<FinanceTerritory> Territories { get; private set; } = [];
    protected FinanceOperation? Operation { get; private set; }
    protected FinanceTerritory? Territory { get; private set; }
    protected Period SelectedPeriod { get; private set; } = Period.Year(2000);
    protected DateOnly Today { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        User = Users.Current;
        Today = Clock.Today();
        Operations = await FinanceFigures.OperationsAsync();
        Territories = await FinanceFigures.TerritoriesAsync();
    }

    /// <summary>
    /// Selects the operation, territory and period of the URL (<paramref name="preferredOperationId"/> first, if any).
    /// False when no operation is recorded; an unknown territory or period adds to <paramref name="problem"/>.
    /// </summary>
    [MemberNotNullWhen(true, nameof(Operation))]
    protected bool SelectFromUrl(string allTerritoriesShown, ref string? problem, int? preferredOperationId = null)
    {
        Operation = OperationSelection.Operation(Operations, OperationCode, Today, preferredOperationId);
        if (Operation is null)
        {
            problem = "Aucune opération n'est enregistrée.";
            return false;
        }
        Territory = OperationSelection.Territory(Territories, TerritoryCode, allTerritoriesShown, ref problem);
        SelectedPeriod = OperationSelection.Period(Operation, PeriodCode, ref problem);
        return true;
    }
}
