using System.Data.Common;
using System.Text;

namespace Edgeplane.Hub.Store;

/// <summary>
/// Multi-row statements for the bulk writes of one revision (10,000 clusters in a few dozen statements instead of
/// tens of thousands of tracked entities). The SQL is the common subset of SQLite and PostgreSQL: quoted identifiers,
/// <c>INSERT … VALUES (…),(…) ON CONFLICT … DO …</c>, <c>excluded.</c>. Runs inside the caller's transaction.
/// </summary>
internal static class BulkSql
{
    /// <summary>
    /// Parameters per statement. SQLite looks named parameters up linearly, so a statement with n parameters costs n²:
    /// small statements there (each is an in-process call, not a round trip); larger ones for PostgreSQL.
    /// </summary>
    private static int MaxParameters(DbConnection connection) => connection.GetType().Name.StartsWith("Sqlite", StringComparison.Ordinal) ? 500 : 10_000;

    /// <summary>Rows per statement.</summary>
    private const int MaxRows = 1_000;

    /// <summary>Runs <c>{head} VALUES (row),(row)… {tail}</c> for every chunk of <paramref name="rows"/>.</summary>
    public static async Task InsertRowsAsync(DbConnection connection, DbTransaction transaction, string head, string tail,
        IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var columns = rows[0].Length;
        var perStatement = Math.Max(1, Math.Min(MaxRows, MaxParameters(connection) / columns));
        foreach (var chunk in rows.Chunk(perStatement))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder(head).Append(" VALUES ");
            var p = 0;
            for (var r = 0; r < chunk.Length; r++)
            {
                sql.Append(r == 0 ? "(" : ",(");
                for (var c = 0; c < columns; c++)
                {
                    sql.Append(c == 0 ? "" : ",").Append("@p").Append(p);
                    Add(command, p++, chunk[r][c]);
                }
                sql.Append(')');
            }
            command.CommandText = sql.Append(' ').Append(tail).ToString();
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs <c>{head} IN (@p0,…)</c> plus <paramref name="fixedValues"/> as <c>@f0…</c>, for every chunk of <paramref name="keys"/>.</summary>
    public static async Task ForKeysAsync(DbConnection connection, DbTransaction transaction, string head,
        IReadOnlyList<string> keys, object?[] fixedValues, CancellationToken cancellationToken)
    {
        foreach (var chunk in keys.Chunk(Math.Min(MaxRows, MaxParameters(connection))))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            for (var f = 0; f < fixedValues.Length; f++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@f{f}";
                parameter.Value = fixedValues[f] ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }
            for (var i = 0; i < chunk.Length; i++)
            {
                Add(command, i, chunk[i]);
            }
            command.CommandText = $"{head} IN ({string.Join(",", chunk.Select((_, i) => $"@p{i}"))})";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Add(DbCommand command, int index, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = $"@p{index}";
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
