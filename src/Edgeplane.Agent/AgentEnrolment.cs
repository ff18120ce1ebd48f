using Edgeplane.Agent.Identity;
using Edgeplane.Agent.State;
using Edgeplane.Protocol.Identity;
using Edgeplane.Resilience;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Agent;

/// <summary>
/// The agent's identity at start: the stored one, or a new enrolment with the bootstrap token. The token is used only
/// when the state folder holds no identity, or when the hub revoked the cluster and the operator gave a new token; an
/// enrolment that fails because the hub cannot be reached is retried through Polly with the shared back-off (full jitter),
/// a refusal is not.
/// </summary>
internal sealed partial class AgentEnrolment(AgentOptions options, TimeProvider time, Random random, ILoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<AgentEnrolment>();
    private readonly AgentIdentityFiles _files = new(options.StateDirectory);
    private readonly CheckpointFile _checkpoints = new(options.StateDirectory);

    public async Task<(AgentCredentials Credentials, AgentCheckpoint Checkpoint)> LoadOrEnrollAsync(CancellationToken cancellationToken)
    {
        var checkpoint = _checkpoints.Load();
        var stored = _files.Load();
        if (stored is not null && (checkpoint.RevokedAt is null || options.Token is null))
        {
            RequireExpected(stored.Cluster);
            if (options.Token is not null)
            {
                LogTokenIgnored(_logger, stored.Cluster.Value, options.StateDirectory);
            }
            return (stored, checkpoint);
        }
        if (options.Token is null)
        {
            throw new InvalidOperationException(
                $"the state folder '{options.StateDirectory}' holds no agent identity; start the agent with a bootstrap token (--token) to enrol");
        }
        var expected = stored?.Cluster ?? (options.ExpectedCluster is { } e ? ClusterId.Parse(e) : null);
        var credentials = await EnrollWithRetriesAsync(BootstrapToken.Parse(options.Token), expected, cancellationToken).ConfigureAwait(false);
        if (checkpoint.RevokedAt is not null)
        {
            checkpoint = checkpoint with { RevokedAt = null, RevokedMessage = null };
            _checkpoints.Save(checkpoint);
        }
        return (credentials, checkpoint);
    }

    private void RequireExpected(ClusterId stored)
    {
        if (options.ExpectedCluster is { } expected && expected != stored.Value)
        {
            throw new InvalidOperationException(
                $"the state folder '{options.StateDirectory}' belongs to cluster '{stored}', not '{expected}'");
        }
    }

    private async Task<AgentCredentials> EnrollWithRetriesAsync(BootstrapToken token, ClusterId? expected, CancellationToken cancellationToken)
    {
        var client = new EnrollmentClient(_files, time, loggerFactory.CreateLogger<EnrollmentClient>(), options.AgentVersion);
        var retries = BackoffRetry.Pipeline(new Backoff(options.ReconnectInitialDelay, options.ReconnectMaxDelay), new BackoffRetryOptions
        {
            // The hub cannot be reached (or is busy): try again. A refusal is final.
            ShouldRetry = e => e is EnrollmentException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted },
            OnRetry = a => LogEnrolRetry(_logger, a.Attempt, a.Failure.Message, a.Delay),
        }, time, random);
        return await retries.ExecuteAsync(async ct => await client.EnrollAsync(options.Hub, token, expected, ct).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 3301, Level = LogLevel.Information,
        Message = "Already enrolled as cluster {Cluster} (state folder {State}); the bootstrap token was not used")]
    private static partial void LogTokenIgnored(ILogger logger, string cluster, string state);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning, Message = "Enrolment attempt {Attempt} failed: {Error}; retrying in {Wait}")]
    private static partial void LogEnrolRetry(ILogger logger, int attempt, string error, TimeSpan wait);
}
