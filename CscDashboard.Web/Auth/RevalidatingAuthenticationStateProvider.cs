using System.Security.Claims;
using CscDashboard.Core.Common;
using CscDashboard.Core.Users;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CscDashboard.Web.Auth;

/// <summary>
/// Signs a circuit out when its account was deactivated or locked, or its security stamp changed: at once when
/// the administrator changes the account (<see cref="ChangeNotifier.AccountChanged"/>), and every 30 minutes
/// anyway. The page then finds itself signed out and goes to the sign-in page.
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
        notifier.AccountChanged += OnAccountChanged;
    }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(30);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        await using var scope = _scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.GetUserAsync(state.User);
        if (user is null || !user.IsActive || await users.IsLockedOutAsync(user))
        {
            return false;
        }
        if (!users.SupportsUserSecurityStamp)
        {
            return true;
        }
        var principalStamp = state.User.FindFirstValue(_options.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await users.GetSecurityStampAsync(user);
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
            // The 30-minute check still runs; a failed early check must not bring the circuit down.
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
