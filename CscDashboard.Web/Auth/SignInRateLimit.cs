using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace CscDashboard.Web.Auth;

/// <summary>
/// Sign-in attempts per client address and minute (<c>Security:SignInAttemptsPerMinute</c>, default
/// 10), on top of Identity's lockout of an account after repeated failures: the lockout stops
/// guessing one password, this stops trying many accounts from one place. The limit belongs to the
/// endpoint, not to a URL: routing has matched the request before the limiter runs, so every spelling
/// that reaches the sign-in page (<c>/account/login/</c>, <c>/ACCOUNT/LOGIN</c>, <c>/account/login/.</c>,
/// <c>/account/%6Cogin</c>…) counts against the same limit. An endpoint opts in with one line:
/// <c>@attribute [EnableRateLimiting(SignInRateLimit.Policy)]</c> on a page, or
/// <c>.RequireRateLimiting(SignInRateLimit.Policy)</c> on a mapped endpoint (ADR 017). Only its POSTs
/// count; the address is the client's as seen behind a trusted proxy (forwarded headers, TransportSecurity).
/// Other requests are not limited.
/// </summary>
public static class SignInRateLimit
{
    /// <summary>The rate limiting policy of sign-in-like forms (sign-in; a password-reset request when there is one).</summary>
    public const string Policy = "sign-in";

    public const string Message = "Trop de tentatives de connexion depuis votre adresse. Patientez une minute avant de réessayer.";

    public static void AddSignInRateLimiter(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("Security:SignInAttemptsPerMinute", 10);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.Response.WriteAsync(Message, ct);
            };
            options.AddPolicy(Policy, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "inconnue",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(string.Empty));
        });
    }
}
