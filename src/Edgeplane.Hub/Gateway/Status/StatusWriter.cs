using System.Threading.Channels;
using Edgeplane.Hub.Hosting;
using Edgeplane.Hub.Observability;
using Edgeplane.Hub.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Hub.Gateway.Status;

/// <summary>
/// The single writer of agent status reports. Sessions enqueue (waiting when <see cref="GatewayOptions.StatusQueueCapacity"/>
/// reports are queued: back-pressure on that agent's stream only); the writer takes everything queued, up to
/// <see cref="GatewayOptions.StatusBatchSize"/>, and stores it in one transaction, so many agents reporting at once
/// cost one commit instead of one each. A session acknowledges a report only after its batch committed.
/// </summary>
internal sealed partial class StatusWriter(
    IAgentStateStore store,
    HubReadiness readiness,
    GatewayOptions options,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<StatusWriter> logger) : BackgroundService
{
    private static readonly TimeSpan[] Retries = [TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];

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

    private async Task WriteAsync(List<PendingStatus> batch, CancellationToken cancellationToken)
    {
        metrics.StatusBatchSize.Observe(batch.Count);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var outcomes = await store.RecordStatusBatchAsync(batch.Select(p => p.Report).ToList(), cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    metrics.StatusReports.WithLabels(Label(outcomes[i])).Inc();
                    batch[i].Sink.OnStatusStored((ulong)batch[i].Report.Sequence, batch[i].ReceivedTimestamp);
                }
                return;
            }
            catch (Exception error) when (error is not OperationCanceledException && attempt < Retries.Length)
            {
                LogRetry(logger, error, batch.Count, Retries[attempt]);
                await Task.Delay(Retries[attempt], time, cancellationToken).ConfigureAwait(false);
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
