using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace CscDashboard.Tests.Infrastructure;

/// <summary>
/// A real SMTP server in the test process (the SmtpServer package) on a free loopback port: it keeps every message it
/// accepts, parsed by MimeKit, and refuses (550) any recipient whose address starts with « refuse ».
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public ConcurrentQueue<(string[] Recipients, MimeMessage Message)> Received { get; } = new();

    public int Port { get; }

    private SmtpTestServer(int port, Task running)
    {
        Port = port;
        _running = running;
    }

    public static async Task<SmtpTestServer> StartAsync()
    {
        var store = new Store();
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, 0))).Build();
        var provider = new SmtpServer.ComponentModel.ServiceProvider();
        provider.Add(store);
        provider.Add(new RefusingFilter());
        provider.Add(listeners);
        var server = new SmtpServer.SmtpServer(options, provider);
        var stop = new CancellationTokenSource();
        var running = server.StartAsync(stop.Token);
        var port = await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var instance = new SmtpTestServer(port, running);
        store.Owner = instance;
        instance._stop.Token.Register(stop.Cancel);
        return instance;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private sealed class Store : MessageStore
    {
        public SmtpTestServer? Owner { get; set; }

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            Owner!.Received.Enqueue((transaction.To.Select(m => m.AsAddress()).ToArray(), message));
            return SmtpResponse.Ok;
        }
    }

    private sealed class RefusingFilter : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
            Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!to.User.StartsWith("refuse", StringComparison.Ordinal));
    }
}
