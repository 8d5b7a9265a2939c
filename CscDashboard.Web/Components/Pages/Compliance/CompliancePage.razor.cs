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

    private IReadOnlyList<MissingEvidence>? _missing;
    private IReadOnlyList<TerritoryCompleteness>? _completeness;
    private DateTime? _snapshotAt;
    private string? _problem;

    private string? PeriodCodeOrNull => OperationSelection.CodeInUrl(SelectedPeriod);

    protected override async Task OnParametersSetAsync()
    {
        _problem = null;
        if (!SelectFromUrl("tous vos territoires sont affichés", ref _problem))
        {
            return;
        }
        var query = new ComplianceQuery(Operation.Id, SelectedPeriod, Territory?.Id);
        _missing = await Service.MissingAsync(query);
        _completeness = await Service.CompletenessAsync(query);
        _snapshotAt = (await Service.SnapshotAsync(Operation.Id)).Select(s => (DateTime?)s.ComputedAtUtc).FirstOrDefault();
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
