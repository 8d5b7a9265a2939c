using CscDashboard.Core.Common;
using CscDashboard.Core.Workstreams;
using CscDashboard.Web.Components.Pages.Network;
using CscDashboard.Web.Components.Shared.Forms;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CscDashboard.Web.Components.Pages.Workstreams;

/// <summary>
/// The workstream's watch items: search and tag filter (both in the URL, <c>?q=…&amp;tag=…</c>),
/// newest first, paged; add, edit and delete through a dialog.
/// </summary>
public partial class WatchItemsPanel
{
    public const int PageSize = 10;

    [Inject] private WatchItemService Service { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Parameter, EditorRequired] public int WorkstreamId { get; set; }
    [Parameter] public string? Search { get; set; }
    [Parameter] public string? Tag { get; set; }
    [Parameter] public bool CanAdd { get; set; }

    private PagedResult<WatchItemRow>? _page;
    private IReadOnlyList<string> _tags = [];
    private (int, string?, string?)? _loaded;
    private int _pageIndex;

    private int PageCount => _page is null ? 0 : (_page.TotalCount + PageSize - 1) / PageSize;

    protected override async Task OnParametersSetAsync()
    {
        var key = (WorkstreamId, Search, Tag);
        if (key != _loaded)
        {
            _loaded = key;
            _pageIndex = 0;
            await LoadAsync(withTags: true);
        }
    }

    private async Task LoadAsync(bool withTags)
    {
        _page = await Service.ListAsync(WorkstreamId, new WatchItemFilter(Search, Tag), new PageRequest(_pageIndex, PageSize));
        if (_page.Items.Count == 0 && _pageIndex > 0)
        {
            // The last item of the last page was deleted: show the page before.
            _pageIndex = Math.Max(0, PageCount - 1);
            _page = await Service.ListAsync(WorkstreamId, new WatchItemFilter(Search, Tag), new PageRequest(_pageIndex, PageSize));
        }
        if (withTags)
        {
            _tags = await Service.ListTagsAsync(WorkstreamId);
        }
    }

    private async Task GoToAsync(int page)
    {
        _pageIndex = page - 1;
        await LoadAsync(withTags: false);
    }

    /// <summary>The search and the tag go to the URL; the new parameters then reload the list.</summary>
    private void SearchAsync(string? text) => Navigate(text, Tag);

    private void FilterByTag(string? tag) => Navigate(Search, tag);

    private void Navigate(string? search, string? tag) =>
        Nav.NavigateTo(Nav.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["q"] = string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
            ["tag"] = string.IsNullOrWhiteSpace(tag) ? null : tag,
        }), replace: true);

    private Task AddAsync() =>
        OpenAsync(null, new WatchItemInput { Date = Clock.Today() }, "Élément de veille ajouté.");

    private Task EditAsync(WatchItemRow row) => OpenAsync(row.Id, WatchItemService.ToInput(row), "Élément de veille enregistré.");

    private async Task OpenAsync(int? id, WatchItemInput input, string done)
    {
        var parameters = new DialogParameters<WatchItemDialog>
        {
            { d => d.WorkstreamId, WorkstreamId },
            { d => d.WatchItemId, id },
            { d => d.Input, input },
        };
        var dialog = await Dialogs.ShowAsync<WatchItemDialog>(null, parameters, NetworkDialogs.FormOptions);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(done, Severity.Success);
            await LoadAsync(withTags: true);
        }
    }

    private async Task DeleteAsync(WatchItemRow row)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Supprimer l'élément de veille", $"« {row.Title} » sera supprimé de la veille du chantier.",
            yesText: "Supprimer", cancelText: "Annuler");
        if (confirmed != true)
        {
            return;
        }
        await FormSubmit.RunActionAsync(Snackbar, () => Service.DeleteAsync(row.Id, row.Version), "Élément de veille supprimé.");
        await LoadAsync(withTags: true);
    }
}
