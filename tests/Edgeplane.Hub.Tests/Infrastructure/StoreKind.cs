namespace Edgeplane.Hub.Tests.Infrastructure;

/// <summary>The stores every store-backed test runs against.</summary>
public enum StoreKind
{
    Sqlite,
    Postgres,
}

/// <summary>Theory data: both stores (use with <see cref="StoreTheoryAttribute"/>, which reports the PostgreSQL rows as skipped when EDGEPLANE_SKIP_POSTGRES=1).</summary>
public static class Stores
{
    public static TheoryData<StoreKind> All()
    {
        return new TheoryData<StoreKind> { StoreKind.Sqlite, StoreKind.Postgres };
    }

    /// <summary>The <c>--store</c> value for a fresh store of this kind.</summary>
    public static async Task<string?> CreateAsync(StoreKind kind) =>
        kind == StoreKind.Sqlite ? null : await PostgresServer.CreateDatabaseAsync();
}
