using Edgeplane.Hub.Store;
using Microsoft.Data.Sqlite;

namespace Edgeplane.Hub.Tests.Store;

/// <summary>Statements run in key order (so concurrent batches lock rows in one order), counts in the caller's order.</summary>
public sealed class StatementBatchTests
{
    [Fact]
    public async Task Rows_RunInKeyOrder_CountsComeBackInTheCallersOrder()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = """
                CREATE TABLE t ("Name" TEXT PRIMARY KEY, "Seq" INTEGER NOT NULL);
                INSERT INTO t VALUES ('a', 0), ('b', 0), ('c', 0);
                """;
            await create.ExecuteNonQueryAsync();
        }
        await using var transaction = await connection.BeginTransactionAsync();

        var counts = await StatementBatch.ExecuteAsync(connection, transaction,
            """UPDATE t SET "Seq" = (SELECT MAX("Seq") FROM t) + 1 WHERE "Name"=@p0""",
            [["c"], ["missing"], ["a"], ["b"]], CancellationToken.None);

        Assert.Equal([1, 0, 1, 1], counts);
        await using var read = connection.CreateCommand();
        read.Transaction = (SqliteTransaction)transaction;
        read.CommandText = """SELECT group_concat("Name", '') FROM (SELECT "Name" FROM t ORDER BY "Seq")""";
        Assert.Equal("abc", await read.ExecuteScalarAsync());
    }
}
