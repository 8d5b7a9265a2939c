using System.Security.Claims;
using CscDashboard.Core.Common;
using CscDashboard.Core.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CscDashboard.Web.Auth;

/// <summary>
/// Checks the sign-in cookie on every request that carries one (ADR 018): its server-side session must be live,
/// its account active with the cookie's security stamp, and enrolled in the second factor when its role requires
/// one. A refused cookie is removed and the request goes on anonymous (pages then send to the sign-in page).
/// Identity's own periodic check then refreshes the cookie's claims (display name) every
/// <c>Identity:SessionCheckSeconds</c>.
/// </summary>
public static class SessionCookieValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var services = context.HttpContext.RequestServices;
        if (principal is null || !await IsLiveAsync(principal, services, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>The same check for an open page (circuit), whose principal is the cookie's of when it opened.</summary>
    public static Task<bool> IsLiveAsync(ClaimsPrincipal principal, IServiceProvider services, CancellationToken ct)
    {
        var identity = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var policy = services.GetRequiredService<TwoFactorPolicy>();
        return services.GetRequiredService<UserSessionService>().IsLiveAsync(
            principal.FindFirstValue(AppClaimTypes.Session),
            principal.FindFirstValue(identity.UserIdClaimType),
            principal.FindFirstValue(identity.SecurityStampClaimType),
            policy.IsRequiredFor(principal.FindAll(identity.RoleClaimType).Select(c => c.Value)),
            ct);
    }

    /// <summary>Identity rebuilds the principal when it refreshes the cookie: the session id (and how the account signed in) stay.</summary>
    public static Task KeepSessionClaims(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
        {
            foreach (var type in new[] { AppClaimTypes.Session, "amr" })
            {
                if (current.FindFirst(type) is { } claim && !identity.HasClaim(c => c.Type == type))
                {
                    identity.AddClaim(new Claim(type, claim.Value));
                }
            }
        }
        return Task.CompletedTask;
    }
}
