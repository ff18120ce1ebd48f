using System.Data.Common;

namespace Edgeplane.Hub.Store;

/// <summary>
/// Runs many small parameterised statements in the caller's transaction and returns each one's row count: as one
/// <see cref="DbBatch"/> (one round trip on PostgreSQL) when the provider supports it, else one command at a time
/// (SQLite runs in process, so a round trip costs nothing there).
/// </summary>
/// <remarks>
/// Every statement run here updates one row by its key, <c>@p0</c> (a cluster's name). The rows run in key order
/// (ordinal), so two transactions that update overlapping sets of rows take their row locks in the same order and cannot
/// deadlock each other on PostgreSQL (CI saw <c>40P01</c> between two status batches listing clusters in different
/// orders). The counts come back in the caller's order.
/// </remarks>
internal static class StatementBatch
{
    public static async Task<int[]> ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql,
        IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        var order = Enumerable.Range(0, rows.Count).OrderBy(i => rows[i].Length > 0 ? rows[i][0] as string : null, StringComparer.Ordinal).ToArray();
        var sorted = order.Select(i => rows[i]).ToList();
        var inOrder = await ExecuteInOrderAsync(connection, transaction, sql, sorted, cancellationToken).ConfigureAwait(false);
        var counts = new int[rows.Count];
        for (var k = 0; k < order.Length; k++)
        {
            counts[order[k]] = inOrder[k];
        }
        return counts;
    }

    private static async Task<int[]> ExecuteInOrderAsync(DbConnection connection, DbTransaction transaction, string sql,
        IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        var counts = new int[rows.Count];
        if (rows.Count == 0)
        {
            return counts;
        }
        if (connection.CanCreateBatch)
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var row in rows)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = sql;
                for (var i = 0; i < row.Length; i++)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = $"@p{i}";
                    parameter.Value = row[i] ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                }
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < rows.Count; i++)
            {
                counts[i] = batch.BatchCommands[i].RecordsAffected;
            }
            return counts;
        }
        await using var single = connection.CreateCommand();
        single.Transaction = transaction;
        single.CommandText = sql;
        var parameters = new DbParameter[rows[0].Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = single.CreateParameter();
            parameters[i].ParameterName = $"@p{i}";
            single.Parameters.Add(parameters[i]);
        }
        for (var r = 0; r < rows.Count; r++)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = rows[r][i] ?? DBNull.Value;
            }
            counts[r] = await single.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return counts;
    }
}
