using CscDashboard.Core.Common;
using CscDashboard.Core.Network;
using CscDashboard.Core.Network.Import;
using CscDashboard.Web.Components.Shared;
using CscDashboard.Web.Components.Shared.Forms;
using CscDashboard.Web.Network;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CscDashboard.Web.Components.Pages.Network;

/// <summary>
/// The plumbing shared by the three network lists (centres, members, partners) over <see cref="ServerGridPage{TRow, TFilter}"/>:
/// the caller and the territories they may pick, the form dialog, archiving and the import, each followed by a reload of the grid.
/// </summary>
/// <typeparam name="TRow">A row of the list.</typeparam>
/// <typeparam name="TFilter">The list's filter, a record (compared by value).</typeparam>
public abstract class NetworkListPage<TRow, TFilter> : ServerGridPage<TRow, TFilter>
    where TFilter : class, IEquatable<TFilter>
{
    [Inject] private CentreService CentreService { get; set; } = default!;
    [Inject] private ICurrentUserAccessor Users { get; set; } = default!;
    [Inject] protected IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [SupplyParameterFromQuery(Name = NetworkQuery.Territory)] public string? Territory { get; set; }
    [SupplyParameterFromQuery(Name = NetworkQuery.Search)] public string? Search { get; set; }
    [SupplyParameterFromQuery(Name = NetworkQuery.Archived)] public string? ArchivedText { get; set; }
    protected bool Archived => UrlValues.Flag(ArchivedText);

    /// <summary>Every territory, each saying whether the caller writes there.</summary>
    protected IReadOnlyList<TerritoryOption> Territories { get; private set; } = [];

    protected CurrentUser User { get; private set; } = CurrentUser.Anonymous;

    /// <summary>Whether the caller may write somewhere (the "new" and "import" buttons).</summary>
    protected bool CanWrite { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        User = Users.Current;
        CanWrite = User.HasFederationScope || User.IsCoordinator;
        Territories = await CentreService.ListTerritoriesAsync();
    }

    /// <summary>The list's name in its export's address (<c>/network/centres/export.csv</c>).</summary>
    protected abstract string ExportName { get; }

    /// <summary>The export of the rows the filter selects.</summary>
    protected string ExportUrl(ExportFormat format) => NetworkExportEndpoints.Url(ExportName, format, ToQuery(Filter));

    /// <summary>The territory of that code if the caller writes there, else null.</summary>
    protected int? WritableTerritoryId(string? code) => Territories.FirstOrDefault(t => t.Code == code && t.CanWrite)?.Id;

    /// <summary>The first territory the caller writes in, else null.</summary>
    protected int? FirstWritableTerritoryId() => Territories.FirstOrDefault(t => t.CanWrite)?.Id;

    /// <summary>Opens a form dialog; once it saves, tells <paramref name="done"/> and reads the rows again.</summary>
    protected async Task OpenFormAsync<TDialog>(DialogParameters<TDialog> parameters, string done)
        where TDialog : IComponent
    {
        var dialog = await Dialogs.ShowAsync<TDialog>(null, parameters, NetworkDialogs.FormOptions);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(done, Severity.Success);
            await ReloadAsync();
        }
    }

    /// <summary>Runs an action of a row (archive, restore) with its message or its refusal, then reads the rows again.</summary>
    protected async Task RunAndReloadAsync(Func<Task> action, string done)
    {
        await FormSubmit.RunActionAsync(Snackbar, action, done);
        await ReloadAsync();
    }

    /// <summary>Opens the import dialog; once rows are written, tells how many and reads the rows again.</summary>
    protected async Task ImportAndReloadAsync(ImportKind kind, string one, string many)
    {
        if (await NetworkDialogs.ImportAsync(Dialogs, kind) is { } count)
        {
            Snackbar.Add($"{French.Plural(count, one, many)}.", Severity.Success);
            await ReloadAsync();
        }
    }
}
