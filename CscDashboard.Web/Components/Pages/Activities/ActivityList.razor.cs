using System.Globalization;
using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Lookups;
using CscDashboard.Core.Network.Import;
using CscDashboard.Web.Activities;
using CscDashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CscDashboard.Web.Components.Pages.Activities;

/// <summary>
/// The activity list: paged, sorted and filtered on the server. The filters live in the URL
/// (<c>/activities?from=2023-03-01&amp;territory=ART&amp;type=PublicAction…</c>) so a view can be bookmarked
/// and shared; the list refreshes live when an activity is saved in its territory and dates (the other filters are not in
/// the change: the list reloads for them), a burst of saves giving one reload (<see cref="LiveRefresh"/>).
/// </summary>
public partial class ActivityList : IDisposable
{
    private MudDataGrid<ActivityRow>? _grid;
    private IReadOnlyList<TerritoryItem> _territories = [];
    private IReadOnlyList<NamedItem> _workstreams = [];
    private IReadOnlyList<(string Id, string Name)> _authors = [];
    private bool _canSeeTrash;
    private bool _opensOnMine;
    private bool _showFilters;
    private bool _loaded; // the scope toggle writes its address from _territories and _opensOnMine
    private int _total;
    private IDisposable? _refresh;

    [Inject] private ActivityQueries Queries { get; set; } = default!;
    [Inject] private LookupService Lookups { get; set; } = default!;
    [Inject] private ICurrentUserAccessor Users { get; set; } = default!;
    [Inject] private ChangeNotifier Notifier { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "territory")] public string? Territory { get; set; }
    [SupplyParameterFromQuery(Name = "centre")] public string? CentreText { get; set; }
    private int? Centre => UrlValues.Id(CentreText);
    [SupplyParameterFromQuery(Name = "type")] public string? Type { get; set; }
    [SupplyParameterFromQuery(Name = "workstream")] public string? WorkstreamText { get; set; }
    private int? Workstream => UrlValues.Id(WorkstreamText);
    [SupplyParameterFromQuery(Name = "author")] public string? Author { get; set; }
    [SupplyParameterFromQuery(Name = "q")] public string? Text { get; set; }
    [SupplyParameterFromQuery(Name = "trash")] public string? TrashText { get; set; }
    private bool Trash => UrlValues.Flag(TrashText);
    /// <summary><c>mine</c> ("Mes activités") or <c>all</c> ("Tout le réseau"); see <see cref="ActivityLogScope"/>.</summary>
    [SupplyParameterFromQuery(Name = "scope")] public string? Scope { get; set; }

    private ActivityFilter Filter { get; set; } = new();

    private int ActiveFilterCount =>
        new object?[] { Filter.From, Filter.To, Filter.TerritoryId, Filter.CentreId, Filter.Type, Filter.WorkstreamId, Filter.AuthorId, Filter.Text }
            .Count(v => v is not null);

    protected override async Task OnInitializedAsync()
    {
        _territories = await Lookups.TerritoriesAsync();
        _workstreams = await Lookups.WorkstreamsAsync();
        _authors = await Lookups.AuthorsAsync();
        _canSeeTrash = Users.Current.HasFederationScope;
        _opensOnMine = ActivityLogScope.OpensOnMine(Users.Current);
        _refresh = Notifier.WhenActivityChanged(InvokeAsync, Concerns, ReloadAsync);
        _loaded = true;
    }

    protected override async Task OnParametersSetAsync()
    {
        var next = ActivityListQuery.Parse(From, To, Territory, Centre, Type, Workstream, Author, Text, Trash, Scope, Users.Current, _territories, _canSeeTrash);
        if (next != Filter)
        {
            Filter = next;
            if (_grid is not null)
            {
                await _grid.ReloadServerData();
            }
        }
    }

    private async Task<GridData<ActivityRow>> LoadAsync(GridState<ActivityRow> state, CancellationToken ct)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var page = new PageRequest(state.Page, state.PageSize, SortKey(sort?.SortBy), sort?.Descending ?? false);
        var result = await Queries.ListAsync(Filter, page, ct);
        _total = result.TotalCount;
        return new GridData<ActivityRow> { Items = result.Items, TotalItems = result.TotalCount };
    }

    private static string? SortKey(string? column) => column switch
    {
        nameof(ActivityRow.Date) => "date",
        nameof(ActivityRow.Title) => "title",
        nameof(ActivityRow.TerritoryName) => "territory",
        nameof(ActivityRow.Type) => "type",
        nameof(ActivityRow.DurationMinutes) => "duration",
        nameof(ActivityRow.AuthorName) => "author",
        _ => null,
    };

    /// <summary>Puts the filter in the URL; the page then reloads its data from the new parameters.</summary>
    private void SetFilter(ActivityFilter filter) => Nav.NavigateTo(UrlOf(filter, _territories, _opensOnMine), replace: true);

    /// <summary>"Mes activités" or "Tout le réseau": the other filters stay, a chosen author gives way to "mine".</summary>
    private void SetMine(bool mine) => SetFilter(Filter with { Mine = mine, AuthorId = mine ? null : Filter.AuthorId });

    /// <param name="opensOnMine">The caller's list opens on "Mes activités" (so "Tout le réseau" is written as <c>scope=all</c>).</param>
    public static string UrlOf(ActivityFilter filter, IReadOnlyList<TerritoryItem> territories, bool opensOnMine = false)
    {
        var query = new Dictionary<string, object?>
        {
            ["from"] = Format(filter.From),
            ["to"] = Format(filter.To),
            ["territory"] = territories.FirstOrDefault(t => t.Id == filter.TerritoryId)?.Code,
            ["centre"] = filter.CentreId,
            ["type"] = filter.Type?.ToString(),
            ["workstream"] = filter.WorkstreamId,
            ["author"] = filter.AuthorId,
            ["q"] = filter.Text,
            ["trash"] = filter.Deleted ? "true" : null,
            ["scope"] = ActivityLogScope.InUrl(filter.Mine, opensOnMine),
        };
        var parts = query.Where(p => p.Value is not null && p.Value.ToString() != "")
            .Select(p => $"{p.Key}={Uri.EscapeDataString(Convert.ToString(p.Value, CultureInfo.InvariantCulture)!)}");
        var queryString = string.Join("&", parts);
        return queryString.Length == 0 ? "/activities" : "/activities?" + queryString;
    }

    private void Today()
    {
        var today = Clock.Today();
        SetFilter(Filter with { From = today, To = today });
    }

    private void ThisWeek()
    {
        var today = Clock.Today();
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        SetFilter(Filter with { From = monday, To = monday.AddDays(6) });
    }

    private void ThisMonth()
    {
        var today = Clock.Today();
        var first = new DateOnly(today.Year, today.Month, 1);
        SetFilter(Filter with { From = first, To = first.AddMonths(1).AddDays(-1) });
    }

    /// <summary>A change the list may show: in its territory and dates when it filters them (runs on the notifier's thread: <see cref="Filter"/> is replaced whole).</summary>
    private bool Concerns(ActivityChange change) => Concerns(Filter, change);

    internal static bool Concerns(ActivityFilter filter, ActivityChange change) =>
        (filter.TerritoryId is null || filter.TerritoryId == change.TerritoryId)
        && (filter.From is null || change.Date >= filter.From) && (filter.To is null || change.Date <= filter.To);

    private Task ReloadAsync() => _grid?.ReloadServerData() ?? Task.CompletedTask;

    internal static DateOnly? ParseDate(string? text) => ActivityListQuery.ParseDate(text);

    private string ExportUrl(ExportFormat format) => ActivityListQuery.ExportUrl(Filter, _territories, _opensOnMine, format);

    internal static string? Format(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _refresh?.Dispose();
        GC.SuppressFinalize(this);
    }
}
