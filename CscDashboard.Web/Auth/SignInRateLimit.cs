using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace CscDashboard.Web.Auth;

/// <summary>
/// Sign-in attempts per client address and minute (<c>Security:SignInAttemptsPerMinute</c>, default
/// 10), on top of Identity's lockout of an account after repeated failures: the lockout stops
/// guessing one password, this stops trying many accounts from one place. Other requests are not limited.
/// </summary>
public static class SignInRateLimit
{
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
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsSignInAttempt(context.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "inconnue",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
        });
    }

    private static bool IsSignInAttempt(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals("/account/login", StringComparison.OrdinalIgnoreCase);
}
