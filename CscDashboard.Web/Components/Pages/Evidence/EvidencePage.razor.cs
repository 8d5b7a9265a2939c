using CscDashboard.Core.Common;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Network;
using CscDashboard.Web.Evidence;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CscDashboard.Web.Components.Pages.Evidence;

/// <summary>The evidence vault: server-paged list with its filters in the URL, upload and withdrawal.</summary>
public partial class EvidencePage
{
    private static readonly int[] PageSizes = [25, 50, 100];
    [Inject] private EvidenceQueries Service { get; set; } = default!;
    [Inject] private CentreService Centres { get; set; } = default!;
    [Inject] private ICurrentUserAccessor Users { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private Core.Closing.MonthCloseQueries Closing { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "territory")] public string? Territory { get; set; }
    [SupplyParameterFromQuery(Name = "category")] public string? Category { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "q")] public string? Search { get; set; }
    [SupplyParameterFromQuery(Name = "withdrawn")] public string? WithdrawnText { get; set; }
    private bool Withdrawn => UrlValues.Flag(WithdrawnText);
    [SupplyParameterFromQuery(Name = "activity")] public string? ActivityText { get; set; }
    private int? Activity => UrlValues.Id(ActivityText);
    [SupplyParameterFromQuery(Name = "member")] public string? MemberText { get; set; }
    private int? Member => UrlValues.Id(MemberText);
    [SupplyParameterFromQuery(Name = "centre")] public string? CentreText { get; set; }
    private int? Centre => UrlValues.Id(CentreText);
    [SupplyParameterFromQuery(Name = "expense")] public string? ExpenseText { get; set; }
    private int? Expense => UrlValues.Id(ExpenseText);
    /// <summary>Month of a preset upload (<c>yyyy-MM</c>), with <see cref="Upload"/>.</summary>
    [SupplyParameterFromQuery(Name = "month")] public string? Month { get; set; }
    /// <summary>A category: opens the upload dialog preset to the linked object (links from the compliance to-do list).</summary>
    [SupplyParameterFromQuery(Name = "upload")] public string? Upload { get; set; }

    private IReadOnlyList<TerritoryOption> _territories = [];
    private CurrentUser _user = CurrentUser.Anonymous;
    private Core.Closing.MonthLocks _locks = Core.Closing.MonthLocks.None;

    protected override async Task OnInitializedAsync()
    {
        _user = Users.Current;
        // A coordinator only has evidence in their own territories: offer only those.
        _territories = (await Centres.ListTerritoriesAsync()).Where(t => _user.HasFederationScope || t.CanWrite).ToList();
        // Pieces of an approved month show a padlock instead of « Retirer » (ADR 027).
        _locks = await Closing.LockedMonthsAsync();
    }

    /// <summary>A link from the compliance to-do list opens the upload dialog once the page runs in the browser.</summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            if (Enum.TryParse<EvidenceCategory>(Upload, out var category)
                && (Filter.ActivityId ?? Filter.ExpenseId ?? Filter.MemberId ?? Filter.CentreId) is not null)
            {
                await UploadPresetAsync(category);
            }
        }
    }

    /// <summary>The upload dialog fixed to the object of the URL's filter, for the category to upload.</summary>
    private async Task UploadPresetAsync(EvidenceCategory category)
    {
        DateOnly? month = DateBounds.TryParseMonth(Month, out var m, out _) ? m : null;
        var links = new EvidenceLinks(Filter.ActivityId, Filter.ExpenseId, Filter.MemberId, Filter.CentreId, PeriodMonth: month);
        var parameters = new DialogParameters<EvidenceUploadDialog>
        {
            { d => d.Preset, links },
            { d => d.PresetLabel, $"{EvidenceLabels.Of(category)} — pièce liée à l'élément filtré" },
            { d => d.Category, category },
        };
        var dialog = await Dialogs.ShowAsync<EvidenceUploadDialog>(null, parameters, EvidenceDialogs.Options);
        if (await dialog.Result is { Data: true })
        {
            await ReloadAsync();
        }
    }

    protected override string Path => "/evidence";

    protected override EvidenceFilter ReadFilter() => EvidenceQuery.Parse(Territory, Category, From, To, Search, Withdrawn, Activity, Member, Centre, Expense);

    protected override string ToQuery(EvidenceFilter filter) => EvidenceQuery.ToQuery(filter);

    protected override Task<PagedResult<EvidenceRow>> ListAsync(EvidenceFilter filter, PageRequest page, CancellationToken ct) =>
        Service.ListAsync(filter, page, ct);

    protected override string SortKey(string? column) => column switch
    {
        nameof(EvidenceRow.OriginalName) => "name",
        nameof(EvidenceRow.Category) => "category",
        nameof(EvidenceRow.TerritoryName) => "territory",
        nameof(EvidenceRow.PeriodMonth) => "period",
        _ => "uploaded",
    };

    /// <summary>Newest first unless the user sorts.</summary>
    protected override bool DescendingByDefault => true;

    private async Task UploadAsync()
    {
        var dialog = await Dialogs.ShowAsync<EvidenceUploadDialog>(null, new DialogParameters<EvidenceUploadDialog>(), EvidenceDialogs.Options);
        if (await dialog.Result is { Data: true })
        {
            await ReloadAsync();
        }
    }

    private async Task WithdrawAsync(EvidenceRow row)
    {
        if (await WithdrawDialog.ShowAsync(Dialogs, row))
        {
            Snackbar.Add("Pièce retirée (le fichier est conservé).", Severity.Success);
            await ReloadAsync();
        }
    }
}
