using System.Globalization;
using CscDashboard.Core.Data;
using CscDashboard.Core.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace CscDashboard.Core.Tools;

public sealed partial class BulkInserter
{
    /// <summary>
    /// PostgreSQL: each <see cref="Insert{T}"/> call is one binary COPY (the fastest way in; a COPY
    /// holds the connection, so nothing else runs on it until the call returns). Ids given here are
    /// explicit values in identity columns: the table's sequence is moved past them after each call,
    /// so that EF's next insert does not collide.
    /// </summary>
    private sealed class PostgresTableWriter : TableWriter
    {
        private readonly NpgsqlConnection _connection;
        private readonly string _copy;
        private readonly string[] _types;
        private readonly string? _sequence;
        private NpgsqlBinaryImporter? _importer;

        public PostgresTableWriter(IEntityType entityType, NpgsqlConnection connection) : base(entityType)
        {
            _connection = connection;
            _copy = $"COPY {QuotedTable} ({string.Join(", ", Columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
            // "character varying(200)" → "character varying": binary COPY needs the type, not its modifiers.
            _types = Columns.Select(c => c.Property.GetColumnType().Split('(')[0].Trim()).ToArray();
            if (Key is not null)
            {
                _sequence = (string?)Scalar("SELECT pg_get_serial_sequence(@table, @column)", ("table", QuotedTable), ("column", Key.Name));
                var max = Convert.ToInt64(Scalar($"SELECT COALESCE(MAX({Quote(Key.Name)}), 0) FROM {QuotedTable}"), CultureInfo.InvariantCulture);
                var handedOut = _sequence is null ? 0L : Convert.ToInt64(Scalar($"SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {_sequence}"), CultureInfo.InvariantCulture);
                NextId = Math.Max(max, handedOut) + 1;
            }
        }

        /// <summary>The COPY may wait as long as any command of the connection (its connection string's Command Timeout).</summary>
        public override void Begin()
        {
            _importer = _connection.BeginBinaryImport(_copy);
            _importer.Timeout = TimeSpan.FromSeconds(_connection.CommandTimeout);
        }

        protected override void WriteRow(object row)
        {
            _importer!.StartRow();
            for (var i = 0; i < Columns.Length; i++)
            {
                var value = Columns[i].ReadProvider(row);
                if (value is string text)
                {
                    value = Data.Postgres.NulCharacterInterceptor.Strip(text);
                }
                if (value is null)
                {
                    _importer.WriteNull();
                }
                else
                {
                    _importer.Write(value, _types[i]);
                }
            }
        }

        public override void End()
        {
            _importer!.Complete();
            _importer.Dispose();
            _importer = null;
            if (_sequence is not null && NextId > 1)
            {
                Scalar($"SELECT setval('{_sequence.Replace("'", "''")}', {NextId - 1})");
            }
        }

        public override void Dispose() => _importer?.Dispose();

        private object? Scalar(string sql, params (string Name, object Value)[] parameters)
        {
            using var command = new NpgsqlCommand(sql, _connection);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }
            var result = command.ExecuteScalar();
            return result is DBNull ? null : result;
        }
    }
}
