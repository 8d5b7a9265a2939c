using System.Text.Json;
using System.Threading.Channels;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Npgsql;

namespace CscDashboard.Web.Hosting;

/// <summary>
/// Live refresh across app instances on PostgreSQL: what this instance's <see cref="ChangeNotifier"/>
/// publishes is sent with <c>NOTIFY</c> on <see cref="Channel"/>, and what the other instances send
/// is received through <c>LISTEN</c> on a dedicated connection and delivered to this instance's open
/// pages. Best effort, like the in-process notifier: a change sent while the listening connection is
/// being re-opened is not replayed (the page shows it at its next refresh).
/// </summary>
public sealed class PostgresChangeRelay(ChangeNotifier notifier, DatabaseOptions database, ILogger<PostgresChangeRelay> logger) : BackgroundService
{
    public const string Channel = "csc_changes";

    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(2);

    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly Channel<string> _outbox = System.Threading.Channels.Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once this instance listens (changes sent before are not received): for tests.</summary>
    internal Task Listening => _listening.Task;

    /// <summary>One message: the sending instance, the kind of change and the change itself.</summary>
    private sealed record Message(string Instance, string Kind, JsonElement Change);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        notifier.Published += OnPublished;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        notifier.Published -= OnPublished;
        _outbox.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenAsync(stoppingToken), SendAsync(stoppingToken));

    private void OnPublished(object change)
    {
        var kind = change switch
        {
            ActivityChange => "activity",
            ReportChange => "report",
            DossierChange => "dossier",
            AccountChange => "account",
            NotificationChange => "notification",
            _ => null,
        };
        if (kind is not null)
        {
            _outbox.Writer.TryWrite(JsonSerializer.Serialize(new Message(_instance, kind, JsonSerializer.SerializeToElement(change, change.GetType()))));
        }
    }

    private async Task SendAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var payload in _outbox.Reader.ReadAllAsync(stop))
            {
                try
                {
                    await using var connection = new NpgsqlConnection(database.PostgresConnectionString);
                    await connection.OpenAsync(stop);
                    await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
                    command.Parameters.AddWithValue("channel", Channel);
                    command.Parameters.AddWithValue("payload", payload);
                    await command.ExecuteNonQueryAsync(stop);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Changement non transmis aux autres instances");
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task ListenAsync(CancellationToken stop)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(database.PostgresConnectionString)
        {
            // A listening connection is idle for hours: keep-alives notice a dead one, and it stays out of the pool.
            KeepAlive = 30,
            Pooling = false,
        }.ConnectionString;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stop);
                connection.Notification += (_, e) => Receive(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stop);
                }
                logger.LogInformation("Changements des autres instances écoutés sur {Channel}", Channel);
                _listening.TrySetResult();
                while (true)
                {
                    await connection.WaitAsync(stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Écoute des changements interrompue ; nouvel essai dans {Delay} s", ReconnectDelay.TotalSeconds);
                try
                {
                    await Task.Delay(ReconnectDelay, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Receive(string payload)
    {
        try
        {
            var message = JsonSerializer.Deserialize<Message>(payload);
            if (message is null || message.Instance == _instance)
            {
                return;
            }
            object? change = message.Kind switch
            {
                "activity" => message.Change.Deserialize<ActivityChange>(),
                "report" => message.Change.Deserialize<ReportChange>(),
                "dossier" => message.Change.Deserialize<DossierChange>(),
                "account" => message.Change.Deserialize<AccountChange>(),
                "notification" => message.Change.Deserialize<NotificationChange>(),
                _ => null,
            };
            if (change is not null)
            {
                notifier.Deliver(change);
            }
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Message de changement illisible ignoré");
        }
    }
}
