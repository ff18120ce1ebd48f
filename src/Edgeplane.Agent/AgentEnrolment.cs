using Edgeplane.Agent.Identity;
using Edgeplane.Agent.State;
using Edgeplane.Protocol.Identity;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Agent;

/// <summary>
/// The agent's identity at start: the stored one, or a new enrolment with the bootstrap token. The token is used only
/// when the state folder holds no identity, or when the hub revoked the cluster and the operator gave a new token; an
/// enrolment that fails because the hub cannot be reached is retried with back-off, a refusal is not.
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
        var delay = options.ReconnectInitialDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await client.EnrollAsync(options.Hub, token, expected, cancellationToken).ConfigureAwait(false);
            }
            catch (EnrollmentException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted
                && !cancellationToken.IsCancellationRequested)
            {
                var wait = delay * (1 + (options.JitterFraction * ((random.NextDouble() * 2) - 1)));
                LogEnrolRetry(_logger, attempt, e.Message, wait);
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                delay = delay * 2 < options.ReconnectMaxDelay ? delay * 2 : options.ReconnectMaxDelay;
            }
        }
    }

    [LoggerMessage(EventId = 3301, Level = LogLevel.Information,
        Message = "Already enrolled as cluster {Cluster} (state folder {State}); the bootstrap token was not used")]
    private static partial void LogTokenIgnored(ILogger logger, string cluster, string state);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning, Message = "Enrolment attempt {Attempt} failed: {Error}; retrying in {Wait}")]
    private static partial void LogEnrolRetry(ILogger logger, int attempt, string error, TimeSpan wait);
}
