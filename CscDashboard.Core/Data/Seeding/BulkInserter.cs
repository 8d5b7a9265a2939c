using System.Linq.Expressions;
using CscDashboard.Core.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CscDashboard.Core.Data.Seeding;

/// <summary>What bulk-inserted <see cref="AuditableEntity"/> rows are stamped with (they bypass the audit interceptor).</summary>
public sealed record BulkAuditStamp(DateTime CreatedAtUtc, string CreatedBy);

/// <summary>
/// Writes many rows of EF-mapped entities to SQLite without the change tracker or the audit
/// interceptor: one prepared command per table, re-used for every row, on the context's connection
/// and inside its current transaction (which the caller opens, commits or rolls back).
/// Table, columns and value converters come from the EF model, and values are stored in the text
/// formats EF uses (<see cref="SqliteStoreValues"/>), so EF reads and filters the rows as its own.
/// Integer keys left at 0 get the next free id, as EF would, so that rows inserted afterwards
/// (join rows, children) can reference them without reading anything back.
/// Not supported: shadow properties, owned or complex types, table splitting, TPH hierarchies.
/// </summary>
public sealed class BulkInserter : IDisposable
{
    /// <summary>
    /// Page cache while inserting, in KiB (negative, as SQLite wants it). With SQLite's default 2 MiB,
    /// index pages of a large table fall out of the cache and spill mid-transaction, and inserts in
    /// non-sequential key order slow down several times. Restored on dispose.
    /// </summary>
    private const long LargeCacheKiB = -128 * 1024;

    private readonly long _previousCacheSize;
    private readonly DbContext _db;
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly BulkAuditStamp? _stamp;
    private readonly Dictionary<Type, TableWriter> _writers = [];

    public BulkInserter(DbContext db, BulkAuditStamp? stamp = null)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("BulkInserter runs inside a transaction opened with db.Database.BeginTransactionAsync().");
        _db = db;
        _connection = db.Database.GetDbConnection() as SqliteConnection
            ?? throw new NotSupportedException("BulkInserter writes SQLite formats; it needs a SQLite connection.");
        _transaction = (SqliteTransaction)transaction.GetDbTransaction();
        _stamp = stamp;
        _previousCacheSize = Pragma("cache_size");
        Pragma("cache_size", LargeCacheKiB);
    }

    /// <summary>Inserts the rows in order (streamed: the sequence may be lazy); returns how many were written.</summary>
    public int Insert<T>(IEnumerable<T> rows, CancellationToken ct = default) where T : class
    {
        var writer = WriterFor(typeof(T));
        var count = 0;
        foreach (var row in rows)
        {
            if ((count & 0x3FF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
            writer.Write(row, _stamp);
            count++;
        }
        return count;
    }

    /// <summary>The id the next row of <typeparamref name="T"/> without an id will get.</summary>
    public long NextId<T>() where T : class =>
        WriterFor(typeof(T)).NextId ?? throw new InvalidOperationException($"{typeof(T).Name} has no generated integer key.");

    public void Dispose()
    {
        foreach (var writer in _writers.Values)
        {
            writer.Dispose();
        }
        _writers.Clear();
        if (_connection.State == System.Data.ConnectionState.Open)
        {
            Pragma("cache_size", _previousCacheSize);
        }
    }

    private long Pragma(string name, long? value = null)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _connection.State == System.Data.ConnectionState.Open && _transaction.Connection is not null ? _transaction : null;
        command.CommandText = value is null ? $"PRAGMA {name}" : $"PRAGMA {name} = {value}";
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L);
    }

    private TableWriter WriterFor(Type clrType)
    {
        if (!_writers.TryGetValue(clrType, out var writer))
        {
            var entityType = _db.Model.FindEntityType(clrType)
                ?? throw new InvalidOperationException($"{clrType.Name} is not an entity type of {_db.GetType().Name}.");
            writer = new TableWriter(entityType, _connection, _transaction);
            _writers[clrType] = writer;
        }
        return writer;
    }

    private sealed class TableWriter : IDisposable
    {
        private readonly Column[] _columns;
        private readonly SqliteCommand _command;
        private readonly SqliteParameter[] _parameters;
        private readonly Column? _key;
        private readonly Action<object, long>? _setKey;

        public TableWriter(IEntityType entityType, SqliteConnection connection, SqliteTransaction transaction)
        {
            if (entityType.FindDiscriminatorProperty() is not null || entityType.IsOwned()
                || entityType.GetComplexProperties().Any() || entityType.GetTableName() is null)
            {
                throw new NotSupportedException($"BulkInserter only writes plain table-mapped entities, not {entityType.DisplayName()}.");
            }
            var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
            _columns = entityType.GetProperties()
                .Where(p => p.GetComputedColumnSql() is null)
                .Select(p => new Column(p, table))
                .ToArray();

            var quotedTable = Quote(table.Name, table.Schema);
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText =
                $"INSERT INTO {quotedTable} ({string.Join(", ", _columns.Select(c => Quote(c.Name)))}) " +
                $"VALUES ({string.Join(", ", _columns.Select((_, i) => "$p" + i))})";
            // One row per statement on purpose: Microsoft.Data.Sqlite binds each parameter by name, so
            // multi-row VALUES lists get slower, not faster (measured: 32 rows per statement, ~4x slower).
            _parameters = _columns.Select((_, i) => _command.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
            _command.Prepare();

            var key = entityType.FindPrimaryKey();
            if (key is { Properties: [var keyProperty] } && keyProperty.ValueGenerated == ValueGenerated.OnAdd
                && (keyProperty.ClrType == typeof(int) || keyProperty.ClrType == typeof(long)))
            {
                _key = _columns.Single(c => c.Property == keyProperty);
                _setKey = KeySetter(keyProperty);
                NextId = FirstFreeId(connection, transaction, table.Name, quotedTable, _key.Name);
            }
        }

        /// <summary>Next id to hand out; null when the key is not a generated integer.</summary>
        public long? NextId { get; private set; }

        public void Write(object row, BulkAuditStamp? stamp)
        {
            // As the audit interceptor does before an EF save.
            if (row is IDerivesValues derived)
            {
                derived.RefreshDerivedValues();
            }
            if (stamp is not null && row is AuditableEntity auditable)
            {
                auditable.CreatedAt = stamp.CreatedAtUtc;
                auditable.CreatedBy = stamp.CreatedBy;
                auditable.Version = 1;
            }
            if (_key is not null)
            {
                var id = Convert.ToInt64(_key.Read(row));
                if (id == 0)
                {
                    id = NextId!.Value;
                    _setKey!(row, id);
                }
                NextId = Math.Max(NextId!.Value, id + 1);
            }
            for (var i = 0; i < _columns.Length; i++)
            {
                _parameters[i].Value = SqliteStoreValues.ToStore(_columns[i].ReadProvider(row));
            }
            _command.ExecuteNonQuery();
        }

        public void Dispose() => _command.Dispose();

        /// <summary>Above the largest id and, for AUTOINCREMENT tables, above any id ever handed out.</summary>
        private static long FirstFreeId(SqliteConnection connection, SqliteTransaction transaction, string table, string quotedTable, string keyColumn)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"SELECT COALESCE(MAX({Quote(keyColumn)}), 0) FROM {quotedTable}";
            var max = Convert.ToInt64(command.ExecuteScalar());
            command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'";
            if (Convert.ToInt64(command.ExecuteScalar()) > 0)
            {
                command.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = $table";
                command.Parameters.AddWithValue("$table", table);
                max = Math.Max(max, Convert.ToInt64(command.ExecuteScalar()));
            }
            return max + 1;
        }

        private static Action<object, long> KeySetter(IProperty property)
        {
            var member = (System.Reflection.MemberInfo?)property.PropertyInfo ?? property.FieldInfo
                ?? throw new NotSupportedException($"Key {property.Name} has no CLR member.");
            var entity = Expression.Parameter(typeof(object), "entity");
            var value = Expression.Parameter(typeof(long), "value");
            var assign = Expression.Assign(
                Expression.MakeMemberAccess(Expression.Convert(entity, property.DeclaringType.ClrType), member),
                Expression.Convert(value, property.ClrType));
            return Expression.Lambda<Action<object, long>>(assign, entity, value).Compile();
        }

        private static string Quote(string name, string? schema = null) =>
            (schema is null ? "" : $"\"{schema.Replace("\"", "\"\"")}\".") + $"\"{name.Replace("\"", "\"\"")}\"";
    }

    /// <summary>One column: its name, the compiled getter EF uses, and EF's value converter (enums as strings…).</summary>
    private sealed class Column
    {
        private readonly IClrPropertyGetter _getter;
        private readonly Func<object?, object?>? _toProvider;

        public Column(IProperty property, StoreObjectIdentifier table)
        {
            if (property.IsShadowProperty())
            {
                throw new NotSupportedException($"BulkInserter cannot read shadow property {property.DeclaringType.DisplayName()}.{property.Name}.");
            }
            Property = property;
            Name = property.GetColumnName(table)
                ?? throw new NotSupportedException($"{property.Name} is not mapped to table {table.Name}.");
            _getter = property.GetGetter();
            var converter = property.GetValueConverter() ?? property.GetRelationalTypeMapping().Converter;
            _toProvider = converter?.ConvertToProvider;
        }

        public IProperty Property { get; }
        public string Name { get; }

        public object? Read(object row) => _getter.GetClrValueUsingContainingEntity(row);

        public object? ReadProvider(object row)
        {
            var value = Read(row);
            return value is null || _toProvider is null ? value : _toProvider(value);
        }
    }
}
