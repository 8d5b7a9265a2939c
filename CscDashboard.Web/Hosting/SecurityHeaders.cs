using System.Security.Cryptography;

namespace CscDashboard.Web.Hosting;

/// <summary>
/// Security headers on every response. The Content-Security-Policy allows what Blazor Server and
/// MudBlazor need and nothing more: scripts from this site plus the one inline import map, by a
/// per-request nonce; the circuit's WebSocket to this site; styles from this site and inline
/// (MudBlazor writes its theme as a style element and positions popovers with style attributes);
/// images from this site and data: URIs; no plugins, no framing, forms posting only here.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "csc.csp-nonce";

    /// <summary>The nonce of this response's inline scripts (App.razor passes it to &lt;ImportMap&gt;).</summary>
    public static string? CspNonce(this HttpContext context) => context.Items[NonceKey] as string;

    /// <summary>The policy; without a nonce, inline scripts are allowed (the Hangfire dashboard only).</summary>
    public static string Policy(string? nonce) => string.Join("; ",
        "default-src 'self'",
        nonce is null ? "script-src 'self' 'unsafe-inline'" : $"script-src 'self' 'nonce-{nonce}'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'");

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            // The policy is for pages; files (PDF previews) keep the browser's own viewer working.
            context.Response.OnStarting(() =>
            {
                if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    // The Hangfire dashboard (administrators only) runs its own inline scripts.
                    headers.ContentSecurityPolicy = Policy(context.Request.Path.StartsWithSegments("/hangfire") ? null : nonce);
                }
                return Task.CompletedTask;
            });
            await next();
        });
}
