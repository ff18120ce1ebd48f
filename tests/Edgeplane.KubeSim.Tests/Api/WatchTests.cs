using Edgeplane.KubeSim.Tests.Infrastructure;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace Edgeplane.KubeSim.Tests.Api;

[Collection(SimCollection.Name)]
public sealed class WatchTests(SimFixture sim)
{
    [Fact]
    public async Task Watch_FromListVersion_DeliversAddedModifiedDeleted()
    {
        var (_, client) = sim.NewCluster();
        var list = await client.CoreV1.ListNamespacedConfigMapAsync("default");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var events = client.CoreV1.WatchListNamespacedConfigMapAsync("default",
            resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cancel.Token).GetAsyncEnumerator(cancel.Token);

        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("a"), "default");
        created.Data["key"] = "2";
        await client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "a", "default");
        await client.CoreV1.DeleteNamespacedConfigMapAsync("a", "default");

        var seen = new List<(WatchEventType, string)>();
        while (seen.Count < 3 && await events.MoveNextAsync())
        {
            seen.Add((events.Current.Item1, events.Current.Item2.Data?["key"] ?? string.Empty));
        }
        Assert.Equal([(WatchEventType.Added, "value"), (WatchEventType.Modified, "2"), (WatchEventType.Deleted, "2")], seen);
        await events.DisposeAsync();
    }

    [Fact]
    public async Task Watch_LabelSelector_ObjectLeavingSelectionIsDeleted()
    {
        var (cluster, client) = sim.NewCluster();
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("a", new Dictionary<string, string> { ["app"] = "x" }), "default");
        await using var watch = await RawWatch.OpenAsync(new Uri($"{cluster.Uri}/api/v1/namespaces/default/configmaps?watch=1&labelSelector=app%3Dx&resourceVersion={created.Metadata.ResourceVersion}"));

        created.Metadata.Labels["app"] = "y";
        await client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "a", "default");

        var change = await watch.NextAsync();
        Assert.Equal("DELETED", change!["type"]!.GetValue<string>());
        Assert.Equal("y", change["object"]!["metadata"]!["labels"]!["app"]!.GetValue<string>());
    }

    [Fact]
    public async Task Watch_WithoutResourceVersion_StartsWithSyntheticAdded()
    {
        var (cluster, client) = sim.NewCluster();
        await client.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("a"), "default");

        await using var watch = await RawWatch.OpenAsync(new Uri($"{cluster.Uri}/api/v1/namespaces/default/configmaps?watch=true"));
        var first = await watch.NextAsync();

        Assert.Equal("ADDED", first!["type"]!.GetValue<string>());
        Assert.Equal("a", first["object"]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Watch_TooOldResourceVersion_ErrorEventWith410()
    {
        await using var server = await KubeSimServer.StartAsync(new KubeSimOptions { WatchHistoryLimit = 2 });
        var cluster = server.AddCluster("old");
        var client = cluster.CreateClient();
        var start = cluster.ResourceVersion;
        for (var i = 0; i < 4; i++)
        {
            await client.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap($"c{i}"), "default");
        }

        await using var watch = await RawWatch.OpenAsync(new Uri($"{cluster.Uri}/api/v1/namespaces/default/configmaps?watch=1&resourceVersion={start}"));
        var error = await watch.NextAsync();

        Assert.Equal("ERROR", error!["type"]!.GetValue<string>());
        Assert.Equal(410, error["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", error["object"]!["reason"]!.GetValue<string>());
        Assert.StartsWith($"too old resource version: {start}", error["object"]!["message"]!.GetValue<string>());
        Assert.Null(await watch.NextAsync());
    }

    [Fact]
    public async Task Watch_AllowBookmarks_BookmarkAfterInterval()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z"));
        await using var server = await KubeSimServer.StartAsync(new KubeSimOptions { TimeProvider = time, BookmarkInterval = TimeSpan.FromSeconds(10) });
        var cluster = server.AddCluster("bm");
        var rv = cluster.ResourceVersion;
        await using var watch = await RawWatch.OpenAsync(new Uri($"{cluster.Uri}/api/v1/namespaces/default/configmaps?watch=1&allowWatchBookmarks=true&resourceVersion={rv}"));
        await cluster.CreateClient().CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("a"), "default");
        var added = await watch.NextAsync();

        time.Advance(TimeSpan.FromSeconds(10));
        var bookmark = await watch.NextAsync();

        Assert.Equal("ADDED", added!["type"]!.GetValue<string>());
        Assert.Equal("BOOKMARK", bookmark!["type"]!.GetValue<string>());
        Assert.Equal(cluster.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            bookmark["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal("ConfigMap", bookmark["object"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Watch_SendInitialEvents_EndsInitialStateWithAnnotatedBookmark()
    {
        var (cluster, client) = sim.NewCluster();
        await client.CoreV1.CreateNamespacedConfigMapAsync(SimFixture.ConfigMap("a"), "default");

        await using var watch = await RawWatch.OpenAsync(new Uri(
            $"{cluster.Uri}/api/v1/namespaces/default/configmaps?watch=1&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan"));
        var added = await watch.NextAsync();
        var bookmark = await watch.NextAsync();

        Assert.Equal("ADDED", added!["type"]!.GetValue<string>());
        Assert.Equal("BOOKMARK", bookmark!["type"]!.GetValue<string>());
        Assert.Equal("true", bookmark["object"]!["metadata"]!["annotations"]!["k8s.io/initial-events-end"]!.GetValue<string>());
    }
}
