using System.Security.Claims;
using CscDashboard.Core.Common;
using CscDashboard.Core.Users;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CscDashboard.Web.Auth;

/// <summary>
/// Signs a circuit out when its session ended (sign-out elsewhere, new password, deactivation, second factor
/// changed: ADR 018) or its account was locked: at once when the account changes
/// (<see cref="ChangeNotifier.AccountChanged"/>), and every 5 minutes anyway. The page then finds itself signed out and goes to the sign-in page.
/// </summary>
public sealed class RevalidatingAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly IOptions<IdentityOptions> _options;
    private readonly ChangeNotifier _notifier;
    private readonly ILogger _logger;

    public RevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory,
        IOptions<IdentityOptions> options, ChangeNotifier notifier)
        : base(loggerFactory)
    {
        (_scopeFactory, _options, _notifier) = (scopeFactory, options, notifier);
        _logger = loggerFactory.CreateLogger<RevalidatingAuthenticationStateProvider>();
    }

    private bool _watching;

    /// <summary>
    /// Called when a circuit opens (<see cref="UserCircuitHandler"/>): only open pages listen for account changes. A
    /// static page's request (the account page renewing its own session) must not sign its own render out.
    /// </summary>
    public void WatchAccountChanges()
    {
        if (!_watching)
        {
            _watching = true;
            _notifier.AccountChanged += OnAccountChanged;
        }
    }

    /// <summary>The fallback: changes are announced at once (<see cref="ChangeNotifier.AccountChanged"/>), also from other instances.</summary>
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(5);

    /// <summary>The circuit's session is still live (ADR 018: not signed out, not revoked, same stamp, account active) and not locked out.</summary>
    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = _scopeFactory.CreateAsyncScope();
        if (!await SessionCookieValidator.IsLiveAsync(authenticationState.User, scope.ServiceProvider, cancellationToken))
        {
            return false;
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.GetUserAsync(authenticationState.User);
        return user is not null && !await users.IsLockedOutAsync(user);
    }

    private void OnAccountChanged(AccountChange change) => _ = CheckNowAsync(change.UserId);

    private async Task CheckNowAsync(string userId)
    {
        try
        {
            var state = await GetAuthenticationStateAsync();
            if (state.User.FindFirstValue(_options.Value.ClaimsIdentity.UserIdClaimType) == userId
                && !await ValidateAuthenticationStateAsync(state, CancellationToken.None))
            {
                _logger.LogInformation("Open session of account {UserId} signed out after a change of the account", userId);
                SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The periodic check still runs; a failed early check must not bring the circuit down.
            _logger.LogWarning(ex, "Early check of account {UserId} failed", userId);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _notifier.AccountChanged -= OnAccountChanged;
        }
        base.Dispose(disposing);
    }
}
