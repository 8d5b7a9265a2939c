using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace CscDashboard.Web.Hosting;

/// <summary>
/// The app behind a TLS-terminating reverse proxy (docs/deploy.md, ADR 017): the proxy's
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed only when the connection comes from a
/// trusted proxy — loopback always, plus <c>ReverseProxy:KnownProxies</c> (addresses) and
/// <c>ReverseProxy:KnownNetworks</c> (CIDR ranges) — so that the scheme (Secure cookies, antiforgery, HSTS)
/// and the client address (sign-in rate limit, logs) are the real ones. The proxy sets <c>Host</c> itself
/// (<c>proxy_set_header Host $host</c>): <c>X-Forwarded-Host</c> is not read. HSTS (one year with
/// subdomains by default) is sent by the app, which is authoritative for it; the proxy adds none.
/// </summary>
public static class TransportSecurity
{
    public const string Section = "ReverseProxy";

    public static IServiceCollection AddTransportSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ForwardedHeadersOptions>(options => ConfigureForwardedHeaders(options, configuration.GetSection(Section)));
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(configuration.GetValue("Security:HstsMaxAgeDays", 365));
            options.IncludeSubDomains = configuration.GetValue("Security:HstsIncludeSubDomains", true);
        });
        return services;
    }

    internal static void ConfigureForwardedHeaders(ForwardedHeadersOptions options, IConfigurationSection section)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        // The framework's defaults stay: 127.0.0.0/8 and ::1, a proxy on the same machine.
        foreach (var text in Values(section.GetSection("KnownProxies")))
        {
            options.KnownProxies.Add(IPAddress.TryParse(text, out var address)
                ? address
                : throw new InvalidOperationException($"{Section}:KnownProxies : « {text} » n'est pas une adresse IP."));
        }
        foreach (var text in Values(section.GetSection("KnownNetworks")))
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(text, out var network)
                ? network
                : throw new InvalidOperationException($"{Section}:KnownNetworks : « {text} » n'est pas une plage d'adresses (par exemple 10.0.0.0/8)."));
        }
        // Only the last proxy's entry is believed (nginx appends the client it saw to what the client sent).
        options.ForwardLimit = section.GetValue("ForwardLimit", 1);
    }

    /// <summary>A list as a comma-separated value (one environment variable) or as array entries (<c>KnownProxies__0</c>).</summary>
    private static IEnumerable<string> Values(IConfigurationSection list) =>
        (list.Value ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(list.GetChildren().Select(c => c.Value?.Trim()).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!));
}
