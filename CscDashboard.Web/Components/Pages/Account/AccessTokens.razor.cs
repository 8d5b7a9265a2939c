using System.Globalization;
using CscDashboard.Core.Common;
using CscDashboard.Core.OpenData;
using CscDashboard.Web.Components.Shared.Forms;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace CscDashboard.Web.Components.Pages.Account;

/// <summary>
/// <c>/account/tokens</c> (ADR 026): the caller's personal access tokens — create one (name, validity, scope no wider
/// than the account's), see its secret once, revoke; the administrator also sees and revokes everyone's.
/// </summary>
public partial class AccessTokens
{
    [Inject] private AccessTokenService Tokens { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    private TokenChoices? _choices;
    private IReadOnlyList<AccessTokenRow>? _mine;
    private IReadOnlyList<AccessTokenRow>? _all;
    private AccessTokenInput _input = new();
    private readonly HashSet<int> _territories = [];
    private readonly FormErrors _errors = new();
    private IssuedToken? _issued;
    private string? _message;
    private string? _problem;
    private bool _busy;
    private bool _isAdmin;
    private DateTime _now;

    /// <summary>The quarterly figures per territory as CSV: the example shown with a new secret (README, « API de données ouvertes »).</summary>
    private string Example => Nav.ToAbsoluteUri($"/api/v1/figures?period={Period.Containing(PeriodKind.Quarter, Clock.Today()).Previous().Code}&groupBy=territory&format=csv").ToString();

    /// <summary>A UTC time as Paris reads it.</summary>
    public static string Local(DateTime utc) => ParisTimeProvider.Format(utc);

    protected override async Task OnInitializedAsync()
    {
        _isAdmin = (await Authentication).User.IsInRole(Roles.Admin);
        try
        {
            _choices = await Tokens.ChoicesAsync();
            await LoadAsync();
        }
        catch (ScopeViolationException e)
        {
            _problem = e.Message;
        }
    }

    private async Task LoadAsync()
    {
        _now = Clock.GetUtcNow().UtcDateTime;
        _mine = await Tokens.ListAsync();
        _all = _isAdmin ? await Tokens.ListAllAsync() : null;
    }

    private void Toggle(int territoryId, bool on)
    {
        if (on)
        {
            _territories.Add(territoryId);
        }
        else
        {
            _territories.Remove(territoryId);
        }
    }

    private async Task CreateAsync()
    {
        _busy = true;
        _message = null;
        (_problem, _) = await FormSubmit.RunAsync(_errors, async () =>
        {
            _input.TerritoryIds = [.. _territories];
            _issued = await Tokens.CreateAsync(_input);
            _input = new AccessTokenInput();
            _territories.Clear();
            await LoadAsync();
        });
        _busy = false;
    }

    private async Task RevokeAsync(AccessTokenRow row)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Révoquer le jeton",
            $"Le jeton « {row.Name} » cessera de fonctionner immédiatement, pour tous les outils qui l'utilisent.",
            yesText: "Révoquer", cancelText: "Annuler");
        if (confirmed != true)
        {
            return;
        }
        _problem = await FormSubmit.RefusalAsync(async () =>
        {
            await Tokens.RevokeAsync(row.Id);
            _message = $"Jeton « {row.Name} » révoqué.";
            _issued = null;
            await LoadAsync();
        });
    }
}
