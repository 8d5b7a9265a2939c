using CscDashboard.Core.Common;
using CscDashboard.Core.Reporting;
using CscDashboard.Web.Components.Shared;
using CscDashboard.Web.Components.Shared.Forms;
using CscDashboard.Web.Jobs;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CscDashboard.Web.Components.Pages.Reports;

/// <summary>
/// The report library for every role, and the generation panel for the project lead. Rows follow
/// their job live (status, step, then the download) through <see cref="ChangeNotifier.ReportChanged"/>.
/// </summary>
public partial class ReportsPage
{
    [Inject] private ReportService Reports { get; set; } = default!;
    [Inject] private ReportQueue Queue { get; set; } = default!;
    [Inject] private ICurrentUserAccessor Users { get; set; } = default!;
    [Inject] private ChangeNotifier Notifier { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyList<ReportRow>? _rows;
    private readonly Dictionary<int, string?> _steps = [];
    private int? _highlighted;
    private bool _canRequest;
    private IDisposable? _refresh;

    protected override async Task OnInitializedAsync()
    {
        _canRequest = ReportService.CanRequest(Users.Current);
        _refresh = Notifier.WhenReportChanged(InvokeAsync, OnReportChangedAsync);
        _rows = await Reports.ListAsync();
    }

    private async Task OnRequestedAsync(ReportRequestResult result)
    {
        _highlighted = result.Report.Id;
        _rows = await Reports.ListAsync();
        var name = Describe(result.Report);
        if (result.Created)
        {
            Snackbar.Add($"{name} : génération lancée.", Severity.Success);
        }
        else if (result.NeedsRun)
        {
            Snackbar.Add($"{name} : nouvelle tentative lancée.", Severity.Info);
        }
        else
        {
            Snackbar.Add($"{name} existe déjà (version {result.Report.Version}) : cochez « Nouvelle version » pour le régénérer.", Severity.Info);
        }
    }

    private async Task RetryAsync(ReportRow row)
    {
        var refusal = await FormSubmit.RefusalAsync(async () =>
            await OnRequestedAsync(await Queue.RequestAsync(new ReportRequest(row.Kind, row.PeriodCode, row.TerritoryCode))));
        if (refusal is not null)
        {
            Snackbar.Add(refusal, Severity.Error);
        }
    }

    private async Task OnReportChangedAsync(ReportChange change)
    {
        _steps[change.SnapshotId] = change.Status == ReportStatus.Running ? change.Step : null;
        _rows = await Reports.ListAsync();
        StateHasChanged();
    }

    private string RowClass(ReportRow row, int index) => row.Id == _highlighted ? "report-highlighted" : "";

    internal static string Describe(ReportRow row) => $"{row.KindLabel} — {row.PeriodName} — {row.ScopeLabel} (v{row.Version})";

    private static string Local(DateTime utc) => ParisTimeProvider.Format(utc);

    public void Dispose()
    {
        _refresh?.Dispose();
        GC.SuppressFinalize(this);
    }
}
