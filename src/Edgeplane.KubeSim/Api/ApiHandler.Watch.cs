using Edgeplane.KubeSim.Catalog;
using Edgeplane.KubeSim.Clusters;
using Edgeplane.KubeSim.Json;
using Edgeplane.KubeSim.Watch;
using Microsoft.AspNetCore.Http;

namespace Edgeplane.KubeSim.Api;

internal sealed partial class ApiHandler
{
    private static readonly byte[][] TypeNames =
    [
        "{\"type\":\"ADDED\",\"object\":"u8.ToArray(),
        "{\"type\":\"MODIFIED\",\"object\":"u8.ToArray(),
        "{\"type\":\"DELETED\",\"object\":"u8.ToArray(),
        "{\"type\":\"BOOKMARK\",\"object\":"u8.ToArray(),
        "{\"type\":\"ERROR\",\"object\":"u8.ToArray(),
    ];

    /// <summary>
    /// Streams watch events as newline-delimited JSON. Ends when the client goes, timeoutSeconds passes, the
    /// cluster is removed or becomes unreachable, or the watcher falls too far behind. A start older than the kept
    /// history gets one ERROR event with a 410 Expired Status, as kube-apiserver sends it.
    /// </summary>
    private async Task WatchAsync(HttpContext context, VirtualCluster cluster, ResourceType type, WatchFilter filter, QueryOptions query)
    {
        var bookmarks = query.Flag("allowWatchBookmarks");
        var rv = query["resourceVersion"];
        var subscription = cluster.Watch(type, filter, rv, query.Flag("sendInitialEvents"), bookmarks, json => cluster.Present(type, json));
        context.Response.StatusCode = 200;
        context.Response.ContentType = Responses.JsonType;
        context.Response.Headers.CacheControl = "no-cache, private";
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        if (subscription is null)
        {
            var gone = ApiException.Gone($"too old resource version: {rv} ({cluster.ResourceVersion})");
            await WriteEventAsync(context, new WatchMessage(WatchEventType.Error, JsonUtil.ToBytes(StatusWriter.Failure(gone))));
            await context.Response.Body.FlushAsync(context.RequestAborted);
            return;
        }
        var timeout = query.Int("timeoutSeconds", 0);
        using var timeoutCts = timeout > 0 ? new CancellationTokenSource(TimeSpan.FromSeconds(timeout), runtime.Time) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, timeoutCts.Token);
        using var timer = bookmarks
            ? runtime.Time.CreateTimer(_ => SafeBookmark(cluster, subscription), null, runtime.Options.BookmarkInterval, runtime.Options.BookmarkInterval)
            : null;
        try
        {
            await PumpAsync(context, subscription, linked.Token);
        }
        catch (OperationCanceledException)
        {
            // Client gone or timeoutSeconds reached: a normal end of a watch.
        }
        finally
        {
            cluster.StopWatch(subscription);
        }
    }

    private static void SafeBookmark(VirtualCluster cluster, WatchSubscription subscription)
    {
        // A timer callback must never throw: it would take the process down.
        try
        {
            cluster.Bookmark(subscription);
        }
        catch (InvalidOperationException)
        {
            subscription.Complete();
        }
    }

    private static async Task PumpAsync(HttpContext context, WatchSubscription subscription, CancellationToken cancel)
    {
        var reader = subscription.Reader;
        while (await reader.WaitToReadAsync(cancel))
        {
            while (reader.TryRead(out var message))
            {
                await WriteEventAsync(context, message);
            }
            await context.Response.Body.FlushAsync(cancel);
        }
    }

    private static async Task WriteEventAsync(HttpContext context, WatchMessage message)
    {
        var body = context.Response.Body;
        await body.WriteAsync(TypeNames[(int)message.Type]);
        await body.WriteAsync(message.Object);
        await body.WriteAsync("}\n"u8.ToArray());
    }
}
