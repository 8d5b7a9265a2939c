using System.Security.Claims;
using CscDashboard.Core.Common;
using CscDashboard.Core.Lookups;
using CscDashboard.Core.Notifications;
using CscDashboard.Core.Users;
using CscDashboard.Web.Components.Shared.Forms;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace CscDashboard.Web.Components.Pages.Admin;

/// <summary>The accounts: create, edit, new password, deactivate and reactivate; the status filter lives in the address (?etat=).</summary>
public partial class Users
{
    private const string AllStatuses = "tous";
    private const string ActiveOnly = "actifs";
    private const string DeactivatedOnly = "desactives";

    [Inject] private UserDirectoryService Directory { get; set; } = default!;
    [Inject] private AccountEditService Accounts { get; set; } = default!;
    [Inject] private PasswordResetService Resets { get; set; } = default!;
    [Inject] private LookupService Lookups { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "etat")] public string? Status { get; set; }

    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    /// <summary>The signed-in administrator: their own row offers no "Désactiver" (the service refuses it too).</summary>
    private string? _myId;

    private IReadOnlyList<UserRow>? _rows;
    private string _search = "";
    private IssuedPassword? _issued;
    private string? _message;
    private string? _problem;

    private string StatusFilter => Status is ActiveOnly or DeactivatedOnly ? Status : AllStatuses;

    private string CountText
    {
        get
        {
            var shown = _rows!.Count(Matches);
            return shown == 1 ? "1 compte" : $"{shown} comptes";
        }
    }

    protected override async Task OnInitializedAsync()
    {
        _myId = (await Authentication).User.FindFirstValue(ClaimTypes.NameIdentifier);
        _rows = await Directory.ListAsync();
    }

    private Task SetStatusAsync(string status)
    {
        Nav.NavigateTo(Nav.GetUriWithQueryParameter("etat", status == AllStatuses ? null : status));
        return Task.CompletedTask;
    }

    private async Task CreateAsync()
    {
        var parameters = new DialogParameters<AccountDialog> { { d => d.Territories, await Lookups.TerritoriesAsync() } };
        var dialog = await Dialogs.ShowAsync<AccountDialog>(null, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: IssuedPassword issued })
        {
            (_issued, _message, _problem) = (issued, null, null);
            _rows = await Directory.ListAsync();
        }
    }

    private async Task EditAsync(UserRow row)
    {
        var parameters = new DialogParameters<AccountDialog>
        {
            { d => d.Territories, await Lookups.TerritoriesAsync() },
            { d => d.Account, row },
        };
        var dialog = await Dialogs.ShowAsync<AccountDialog>(null, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            (_issued, _message, _problem) = (null, $"Le compte {row.Email} est modifié.", null);
            _rows = await Directory.ListAsync();
        }
    }

    /// <summary>
    /// « Nouveau mot de passe »: by default a link by e-mail (issue 19, ADR 028: the person chooses the password, nobody
    /// reads one out), or a generated password shown here when the person cannot receive mail.
    /// </summary>
    private async Task IssuePasswordAsync(UserRow row)
    {
        var choice = await Dialogs.ShowMessageBoxAsync("Nouveau mot de passe",
            $"Envoyer à {row.Email} un lien valable une heure pour choisir lui-même son mot de passe (l'actuel reste valable "
            + "jusque-là ; ses sessions ouvertes seront fermées quand il s'en servira), ou créer un mot de passe à lui transmettre "
            + "(l'actuel cesse aussitôt de fonctionner et ses sessions ouvertes sont fermées).",
            yesText: "Envoyer un lien", noText: "Créer un mot de passe", cancelText: "Annuler");
        if (choice == true)
        {
            await RunAsync(async () => (_issued, _message) = (null,
                $"Un lien de réinitialisation est envoyé à {await Resets.SendLinkAsync(row.Id)} (valable une heure)."));
        }
        else if (choice == false)
        {
            await RunAsync(async () => (_issued, _message) = (await Accounts.IssuePasswordAsync(row.Id), null));
        }
    }

    private async Task DeactivateAsync(UserRow row)
    {
        if (await ConfirmAsync("Désactiver le compte",
                $"{row.DisplayName} ({row.Email}) ne pourra plus se connecter et ses sessions ouvertes seront fermées. "
                + "Ses activités, pièces justificatives et l'historique restent. Vous pourrez réactiver ce compte.",
                "Désactiver"))
        {
            await RunAsync(async () =>
            {
                await Accounts.DeactivateAsync(row.Id);
                (_issued, _message) = (null, $"Le compte {row.Email} est désactivé.");
            });
        }
    }

    private async Task ResetTwoFactorAsync(UserRow row)
    {
        if (await ConfirmAsync("Réinitialiser la double authentification",
                $"L'application d'authentification et les codes de secours de {row.Email} cesseront de fonctionner et ses sessions "
                + "ouvertes seront fermées. À sa prochaine connexion, il enregistrera de nouveau son application si son rôle l'exige.",
                "Réinitialiser"))
        {
            await RunAsync(async () =>
            {
                await Accounts.ResetTwoFactorAsync(row.Id);
                (_issued, _message) = (null, $"La double authentification de {row.Email} est réinitialisée.");
            });
        }
    }

    private Task ReactivateAsync(UserRow row) =>
        RunAsync(async () =>
        {
            await Accounts.ReactivateAsync(row.Id);
            (_issued, _message) = (null, $"Le compte {row.Email} est réactivé : son titulaire se connecte avec son mot de passe habituel.");
        });

    private async Task<bool> ConfirmAsync(string title, string text, string yes) =>
        await Dialogs.ShowMessageBoxAsync(title, text, yesText: yes, cancelText: "Annuler") == true;

    /// <summary>Runs an action on an account; a refusal (last administrator, own account, unknown account) becomes the page's French message.</summary>
    private async Task RunAsync(Func<Task> action)
    {
        _problem = await FormSubmit.RefusalAsync(action);
        if (_problem is not null)
        {
            (_issued, _message) = (null, null);
        }
        _rows = await Directory.ListAsync();
    }

    private static string DeactivatedTitle(UserRow row) =>
        $"Désactivé le {ParisTimeProvider.Format(row.DeactivatedAt!.Value, "dd/MM/yyyy")}";

    private bool Matches(UserRow row) =>
        (StatusFilter == AllStatuses || row.Active == (StatusFilter == ActiveOnly))
        && (string.IsNullOrWhiteSpace(_search)
            || row.DisplayName.Contains(_search, StringComparison.CurrentCultureIgnoreCase)
            || row.Email.Contains(_search, StringComparison.CurrentCultureIgnoreCase)
            || row.Territories.Any(t => t.Contains(_search, StringComparison.CurrentCultureIgnoreCase)));
}
