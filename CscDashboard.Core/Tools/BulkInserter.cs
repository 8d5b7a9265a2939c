using System.Globalization;
using System.Linq.Expressions;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Data.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CscDashboard.Core.Tools;

/// <summary>What bulk-inserted <see cref="AuditableEntity"/> rows are stamped with (they bypass the audit interceptor).</summary>
public sealed record BulkAuditStamp(DateTime CreatedAtUtc, string CreatedBy);

/// <summary>
/// Writes many rows of EF-mapped entities without the change tracker or the audit interceptor, on the
/// context's connection and inside its current transaction (which the caller opens, commits or rolls
/// back). SQLite: one prepared INSERT per table, re-used for every row, values in the text formats EF
/// uses (<see cref="SqliteStoreValues"/>). PostgreSQL: one binary COPY per <see cref="Insert{T}"/>
/// call (<see cref="PostgresTableWriter"/>). Table, columns and value converters come from the EF
/// model, so EF reads and filters the rows as its own. Integer keys left at 0 get the next free id,
/// as EF would, so that rows inserted afterwards (join rows, children) can reference them without
/// reading anything back.
/// Not supported: shadow properties, owned or complex types, table splitting, TPH hierarchies.
/// </summary>
public sealed partial class BulkInserter : IDisposable
{
    /// <summary>
    /// Page cache while inserting, in KiB (negative, as SQLite wants it). With SQLite's default 2 MiB,
    /// index pages of a large table fall out of the cache and spill mid-transaction, and inserts in
    /// non-sequential key order slow down several times. Restored on dispose.
    /// </summary>
    private const long LargeCacheKiB = -128 * 1024;

    private readonly long _previousCacheSize;
    private readonly DbContext _db;
    private readonly SqliteConnection? _sqlite;
    private readonly SqliteTransaction? _sqliteTransaction;
    private readonly NpgsqlConnection? _postgres;
    private readonly BulkAuditStamp? _stamp;
    private readonly Dictionary<Type, TableWriter> _writers = [];

    public BulkInserter(DbContext db, BulkAuditStamp? stamp = null)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("BulkInserter runs inside a transaction opened with db.Database.BeginTransactionAsync().");
        _db = db;
        _stamp = stamp;
        switch (db.Database.GetDbConnection())
        {
            case SqliteConnection sqlite:
                _sqlite = sqlite;
                _sqliteTransaction = (SqliteTransaction)transaction.GetDbTransaction();
                _previousCacheSize = Pragma("cache_size");
                Pragma("cache_size", LargeCacheKiB);
                break;
            case NpgsqlConnection postgres:
                _postgres = postgres;
                break;
            default:
                throw new NotSupportedException("BulkInserter writes to SQLite or PostgreSQL only.");
        }
    }

    /// <summary>Inserts the rows in order (streamed: the sequence may be lazy); returns how many were written.</summary>
    public int Insert<T>(IEnumerable<T> rows, CancellationToken ct = default) where T : class
    {
        var writer = WriterFor(typeof(T));
        var count = 0;
        writer.Begin();
        foreach (var row in rows)
        {
            if ((count & 0x3FF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
            writer.Write(row, _stamp);
            count++;
        }
        writer.End();
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
        if (_sqlite?.State == System.Data.ConnectionState.Open)
        {
            Pragma("cache_size", _previousCacheSize);
        }
    }

    private long Pragma(string name, long? value = null)
    {
        using var command = _sqlite!.CreateCommand();
        command.Transaction = _sqlite.State == System.Data.ConnectionState.Open && _sqliteTransaction!.Connection is not null ? _sqliteTransaction : null;
        command.CommandText = value is null ? $"PRAGMA {name}" : $"PRAGMA {name} = {value}";
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
    }

    private TableWriter WriterFor(Type clrType)
    {
        if (!_writers.TryGetValue(clrType, out var writer))
        {
            var entityType = _db.Model.FindEntityType(clrType)
                ?? throw new InvalidOperationException($"{clrType.Name} is not an entity type of {_db.GetType().Name}.");
            writer = _sqlite is not null
                ? new SqliteTableWriter(entityType, _sqlite, _sqliteTransaction!)
                : new PostgresTableWriter(entityType, _postgres!);
            _writers[clrType] = writer;
        }
        return writer;
    }

    /// <summary>What both providers share: the columns, the derived values and audit stamp, the generated key.</summary>
    private abstract class TableWriter : IDisposable
    {
        protected TableWriter(IEntityType entityType)
        {
            if (entityType.FindDiscriminatorProperty() is not null || entityType.IsOwned()
                || entityType.GetComplexProperties().Any() || entityType.GetTableName() is null)
            {
                throw new NotSupportedException($"BulkInserter only writes plain table-mapped entities, not {entityType.DisplayName()}.");
            }
            var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
            Columns = entityType.GetProperties()
                .Where(p => p.GetComputedColumnSql() is null)
                .Select(p => new Column(p, table))
                .ToArray();
            QuotedTable = Quote(table.Name, table.Schema);
            TableName = table.Name;
            var key = entityType.FindPrimaryKey();
            if (key is { Properties: [var keyProperty] } && keyProperty.ValueGenerated == ValueGenerated.OnAdd
                && (keyProperty.ClrType == typeof(int) || keyProperty.ClrType == typeof(long)))
            {
                Key = Columns.Single(c => c.Property == keyProperty);
                _setKey = KeySetter(keyProperty);
            }
        }

        private readonly Action<object, long>? _setKey;

        protected Column[] Columns { get; }
        protected Column? Key { get; }
        protected string QuotedTable { get; }
        protected string TableName { get; }

        /// <summary>Next id to hand out; null when the key is not a generated integer.</summary>
        public long? NextId { get; protected set; }

        public virtual void Begin()
        {
        }

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
            if (Key is not null)
            {
                var id = Convert.ToInt64(Key.Read(row), CultureInfo.InvariantCulture);
                if (id == 0)
                {
                    id = NextId!.Value;
                    _setKey!(row, id);
                }
                NextId = Math.Max(NextId!.Value, id + 1);
            }
            WriteRow(row);
        }

        protected abstract void WriteRow(object row);

        public virtual void End()
        {
        }

        public abstract void Dispose();

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

        protected static string Quote(string name, string? schema = null) =>
            (schema is null ? "" : $"\"{schema.Replace("\"", "\"\"")}\".") + $"\"{name.Replace("\"", "\"\"")}\"";
    }

    private sealed class SqliteTableWriter : TableWriter
    {
        private readonly SqliteCommand _command;
        private readonly SqliteParameter[] _parameters;

        public SqliteTableWriter(IEntityType entityType, SqliteConnection connection, SqliteTransaction transaction) : base(entityType)
        {
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText =
                $"INSERT INTO {QuotedTable} ({string.Join(", ", Columns.Select(c => Quote(c.Name)))}) " +
                $"VALUES ({string.Join(", ", Columns.Select((_, i) => "$p" + i))})";
            // One row per statement on purpose: Microsoft.Data.Sqlite binds each parameter by name, so
            // multi-row VALUES lists get slower, not faster (measured: 32 rows per statement, ~4x slower).
            _parameters = Columns.Select((_, i) => _command.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
            _command.Prepare();
            if (Key is not null)
            {
                NextId = FirstFreeId(connection, transaction, TableName, QuotedTable, Key.Name);
            }
        }

        protected override void WriteRow(object row)
        {
            for (var i = 0; i < Columns.Length; i++)
            {
                _parameters[i].Value = SqliteStoreValues.ToStore(Columns[i].ReadProvider(row));
            }
            _command.ExecuteNonQuery();
        }

        public override void Dispose() => _command.Dispose();

        /// <summary>Above the largest id and, for AUTOINCREMENT tables, above any id ever handed out.</summary>
        private static long FirstFreeId(SqliteConnection connection, SqliteTransaction transaction, string table, string quotedTable, string keyColumn)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"SELECT COALESCE(MAX({Quote(keyColumn)}), 0) FROM {quotedTable}";
            var max = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'";
            if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0)
            {
                command.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = $table";
                command.Parameters.AddWithValue("$table", table);
                max = Math.Max(max, Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture));
            }
            return max + 1;
        }
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
