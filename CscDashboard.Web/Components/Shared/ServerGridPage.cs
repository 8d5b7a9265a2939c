using CscDashboard.Core.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CscDashboard.Web.Components.Shared;

/// <summary>
/// A list page whose grid is paged, sorted and filtered on the server, with its filter in the URL (architecture.md
/// section 4, STYLE.md 6): the page reads its filter from its query parameters (<see cref="ReadFilter"/>); a filter the
/// user changes goes to the URL (<see cref="ApplyAsync"/>), which brings the grid back to its first page; the grid asks
/// the Core service for one page at a time (<c>ServerData="LoadRowsAsync"</c>) with a whitelisted sort key
/// (<see cref="SortKey"/>). The network lists (centres, members, partners) and the evidence list share it (ADR 029).
/// </summary>
/// <typeparam name="TRow">A row of the list.</typeparam>
/// <typeparam name="TFilter">The list's filter, a record (compared by value).</typeparam>
public abstract class ServerGridPage<TRow, TFilter> : ComponentBase
    where TFilter : class, IEquatable<TFilter>
{
    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    /// <summary>The grid: <c>@ref="Grid" ServerData="LoadRowsAsync"</c>.</summary>
    protected MudDataGrid<TRow>? Grid { get; set; }

    private TFilter? _filter;

    /// <summary>The filter the rows are read with, as the URL says (read on first use, so the grid's first load has it).</summary>
    protected TFilter Filter => _filter ??= ReadFilter();

    /// <summary>The page's address, without its query string (<c>/network/centres</c>).</summary>
    protected abstract string Path { get; }

    /// <summary>The filter in the page's query parameters.</summary>
    protected abstract TFilter ReadFilter();

    /// <summary>The query string of a filter (<c>?territory=ART…</c>, or empty).</summary>
    protected abstract string ToQuery(TFilter filter);

    /// <summary>One page of rows from the Core service.</summary>
    protected abstract Task<PagedResult<TRow>> ListAsync(TFilter filter, PageRequest page, CancellationToken ct);

    /// <summary>The service's sort key for a grid column (a whitelisted switch with a default, never the column's name as is).</summary>
    protected abstract string SortKey(string? column);

    /// <summary>The direction when the user has not sorted.</summary>
    protected virtual bool DescendingByDefault => false;

    protected override async Task OnParametersSetAsync()
    {
        var filter = ReadFilter();
        if (filter.Equals(Filter))
        {
            return;
        }
        _filter = filter;
        if (Grid is not null)
        {
            Grid.NavigateTo(Page.First);
            await Grid.ReloadServerData();
        }
    }

    /// <summary>Filters live in the URL: the page reloads its rows when the query string changes.</summary>
    protected Task ApplyAsync(TFilter filter)
    {
        Navigation.NavigateTo(Path + ToQuery(filter), replace: true);
        return Task.CompletedTask;
    }

    protected async Task<GridData<TRow>> LoadRowsAsync(GridState<TRow> state, CancellationToken ct)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var page = await ListAsync(Filter, new PageRequest(state.Page, state.PageSize, SortKey(sort?.SortBy), sort?.Descending ?? DescendingByDefault), ct);
        return new GridData<TRow> { Items = page.Items, TotalItems = page.TotalCount };
    }

    /// <summary>Reads the current page again (after a save, an archive, an import…).</summary>
    protected Task ReloadAsync() => Grid?.ReloadServerData() ?? Task.CompletedTask;
}
