using CscDashboard.Core.Network.Import;
using MudBlazor;

namespace CscDashboard.Web.Components.Pages.Network;

/// <summary>Dialog options and the import dialog, shared by the three network lists.</summary>
public static class NetworkDialogs
{
    public static readonly DialogOptions FormOptions = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true, CloseButton = true };
    public static readonly DialogOptions ImportOptions = new() { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true, CloseButton = true };

    /// <summary>Opens the import dialog; returns the number of rows written, or null if cancelled.</summary>
    public static async Task<int?> ImportAsync(IDialogService dialogs, ImportKind kind)
    {
        var parameters = new DialogParameters<ImportDialog> { { d => d.Kind, kind } };
        var dialog = await dialogs.ShowAsync<ImportDialog>(null, parameters, ImportOptions);
        return await dialog.Result is { Canceled: false, Data: int count } ? count : null;
    }

    public static string Title(ImportKind kind) => kind switch
    {
        ImportKind.Centres => "Importer des centres",
        ImportKind.Members => "Importer des membres du réseau",
        _ => "Importer des partenaires",
    };
}
