using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CscDashboard.Tests.Infrastructure;

/// <summary>
/// Counts the SQL statements EF Core executes against one database file while it is alive, through
/// EF's diagnostic events (tests run in parallel: other databases are ignored).
/// </summary>
public sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly Func<DbConnection, bool> _counts;
    private readonly IDisposable _all;
    private readonly List<IDisposable> _subscriptions = [];
    private int _count;

    public CommandCounter(string databasePath)
        : this(connection => Path.GetFullPath(connection.DataSource) == Path.GetFullPath(databasePath))
    {
    }

    /// <summary>Counts the commands run on the connections <paramref name="counts"/> accepts (a PostgreSQL database by its name).</summary>
    public CommandCounter(Func<DbConnection, bool> counts)
    {
        _counts = counts;
        _all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public int Count => Volatile.Read(ref _count);

    public List<string> Statements { get; } = [];

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        lock (Statements)
        {
            Statements.Clear();
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(listener.Subscribe(this));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData data
            && data.Command.Connection is { } connection && _counts(connection))
        {
            Interlocked.Increment(ref _count);
            lock (Statements)
            {
                Statements.Add(data.Command.CommandText);
            }
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted() { }
    void IObserver<DiagnosticListener>.OnError(Exception error) { }
    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }

    public void Dispose()
    {
        _all.Dispose();
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
        }
    }
}
