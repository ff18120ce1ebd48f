namespace Edgeplane.Hub.Store;

/// <summary>Which database the hub uses and how to reach it.</summary>
internal sealed record StoreSettings(StoreProvider Provider, string ConnectionString)
{
    /// <summary>
    /// Parses the <c>--store</c> value: <c>sqlite</c> (the default: <c>hub.db</c> in the data folder),
    /// <c>sqlite:PATH</c>, a <c>postgres://user:password@host:port/database</c> URL (also <c>postgresql://</c>),
    /// or an Npgsql connection string (<c>Host=…;Database=…</c>).
    /// </summary>
    public static StoreSettings Parse(string? store, string dataDirectory)
    {
        if (string.IsNullOrWhiteSpace(store) || store == "sqlite")
        {
            return Sqlite(Path.Combine(dataDirectory, "hub.db"));
        }
        if (store.StartsWith("sqlite:", StringComparison.Ordinal))
        {
            return Sqlite(store["sqlite:".Length..]);
        }
        if (store.StartsWith("postgres://", StringComparison.Ordinal) || store.StartsWith("postgresql://", StringComparison.Ordinal))
        {
            return new(StoreProvider.Postgres, PostgresUrl(new Uri(store)));
        }
        if (store.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            return new(StoreProvider.Postgres, store);
        }
        throw new ArgumentException($"unknown --store '{store}': use sqlite, sqlite:PATH, postgres://user:pass@host:port/db or an Npgsql connection string");
    }

    private static StoreSettings Sqlite(string path) =>
        new(StoreProvider.Sqlite, $"Data Source={Path.GetFullPath(path)};Default Timeout=30;Pooling=True");

    private static string PostgresUrl(Uri url)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder
        {
            Host = url.Host,
            Port = url.IsDefaultPort || url.Port <= 0 ? 5432 : url.Port,
            Database = url.AbsolutePath.Trim('/') is { Length: > 0 } db ? Uri.UnescapeDataString(db) : "edgeplane",
        };
        if (url.UserInfo.Length > 0)
        {
            var parts = url.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }
        return builder.ConnectionString;
    }
}

/// <summary>The supported databases.</summary>
internal enum StoreProvider
{
    /// <summary>Embedded, one file, one hub process.</summary>
    Sqlite,

    /// <summary>Shared by several hub replicas.</summary>
    Postgres,
}
