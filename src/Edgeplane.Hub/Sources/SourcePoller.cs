using Edgeplane.Hub.Hosting;
using Edgeplane.Hub.Observability;
using Edgeplane.Hub.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Hub.Sources;

/// <summary>Fetches the fleet repo at start, on every poll interval, and at once when a webhook asks.</summary>
internal sealed partial class SourcePoller(
    HubOptions options, GitSource source, IRevisionStore store, HubSignals signals, HubReadiness readiness,
    HubActivity activity, HubMetrics metrics, TimeProvider time, ILogger<SourcePoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitForStoreAsync(stoppingToken).ConfigureAwait(false);
        signals.RequestProcessing(); // a revision fetched before a restart may still wait
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FetchOnceAsync(stoppingToken).ConfigureAwait(false);
                await WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    internal async Task FetchOnceAsync(CancellationToken cancellationToken)
    {
        string? head = null;
        string? failure = null;
        try
        {
            var previous = await store.GetHeadAsync(cancellationToken).ConfigureAwait(false);
            var fetched = await source.FetchAsync(previous, cancellationToken).ConfigureAwait(false);
            await store.RecordFetchAsync(fetched, cancellationToken).ConfigureAwait(false);
            readiness.MarkFetched();
            metrics.Fetches.WithLabels("ok").Inc();
            if (fetched.Head != previous)
            {
                LogNewHead(logger, fetched.Head, fetched.NewCommits.Count);
                signals.RequestProcessing();
            }
            head = fetched.Head;
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            metrics.Fetches.WithLabels("error").Inc();
            var message = UrlRedaction.Redact(error.Message);
            LogFetchFailed(logger, message);
            readiness.MarkFetched(); // before the error is visible, so whoever sees it also sees the hub ready
            await TryRecordErrorAsync(message, cancellationToken).ConfigureAwait(false);
            failure = message;
        }
        finally
        {
            readiness.MarkFetched();
        }
        activity.OnFetched(head, failure);
    }

    private async Task TryRecordErrorAsync(string message, CancellationToken cancellationToken)
    {
        try
        {
            await store.RecordFetchErrorAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogFetchFailed(logger, $"could not record the fetch error: {UrlRedaction.Redact(error.Message)}");
        }
    }

    private async Task WaitAsync(CancellationToken cancellationToken)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var interval = Task.Delay(options.PollInterval, time, wake.Token);
        var webhook = signals.WaitForFetchRequestAsync(wake.Token).AsTask();
        activity.OnPollerWaiting();
        await Task.WhenAny(interval, webhook).ConfigureAwait(false);
        await wake.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Fetched new head {Head} ({Count} new commit(s))")]
    private static partial void LogNewHead(ILogger logger, string head, int count);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Fetch failed: {Error}")]
    private static partial void LogFetchFailed(ILogger logger, string error);
}
