using Edgeplane.Hub.Store;

namespace Edgeplane.Benchmarks.Hub;

/// <summary>
/// Runs a measurement <c>runs</c> times on each named store (<c>sqlite</c>, <c>postgres</c>), each run on fresh
/// databases: SQLite in a new temp folder, PostgreSQL as a new database of one throwaway server started on first use.
/// </summary>
internal static class BenchStores
{
    /// <param name="measure">One run; it gets a function that creates a fresh database and returns its settings.</param>
    public static async Task<List<(string Store, List<T> Samples)>> RunAsync<T>(IEnumerable<string> stores, int runs,
        Func<Func<Task<StoreSettings>>, Task<T>> measure)
    {
        var results = new List<(string, List<T>)>();
        ThrowawayPostgres? postgres = null;
        try
        {
            foreach (var store in stores)
            {
                if (store == "postgres")
                {
                    postgres ??= await ThrowawayPostgres.StartAsync();
                }
                var samples = new List<T>();
                for (var run = 0; run < runs; run++)
                {
                    samples.Add(await measure(() => SettingsFor(store, postgres)));
                    Console.Error.WriteLine($"{store} run {run + 1}: {samples[^1]}");
                }
                results.Add((store, samples));
            }
        }
        finally
        {
            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }
        }
        return results;
    }

    private static async Task<StoreSettings> SettingsFor(string store, ThrowawayPostgres? postgres) => store == "postgres"
        ? new StoreSettings(StoreProvider.Postgres, await postgres!.CreateDatabaseAsync($"bench_{Guid.NewGuid():N}"[..20]))
        : StoreSettings.Parse("sqlite", Directory.CreateTempSubdirectory("edgeplane-bench-sqlite").FullName);
}
