using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using CscDashboard.Core.Common;
using CscDashboard.Core.OpenData;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace CscDashboard.Web.Api;

/// <summary>The API's scheme, policies and claim (ADR 026).</summary>
public static class ApiAuth
{
    /// <summary>Bearer tokens only: the scheme of every <c>/api/v1</c> endpoint.</summary>
    public const string Scheme = "AccessToken";
    /// <summary>The documentation (OpenAPI document and reference page): a signed-in browser or a token holder.</summary>
    public const string CookieOrToken = "CookieOrAccessToken";
    /// <summary>The token's id on the principal.</summary>
    public const string TokenClaim = "csc:token";

    /// <summary>Every role (the committee and "aggregates only" tokens too): figures and reports.</summary>
    public const string AnyRole = "ApiAnyRole";
    /// <summary>Admin, project lead and coordinators: activities and the directory.</summary>
    public const string Staff = "ApiStaff";
    /// <summary>The documentation: any signed-in account or token.</summary>
    public const string Docs = "ApiDocs";

    public static readonly IReadOnlyList<string> EndpointPolicies = [AnyRole, Staff];
}

/// <summary>
/// Registration of the read API: token scheme, policies, per-token rate limit, CORS, OpenAPI document, JSON enums as
/// names. Settings (appsettings.json, <c>Api</c> section): <c>RateLimit:Burst</c> requests at once and <c>RateLimit:PerMinute</c>
/// after that per token; <c>Cors:Origins</c> (comma-separated web origins allowed to call the API from a browser; none by default).
/// </summary>
public static class ApiSetup
{
    public const string RateLimitPolicy = "api";
    public const string CorsPolicy = "api";

    public static IServiceCollection AddCscApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, AccessTokenHandler>(ApiAuth.Scheme, null)
            .AddPolicyScheme(ApiAuth.CookieOrToken, null, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0 ? ApiAuth.Scheme : IdentityConstants.ApplicationScheme);
        services.Configure<AuthorizationOptions>(options =>
        {
            options.AddPolicy(ApiAuth.AnyRole, p => p.AddAuthenticationSchemes(ApiAuth.Scheme).RequireRole(Roles.All.ToArray()));
            options.AddPolicy(ApiAuth.Staff, p => p.AddAuthenticationSchemes(ApiAuth.Scheme).RequireRole(Roles.Admin, Roles.ProjectLead, Roles.Coordinator));
            options.AddPolicy(ApiAuth.Docs, p => p.AddAuthenticationSchemes(ApiAuth.CookieOrToken).RequireRole(Roles.All.ToArray()));
        });
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        AddRateLimit(services, configuration);
        var origins = (configuration["Api:Cors:Origins"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        services.AddCors(o => o.AddPolicy(CorsPolicy, policy =>
        {
            // No origin configured: no browser page of another site may read the API (the default).
            if (origins.Length > 0)
            {
                policy.WithOrigins(origins);
            }
            else
            {
                policy.SetIsOriginAllowed(_ => false);
            }
            policy.WithMethods("GET").WithHeaders("Authorization", "Accept", "If-None-Match")
                .WithExposedHeaders("ETag", "Retry-After", "X-Total-Count", "Content-Disposition");
        }));
        services.AddApiDocs();
        return services;
    }

    /// <summary>
    /// A token bucket per token (per client address without one): <c>Api:RateLimit:Burst</c> requests at once (60),
    /// then <c>Api:RateLimit:PerMinute</c> (60). Must run after <see cref="Auth.SignInRateLimit"/>, whose rejection it keeps for the pages.
    /// </summary>
    private static void AddRateLimit(IServiceCollection services, IConfiguration configuration)
    {
        var burst = Math.Max(1, configuration.GetValue("Api:RateLimit:Burst", 60));
        var perMinute = Math.Max(1, configuration.GetValue("Api:RateLimit:PerMinute", 60));
        var step = TimeSpan.FromMinutes(1) / perMinute;
        services.Configure<RateLimiterOptions>(options =>
        {
            var pages = options.OnRejected;
            options.OnRejected = async (context, ct) =>
            {
                if (!ApiProblems.IsApi(context.HttpContext.Request))
                {
                    if (pages is not null)
                    {
                        await pages(context, ct);
                    }
                    return;
                }
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : step;
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests,
                    $"Trop de requêtes avec ce jeton : {burst} d'affilée au plus, puis {perMinute} par minute. Réessayez dans {seconds} s.");
            };
            options.AddPolicy(RateLimitPolicy, context => RateLimitPartition.GetTokenBucketLimiter(PartitionOf(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = burst,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = step,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        });
    }

    /// <summary>The presented token's hash (the limiter runs before authentication, and keeps no secret in memory), or the client's address.</summary>
    private static string PartitionOf(HttpContext context)
    {
        string? header = context.Request.Headers.Authorization;
        return header is { Length: > 7 } && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? "token:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(header[7..].Trim())))
            : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "inconnue");
    }
}
