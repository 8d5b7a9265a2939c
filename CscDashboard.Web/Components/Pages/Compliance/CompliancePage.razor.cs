using CscDashboard.Core.Common;
using CscDashboard.Core.Compliance;
using CscDashboard.Core.Finance;
using CscDashboard.Web.Components.Pages.Finance;
using Microsoft.AspNetCore.Components;

namespace CscDashboard.Web.Components.Pages.Compliance;

/// <summary>
/// <c>/compliance?operation=CSC-2021-2023&amp;period=2023-03&amp;territory=ART</c>: each coordinator's to-do list of missing
/// evidence and the completeness per territory. Defaults like the finance page: the operation holding today, the whole operation.
/// </summary>
public partial class CompliancePage
{
    [Inject] private ComplianceService Service { get; set; } = default!;
    [Inject] private FinanceFiguresService Finance { get; set; } = default!;
    [Inject] private ICurrentUserAccessor Users { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "operation")] public string? OperationCode { get; set; }
    [SupplyParameterFromQuery(Name = "period")] public string? PeriodCode { get; set; }
    [SupplyParameterFromQuery(Name = "territory")] public string? TerritoryCode { get; set; }

    private CurrentUser _user = CurrentUser.Anonymous;
    private IReadOnlyList<FinanceOperation> _operations = [];
    private IReadOnlyList<FinanceTerritory> _territories = [];
    private FinanceOperation? _operation;
    private FinanceTerritory? _territory;
    private Period _period = Period.Year(2000);
    private DateOnly _today;
    private IReadOnlyList<MissingEvidence>? _missing;
    private IReadOnlyList<TerritoryCompleteness>? _completeness;
    private DateTime? _snapshotAt;
    private string? _problem;

    private string? PeriodCodeOrNull => OperationSelection.CodeInUrl(_period);

    protected override async Task OnInitializedAsync()
    {
        _user = Users.Current;
        _today = Clock.Today();
        _operations = await Finance.OperationsAsync();
        _territories = await Finance.TerritoriesAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        _problem = null;
        _operation = OperationSelection.Operation(_operations, OperationCode, _today);
        if (_operation is null)
        {
            _problem = "Aucune opération n'est enregistrée.";
            return;
        }
        _territory = OperationSelection.Territory(_territories, TerritoryCode, "tous vos territoires sont affichés", ref _problem);
        _period = OperationSelection.Period(_operation, PeriodCode, ref _problem);
        var query = new ComplianceQuery(_operation.Id, _period, _territory?.Id);
        _missing = await Service.MissingAsync(query);
        _completeness = await Service.CompletenessAsync(query);
        _snapshotAt = (await Service.SnapshotAsync(_operation.Id)).Select(s => (DateTime?)s.ComputedAtUtc).FirstOrDefault();
    }

    private static string DateLabel(MissingEvidence item) => item switch
    {
        { Date: null } => "—",
        { Rule: ComplianceRule.MemberTimesheet, Date: { } month } => month.ToString("MMMM yyyy", WebCulture.French),
        { Date: { } date } => date.ToString("dd/MM/yyyy", WebCulture.French),
    };

    private void Go(string? operation, string? period, string? territory) =>
        Navigation.NavigateTo(OperationSelection.Url("/compliance", operation, period, territory));
}
