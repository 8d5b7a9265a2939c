using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CscDashboard.Tests.Infrastructure;

/// <summary>
/// A browser-like client of an in-process host (<see cref="CscWebFactory"/>), either behind a TLS-terminating
/// proxy as docs/deploy.md's nginx is (the browser speaks https to <see cref="PublicHost"/>; the app gets plain
/// HTTP from the loopback peer with <c>X-Forwarded-For: [what the client sent, ]client</c> and
/// <c>X-Forwarded-Proto: https</c>), or connected directly from <see cref="Peer"/> (a stranger trying headers).
/// Cookies are kept for the public https address, Secure ones included, as the browser keeps them.
/// The host needs <see cref="TestPeer.Add"/> in its services, since the in-memory server has no connection address.
/// </summary>
public sealed class ProxiedClient : DelegatingHandler
{
    public const string PublicHost = "csc.example.org";

    private ProxiedClient(CscWebFactory app) : base(app.Server.CreateHandler())
    {
    }

    /// <summary>The client's own address, as the proxy sees it (the last <c>X-Forwarded-For</c> entry).</summary>
    public string ClientAddress { get; set; } = "203.0.113.10";

    /// <summary>The address the app's connection comes from: the proxy (loopback) by default.</summary>
    public string Peer { get; set; } = "127.0.0.1";

    /// <summary>Through the proxy (true) or straight to the app over https (false).</summary>
    public bool ViaProxy { get; set; } = true;

    /// <summary>An <c>X-Forwarded-For</c> the client itself sends (nginx keeps it and appends the real client).</summary>
    public string? SentForwardedFor { get; set; }

    /// <summary>An <c>X-Forwarded-Proto</c> the client itself sends.</summary>
    public string? SentForwardedProto { get; set; }

    /// <summary>The Host the browser asks for.</summary>
    public string Host { get; set; } = PublicHost;

    public CookieContainer Cookies { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public static ProxiedClient Create(CscWebFactory app)
    {
        var handler = new ProxiedClient(app);
        handler.Client = new HttpClient(handler) { BaseAddress = new Uri($"https://{PublicHost}") };
        return handler;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var publicUri = new UriBuilder(request.RequestUri!) { Host = Host }.Uri;
        var cookies = Cookies.GetCookieHeader(publicUri);
        if (cookies.Length > 0)
        {
            request.Headers.Add("Cookie", cookies);
        }
        request.Headers.Add(TestPeer.Header, Peer);
        if (SentForwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", SentForwardedProto);
        }
        if (ViaProxy)
        {
            // proxy_set_header Host $host; X-Forwarded-For $proxy_add_x_forwarded_for; X-Forwarded-Proto $scheme.
            request.RequestUri = new UriBuilder(publicUri) { Scheme = "http", Port = -1 }.Uri;
            request.Headers.Remove("X-Forwarded-Proto");
            request.Headers.Add("X-Forwarded-For", SentForwardedFor is null ? ClientAddress : $"{SentForwardedFor}, {ClientAddress}");
            request.Headers.Add("X-Forwarded-Proto", "https");
        }
        else
        {
            request.RequestUri = publicUri;
            if (SentForwardedFor is not null)
            {
                request.Headers.Add("X-Forwarded-For", SentForwardedFor);
            }
        }
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            foreach (var cookie in set)
            {
                Cookies.SetCookies(publicUri, cookie);
            }
        }
        return response;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Client.Dispose();
        }
        base.Dispose(disposing);
    }
}

/// <summary>
/// Test-only: gives the in-memory server's connection the address of <see cref="Header"/> (loopback without it),
/// before the app's pipeline runs, as Kestrel would from the socket.
/// </summary>
public sealed class TestPeer : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public static void Add(IServiceCollection services) => services.AddSingleton<IStartupFilter, TestPeer>();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            var peer = context.Request.Headers[Header].ToString();
            context.Request.Headers.Remove(Header);
            context.Connection.RemoteIpAddress = peer.Length > 0 ? IPAddress.Parse(peer) : IPAddress.Loopback;
            return nextMiddleware(context);
        });
        next(app);
    };
}
