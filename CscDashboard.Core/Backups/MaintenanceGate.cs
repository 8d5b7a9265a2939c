using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CscDashboard.Core.Backups;

/// <summary>Refusal of any database work while the app restores a backup; the message is French and nothing was written.</summary>
public sealed class MaintenanceException() : Exception(Text)
{
    public const string Text = "L'application est en maintenance (restauration d'une sauvegarde) : rien n'a été enregistré. "
        + "Réessayez dans un instant, une fois la page rechargée.";
}

/// <summary>Where a restore run by the app is: open pages show a banner while paused and reload once it is over.</summary>
public enum MaintenanceState
{
    /// <summary>Database work is refused until the restore ends.</summary>
    Paused,
    /// <summary>The pause ended without replacing anything (the restore gave up).</summary>
    Resumed,
    /// <summary>The database was replaced: what pages hold is out of date.</summary>
    Restored,
}

/// <summary>
/// Pauses the app's database work for a restore run by the app itself (ADR 019). Every connection the
/// app's contexts open goes through it: while paused, a new one is refused with
/// <see cref="MaintenanceException"/>, and <see cref="PauseAsync"/> waits until the ones already open
/// are closed — an EF Core connection stays open for a whole transaction, commit included, so a write
/// is either finished before the swap or refused, never confirmed then lost. The restore's own work
/// (<see cref="Bypass"/>) goes through. A singleton shared by every context of the process.
/// </summary>
public sealed class MaintenanceGate : DbConnectionInterceptor
{
    private readonly Lock _lock = new();
    private readonly AsyncLocal<bool> _bypass = new();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbConnection, DbConnection> _counted = new();
    private int _open;
    private bool _paused;
    private TaskCompletionSource? _drained;

    /// <summary>Raised when a pause starts and when it ends; handlers must not block.</summary>
    public event Action<MaintenanceState>? StateChanged;

    /// <summary>Connections open through the app's contexts right now.</summary>
    public int OpenConnections
    {
        get
        {
            lock (_lock)
            {
                return _open;
            }
        }
    }

    public bool IsPaused
    {
        get
        {
            lock (_lock)
            {
                return _paused;
            }
        }
    }

    /// <summary>
    /// Refuses new connections and waits for the open ones to close. Throws (and resumes) when they are still
    /// open after <paramref name="timeout"/>: nothing was touched.
    /// </summary>
    public async Task PauseAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        Task drained;
        lock (_lock)
        {
            if (_paused)
            {
                throw new InvalidOperationException("Une restauration est déjà en cours.");
            }
            _paused = true;
            _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_open == 0)
            {
                _drained.TrySetResult();
            }
            drained = _drained.Task;
        }
        StateChanged?.Invoke(MaintenanceState.Paused);
        try
        {
            await drained.WaitAsync(timeout, ct);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            Resume(restored: false);
            throw new InvalidOperationException(
                $"Des opérations en cours sur la base n'ont pas fini en {timeout.TotalSeconds:0} s : restauration abandonnée, rien n'a été modifié. Réessayez plus tard.");
        }
    }

    public void Resume(bool restored)
    {
        lock (_lock)
        {
            _paused = false;
            _drained = null;
        }
        StateChanged?.Invoke(restored ? MaintenanceState.Restored : MaintenanceState.Resumed);
    }

    /// <summary>Lets the calling flow (the restore itself) use the database while paused, until disposed.</summary>
    public IDisposable Bypass()
    {
        _bypass.Value = true;
        return new BypassScope(this);
    }

    private sealed class BypassScope(MaintenanceGate gate) : IDisposable
    {
        public void Dispose() => gate._bypass.Value = false;
    }

    private void Enter(DbConnection connection)
    {
        lock (_lock)
        {
            if (_paused && !_bypass.Value)
            {
                throw new MaintenanceException();
            }
            if (_counted.TryAdd(connection, connection))
            {
                _open++;
            }
        }
    }

    /// <summary>Only a connection counted on opening is counted out (a refused opening is reported as failed too).</summary>
    private void Exit(DbConnection connection)
    {
        lock (_lock)
        {
            if (_counted.Remove(connection) && --_open == 0)
            {
                _drained?.TrySetResult();
            }
        }
    }

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Enter(connection);
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(
        DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Enter(connection);
        return ValueTask.FromResult(result);
    }

    public override void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Exit(connection);

    public override Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Exit(connection);
        return Task.CompletedTask;
    }

    /// <summary>A connection disposed while open (a context disposed mid-transaction) is counted out too.</summary>
    public override void ConnectionDisposed(DbConnection connection, ConnectionEndEventData eventData) => Exit(connection);

    public override Task ConnectionDisposedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Exit(connection);
        return Task.CompletedTask;
    }

    public override void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) => Exit(connection);

    public override Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Exit(connection);
        return Task.CompletedTask;
    }
}
