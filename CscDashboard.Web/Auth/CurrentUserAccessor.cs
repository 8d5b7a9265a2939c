using System.Security.Claims;
using CscDashboard.Core.Common;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CscDashboard.Web.Auth;

/// <summary>
/// The caller of the current DI scope for Core services: in a Blazor circuit the circuit's user (kept
/// up to date by <see cref="UserCircuitHandler"/>), in an HTTP request the request's user, in a
/// Hangfire job the named system user set by <see cref="Jobs.SystemUserJobActivator"/>.
/// </summary>
public sealed class CurrentUserAccessor(IHttpContextAccessor http) : ICurrentUserAccessor
{
    private CurrentUser? _systemUser;
    private ClaimsPrincipal? _circuitUser;
    private ClaimsPrincipal? _mappedPrincipal;
    private CurrentUser _mapped = CurrentUser.Anonymous;

    public CurrentUser Current
    {
        get
        {
            if (_systemUser is not null)
            {
                return _systemUser;
            }
            var principal = _circuitUser ?? http.HttpContext?.User;
            if (principal is null)
            {
                return CurrentUser.Anonymous;
            }
            if (!ReferenceEquals(principal, _mappedPrincipal))
            {
                _mapped = FromPrincipal(principal);
                _mappedPrincipal = principal;
            }
            return _mapped;
        }
    }

    internal void SetCircuitUser(ClaimsPrincipal user) => _circuitUser = user;

    internal void SetSystemUser(CurrentUser user) => _systemUser = user;

    public static CurrentUser FromPrincipal(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return CurrentUser.Anonymous;
        }
        var territories = principal.FindAll(AppClaimTypes.Territory)
            .Select(c => int.TryParse(c.Value, out var id) ? id : 0).Where(id => id > 0).ToHashSet();
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet();
        return new CurrentUser(
            principal.FindFirstValue(ClaimTypes.NameIdentifier),
            principal.FindFirstValue(AppClaimTypes.DisplayName) ?? principal.Identity.Name ?? "?",
            roles,
            territories);
    }
}

/// <summary>Hands the circuit's user to <see cref="CurrentUserAccessor"/> (Microsoft's documented pattern for services in circuits).</summary>
public sealed class UserCircuitHandler(AuthenticationStateProvider authentication, CurrentUserAccessor accessor)
    : CircuitHandler, IDisposable
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnAuthenticationChanged;
        (authentication as RevalidatingAuthenticationStateProvider)?.WatchAccountChanges();
        return base.OnCircuitOpenedAsync(circuit, cancellationToken);
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(
        Func<CircuitInboundActivityContext, Task> next) => async context =>
        {
            accessor.SetCircuitUser((await authentication.GetAuthenticationStateAsync()).User);
            await next(context);
        };

    private void OnAuthenticationChanged(Task<AuthenticationState> task) =>
        _ = UpdateAsync(task);

    private async Task UpdateAsync(Task<AuthenticationState> task) =>
        accessor.SetCircuitUser((await task).User);

    public void Dispose() => authentication.AuthenticationStateChanged -= OnAuthenticationChanged;
}
