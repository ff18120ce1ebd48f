namespace Edgeplane.KubeSim.Tests.Infrastructure;

/// <summary>
/// Waits for what a background controller makes true without sleeping: a watch on the resource is opened first,
/// then the probe runs at once and again after every event, until it answers or 30 s pass.
/// </summary>
public static class Eventually
{
    public static async Task<T> WatchUntilAsync<T>(KubeSimCluster cluster, string collectionPath, Func<Task<T?>> probe) where T : class
    {
        await using var watch = await RawWatch.OpenAsync(new Uri($"{cluster.Uri}{collectionPath}?watch=1"));
        while (true)
        {
            if (await probe() is { } result)
            {
                return result;
            }
            Assert.True(await watch.NextAsync() is not null, $"the watch on {collectionPath} ended before the condition held");
        }
    }
}
