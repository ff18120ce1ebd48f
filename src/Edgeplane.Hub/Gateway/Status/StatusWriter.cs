using System.Threading.Channels;
using Edgeplane.Hub.Hosting;
using Edgeplane.Hub.Lifecycle;
using Edgeplane.Hub.Observability;
using Edgeplane.Hub.Store;
using Edgeplane.Resilience;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;

namespace Edgeplane.Hub.Gateway.Status;

/// <summary>
/// The single writer of agent status reports. Sessions enqueue (waiting when <see cref="GatewayOptions.StatusQueueCapacity"/>
/// reports are queued: back-pressure on that agent's stream only); the writer takes everything queued, up to
/// <see cref="GatewayOptions.StatusBatchSize"/>, and stores it in one transaction, so many agents reporting at once
/// cost one commit instead of one each. A session acknowledges a report only after its batch committed. A batch that
/// fails to commit is tried <see cref="MaxAttempts"/> times in all, with the one back-off (full jitter, ceilings 1 s,
/// 2 s, 4 s); then its sessions end and their agents resend after reconnecting. The clusters whose reports were stored
/// are marked for the lifecycle monitor (a management cluster's report moves the clusters it provisions).
/// </summary>
internal sealed partial class StatusWriter(
    IAgentStateStore store,
    HubReadiness readiness,
    GatewayOptions options,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<StatusWriter> logger,
    LifecycleSignals? lifecycle = null,
    Events.FleetEvents? events = null) : BackgroundService
{
    /// <summary>Attempts to store one batch, the first included.</summary>
    public const int MaxAttempts = 4;

    private static readonly Backoff RetryBackoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));

    // The size of the batch being written, for the retry log line (one writer loop, so one batch at a time).
    private int _batchCount;
    private ResiliencePipeline? _retry;

    private readonly Channel<PendingStatus> _queue = Channel.CreateBounded<PendingStatus>(
        new BoundedChannelOptions(options.StatusQueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Queues a report; waits while the queue is full.</summary>
    public ValueTask EnqueueAsync(PendingStatus pending, CancellationToken cancellationToken) =>
        _queue.Writer.WriteAsync(pending, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitForStoreAsync(stoppingToken).ConfigureAwait(false);
        var batch = new List<PendingStatus>(options.StatusBatchSize);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < options.StatusBatchSize && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }
            await WriteAsync(batch, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Told each time a failed batch is about to be retried, once the wait's timer runs (for tests).</summary>
    internal Action<BackoffAttempt>? RetryScheduled { get; init; }

    private ResiliencePipeline Retry => _retry ??= BackoffRetry.Pipeline(RetryBackoff, new BackoffRetryOptions
    {
        MaxAttempts = MaxAttempts,
        ShouldRetry = error => error is not OperationCanceledException,
        OnRetry = attempt =>
        {
            LogRetry(logger, attempt.Failure, _batchCount, attempt.Delay);
            RetryScheduled?.Invoke(attempt);
        },
    }, time, Random.Shared);

    private async Task WriteAsync(List<PendingStatus> batch, CancellationToken cancellationToken)
    {
        metrics.StatusBatchSize.Observe(batch.Count);
        _batchCount = batch.Count;
        IReadOnlyList<StatusReportOutcome> outcomes;
        try
        {
            var reports = batch.Select(p => p.Report).ToList();
            outcomes = await Retry.ExecuteAsync(
                async token => await store.RecordStatusBatchAsync(reports, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogFailed(logger, error, batch.Count);
            metrics.StatusReports.WithLabels("failed").Inc(batch.Count);
            foreach (var pending in batch)
            {
                pending.Sink.OnStatusFailed(error);
            }
            return;
        }
        var recorded = batch.Where((_, i) => outcomes[i] == StatusReportOutcome.Recorded).Select(p => p.Report.Cluster).ToList();
        lifecycle?.Mark(recorded);
        events?.ClustersChanged(recorded); // written in bulk statements: announced here, not by the store's save hook
        for (var i = 0; i < batch.Count; i++)
        {
            metrics.StatusReports.WithLabels(Label(outcomes[i])).Inc();
            batch[i].Sink.OnStatusStored((ulong)batch[i].Report.Sequence, batch[i].ReceivedTimestamp);
        }
    }

    private static string Label(StatusReportOutcome outcome) => outcome switch
    {
        StatusReportOutcome.Recorded => "applied",
        StatusReportOutcome.Stale => "duplicate",
        _ => "unknown_cluster",
    };

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "Storing {Count} status report(s) failed; retrying in {Delay}")]
    private static partial void LogRetry(ILogger logger, Exception error, int count, TimeSpan delay);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Error, Message = "Storing {Count} status report(s) failed; their sessions end and the agents resend")]
    private static partial void LogFailed(ILogger logger, Exception error, int count);
}
