using CscDashboard.Core.Common;

namespace CscDashboard.Core.Dashboards;

/// <summary><c>Dashboards:*</c> in appsettings.json (ADR 035). A capacity of 0 turns the cache off: every request computes.</summary>
public sealed record DashboardCacheOptions
{
    public const string Section = "Dashboards";

    /// <summary>Dashboards kept at most (scope × period × audience); the oldest leaves first.</summary>
    public int CacheCapacity { get; init; } = 64;

    /// <summary>How long figures are reused at most, for what no activity change reports (a centre engaged, a target set).</summary>
    public int CacheSeconds { get; init; } = 30;

    public static DashboardCacheOptions Default { get; } = new();
}

/// <summary>
/// Who a dashboard is built for, as far as it changes what it shows. Staff roles see the same dashboards (every coordinator
/// reads every territory's: DESIGN.md section 1); the committee sees the overview without names. A figure that one day
/// depends on the caller's own territories must add them here, or circuits of different coordinators would share it.
/// </summary>
public enum DashboardAudience
{
    Staff,
    Committee,
}

/// <summary>One dashboard as built: the overview (<see cref="TerritoryCode"/> null) or a territory's, for a period, on a day.</summary>
public sealed record DashboardKey(string? TerritoryCode, Period Period, bool Indicators, DateOnly Today, DashboardAudience Audience);

/// <summary>
/// Figures of the dashboards shared by every circuit showing the same <see cref="DashboardKey"/> (ADR 035): a hundred open
/// overviews refreshing after a save compute once. Concurrent requests for a key share one computation; an entry lives
/// <see cref="DashboardCacheOptions.CacheSeconds"/> at most and leaves as soon as an <see cref="ActivityChange"/> falls in its
/// <see cref="DashboardWindow"/> — changes saved in this instance and those delivered from others (the PostgreSQL relay
/// raises the same event), so no instance serves figures older than its own pages' refresh. The caller's rights are
/// checked by <see cref="DashboardService"/> before it asks: the cache never decides who may see what.
/// </summary>
public sealed class DashboardCache : IDisposable
{
    private readonly Dictionary<DashboardKey, Entry> _entries = [];
    private readonly Lock _gate = new();
    private readonly DashboardCacheOptions _options;
    private readonly ChangeNotifier _notifier;
    private readonly TimeProvider _clock;
    private long _computations;

    public DashboardCache(DashboardCacheOptions options, ChangeNotifier notifier, TimeProvider clock)
    {
        (_options, _notifier, _clock) = (options, notifier, clock);
        _notifier.ActivityChanged += Invalidate;
    }

    /// <summary>Dashboards computed since the start (misses): what the bench and the tests count.</summary>
    public long Computations => Interlocked.Read(ref _computations);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// The figures of <paramref name="key"/>, computed by <paramref name="compute"/> (which also says the window they read) unless
    /// a live entry has them or is computing them. The computation does not stop when one caller gives up: others may wait on it.
    /// </summary>
    public async Task<T> GetAsync<T>(DashboardKey key, Func<Task<(T Value, DashboardWindow Window)>> compute, CancellationToken ct = default)
        where T : class
    {
        if (_options.CacheCapacity <= 0)
        {
            Interlocked.Increment(ref _computations);
            return (await compute()).Value;
        }
        Entry entry;
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            if (!_entries.TryGetValue(key, out var live) || now - live.Created >= TimeSpan.FromSeconds(_options.CacheSeconds))
            {
                live = new Entry(now);
                var created = live;
                live.Value = new Lazy<Task<object>>(() => RunAsync(key, created, compute));
                _entries[key] = live;
                while (_entries.Count > _options.CacheCapacity)
                {
                    _entries.Remove(_entries.MinBy(e => e.Value.Created).Key);
                }
            }
            entry = live;
        }
        return (T)await entry.Value!.Value.WaitAsync(ct);
    }

    private async Task<object> RunAsync<T>(DashboardKey key, Entry entry, Func<Task<(T Value, DashboardWindow Window)>> compute) where T : class
    {
        Interlocked.Increment(ref _computations);
        try
        {
            var (value, window) = await compute();
            entry.Window = window;
            return value;
        }
        catch
        {
            Remove(key, entry);
            throw;
        }
    }

    /// <summary>Drops the entries the change may alter; one still computing may have read before the change, so it goes too.</summary>
    private void Invalidate(ActivityChange change)
    {
        lock (_gate)
        {
            foreach (var (key, entry) in _entries.ToList())
            {
                if (entry.Window is not { } window || window.Contains(change))
                {
                    _entries.Remove(key);
                }
            }
        }
    }

    private void Remove(DashboardKey key, Entry entry)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var current) && ReferenceEquals(current, entry))
            {
                _entries.Remove(key);
            }
        }
    }

    public void Dispose() => _notifier.ActivityChanged -= Invalidate;

    private sealed class Entry(DateTimeOffset created)
    {
        public DateTimeOffset Created { get; } = created;
        public Lazy<Task<object>>? Value { get; set; }
        /// <summary>Set once computed; null while computing.</summary>
        public volatile DashboardWindow? Window;
    }
}
