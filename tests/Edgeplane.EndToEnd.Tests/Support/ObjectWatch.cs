using System.Text.Json.Nodes;

namespace Edgeplane.EndToEnd.Tests.Support;

/// <summary>One event of an <see cref="ObjectWatch"/>: its type, the resourceVersion the write got, the object after it.</summary>
public sealed record WatchedEvent(string Type, long ResourceVersion, JsonObject Object);

/// <summary>
/// A Kubernetes watch over HTTP on one resource of a KubeSim virtual cluster, from a resourceVersion on, recording every
/// event in order. A virtual cluster has one resourceVersion counter, so events of two watches on the same cluster
/// can be ordered by <see cref="WatchedEvent.ResourceVersion"/>: that is how a test sees which write came first
/// without sleeping or sampling.
/// </summary>
public sealed class ObjectWatch : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly List<WatchedEvent> _events = [];
    private readonly Task _run;
    private TaskCompletionSource _changed = NewSignal();

    private ObjectWatch(Uri cluster, string path, long fromResourceVersion)
    {
        _http = new HttpClient { BaseAddress = new Uri(cluster.ToString().TrimEnd('/') + "/"), Timeout = Timeout.InfiniteTimeSpan };
        _run = RunAsync($"{path.TrimStart('/')}?watch=true&resourceVersion={fromResourceVersion}");
    }

    /// <summary>
    /// Starts watching <paramref name="path"/> (e.g. <c>apis/cluster.x-k8s.io/v1beta2/namespaces/ns/machinedeployments</c>)
    /// on the cluster at <paramref name="cluster"/>, replaying every change after <paramref name="fromResourceVersion"/>.
    /// </summary>
    public static ObjectWatch Start(Uri cluster, string path, long fromResourceVersion) => new(cluster, path, fromResourceVersion);

    /// <summary>The events so far, in the order the server sent them.</summary>
    public IReadOnlyList<WatchedEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return _events.ToList();
            }
        }
    }

    /// <summary>Waits until the events so far satisfy <paramref name="check"/>; fails after <see cref="E2eScenario.Timeout"/> or when the watch broke.</summary>
    public async Task<IReadOnlyList<WatchedEvent>> UntilAsync(Func<IReadOnlyList<WatchedEvent>, bool> check, string what)
    {
        using var limit = new CancellationTokenSource(E2eScenario.Timeout);
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            var events = Events;
            if (check(events))
            {
                return events;
            }
            if (_run.IsCompleted)
            {
                await _run; // a broken watch fails the test with its error
                throw new InvalidOperationException($"the watch ended before {what}");
            }
            try
            {
                await changed.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (limit.IsCancellationRequested)
            {
                throw new TimeoutException($"{what} did not happen within {E2eScenario.Timeout}; watched: "
                    + string.Join(", ", events.Select(e => $"{e.Type} {e.Object["metadata"]?["name"]} rv {e.ResourceVersion}")));
            }
        }
    }

    private async Task RunAsync(string query)
    {
        await Task.Yield();
        using var response = await _http.GetAsync(query, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
        try
        {
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }
                var node = JsonNode.Parse(line)!.AsObject();
                var type = (string)node["type"]!;
                var obj = node["object"]!.AsObject();
                if (type == "ERROR")
                {
                    throw new InvalidOperationException($"the watch {query} failed: {obj.ToJsonString()}");
                }
                var rv = long.Parse((string)obj["metadata"]!["resourceVersion"]!, System.Globalization.CultureInfo.InvariantCulture);
                lock (_lock)
                {
                    _events.Add(new WatchedEvent(type, rv, obj));
                }
                Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();
            }
        }
        finally
        {
            Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _http.Dispose();
        _stop.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
