using Edgeplane.Hub.Hosting;
using Edgeplane.Hub.Rollouts;
using Edgeplane.Hub.Store;
using Edgeplane.Resilience;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Hub.Pipeline;

/// <summary>
/// Steps every active rollout run on the leading hub: every <see cref="RolloutOptions.StepInterval"/>, and at once when
/// a revision created a run or an operator acted on one. The state lives in the store, so a restarted or newly leading
/// hub resumes every run from its last committed step (docs/rollouts.md, "Engine").
/// </summary>
internal sealed partial class RolloutEngine(
    IRolloutStore store, RolloutLeadership leadership, HubSignals signals, HubReadiness readiness, HubOptions options, TimeProvider time,
    ILogger<RolloutEngine> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>Raised after each step of the runs (tests advance a fake clock by it).</summary>
    public event Action? Stepped;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitForStoreAsync(stoppingToken).ConfigureAwait(false);
        var rollouts = options.Rollouts;
        var backoff = new Backoff(rollouts.StepInterval, MaxBackoff);
        var failures = 0;
        DateTime? leadingSince = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = rollouts.StepInterval;
            try
            {
                if (await leadership.LeadAsync(stoppingToken).ConfigureAwait(false))
                {
                    leadingSince ??= LogLead(time.GetUtcNow().UtcDateTime);
                    await store.StepAsync(new RunStepSettings(rollouts.DefaultHealthTimeout, rollouts.OfflineGrace, leadingSince.Value), stoppingToken)
                        .ConfigureAwait(false);
                }
                else
                {
                    leadingSince = null;
                    wait = rollouts.LeaderRetry;
                }
                failures = 0;
            }
            catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                wait = backoff.Delay(++failures, Random.Shared);
                LogStepFailed(logger, error, wait);
            }
            Stepped?.Invoke();
            if (!await WaitAsync(wait, stoppingToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private DateTime LogLead(DateTime now)
    {
        LogLeading(logger);
        return now;
    }

    /// <summary>Waits for the interval or a wake-up; false when the hub stops.</summary>
    private async Task<bool> WaitAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        using var delay = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var timer = Task.Delay(wait, time, delay.Token);
        var wake = signals.WaitForRolloutRequestAsync(delay.Token).AsTask();
        await Task.WhenAny(timer, wake).ConfigureAwait(false);
        await delay.CancelAsync().ConfigureAwait(false); // the other task ends cancelled, not faulted
        return !stoppingToken.IsCancellationRequested;
    }

    [LoggerMessage(EventId = 260, Level = LogLevel.Information, Message = "This hub leads the rollout runs")]
    private static partial void LogLeading(ILogger logger);

    [LoggerMessage(EventId = 261, Level = LogLevel.Error, Message = "A rollout step failed; stepping again in {Backoff}")]
    private static partial void LogStepFailed(ILogger logger, Exception error, TimeSpan backoff);
}
