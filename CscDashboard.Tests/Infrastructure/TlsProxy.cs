using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CscDashboard.Tests.Infrastructure;

/// <summary>
/// A TLS-terminating reverse proxy in the test process, standing for docs/deploy.md's nginx: Kestrel on a loopback
/// port with a self-signed certificate made here, forwarding each request to the app over plain HTTP with the
/// guide's <c>proxy_set_header</c> lines. Variables: <c>$host</c> is the browser's Host (with its port, since this
/// proxy is not on 443), <c>$proxy_add_x_forwarded_for</c> and <c>$scheme</c> as nginx computes them; the WebSocket
/// lines (<c>$http_upgrade</c>, <c>$connection_upgrade</c>) are not used: upgrade requests are refused, and the Blazor
/// circuit falls back to long polling. An unknown variable fails the test, so that the guide cannot drift from it.
/// </summary>
public sealed class TlsProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Host",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _upstream = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None, UseProxy = false,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private int _requests;

    private TlsProxy(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public int Requests => _requests;

    public static async Task<TlsProxy> StartAsync(string appUrl, IReadOnlyList<(string Name, string Value)> setHeaders)
    {
        var certificate = SelfSignedCertificate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var proxy = new TlsProxy(app);
        app.Run(context => proxy.ForwardAsync(context, appUrl, setHeaders));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy.Url = address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context, string appUrl, IReadOnlyList<(string Name, string Value)> setHeaders)
    {
        Interlocked.Increment(ref _requests);
        var request = context.Request;
        if (request.Headers.Upgrade.Count > 0)
        {
            context.Response.StatusCode = StatusCodes.Status501NotImplemented;
            return;
        }
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), appUrl + request.GetEncodedPathAndQuery());
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            message.Content = new StreamContent(request.Body);
        }
        foreach (var (name, values) in request.Headers)
        {
            if (!HopByHop.Contains(name) && !message.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values);
            }
        }
        foreach (var (name, value) in setHeaders)
        {
            if (Resolve(value, context) is not { } resolved)
            {
                continue;
            }
            message.Headers.Remove(name);
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                message.Headers.Host = resolved;
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, resolved);
            }
        }

        using var response = await _upstream.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                context.Response.Headers.Append(name, values.ToArray());
            }
        }
        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    /// <summary>The value nginx would send; null for the WebSocket lines, which this proxy does not carry.</summary>
    private static string? Resolve(string value, HttpContext context)
    {
        var client = context.Connection.RemoteIpAddress!.ToString();
        var forwardedFor = context.Request.Headers["X-Forwarded-For"].ToString();
        return value switch
        {
            "$host" => context.Request.Host.Value,
            "$scheme" => context.Request.Scheme,
            "$proxy_add_x_forwarded_for" => forwardedFor.Length > 0 ? $"{forwardedFor}, {client}" : client,
            "$remote_addr" => client,
            "$http_upgrade" or "$connection_upgrade" => null,
            _ => throw new InvalidOperationException($"Variable nginx non prise en charge par le proxy de test : {value}"),
        };
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=csc.example.org", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
