using Edgeplane.Protocol.Identity;
using Edgeplane.Protocol.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Agent.Identity;

/// <summary>
/// Keeps the agent's certificate fresh: at half-life it makes a new key, sends a CSR to Renew over mTLS with the
/// current certificate, stores the result atomically and swaps it into <see cref="AgentIdentityState"/>. Failures
/// (including the hub's per-cluster rate limit, ResourceExhausted) are retried with jittered exponential back-off up to
/// the expiry, with the same key (<see cref="RenewalKeyFile"/>: the hub renews a certificate once, and answers a repeat
/// for the same key with the certificate it issued); the condition always says what is going on, so a certificate
/// never lapses silently.
/// </summary>
public sealed partial class CertificateRenewer(
    Uri hub,
    AgentIdentityState state,
    AgentIdentityFiles files,
    RenewalOptions options,
    TimeProvider time,
    Random random,
    ILogger<CertificateRenewer> logger)
{
    private readonly RenewalKeyFile _renewalKey = new(files);

    /// <summary>Renews at every half-life until cancelled, or until the identity is stalled (revoked, expired, refused).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var credentials = state.Current;
            var wait = credentials.RenewAt - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
            if (!await RenewWithRetriesAsync(credentials, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>
    /// One renewal attempt with the current credentials. Throws <see cref="RpcException"/> when the call fails and
    /// <see cref="EnrollmentException"/> when the answer is unusable.
    /// </summary>
    public async Task<AgentCredentials> RenewOnceAsync(CancellationToken cancellationToken)
    {
        var credentials = state.Current;
        using (var key = _renewalKey.LoadOrCreate(credentials.Certificate.SerialNumber))
        using (var channel = HubChannels.Create(hub, credentials, time))
        {
            var csr = AgentKeys.Csr(key, credentials.Cluster);
            var request = new RenewRequest { ClusterId = credentials.Cluster.Value, CsrDer = ByteString.CopyFrom(csr) };
            // A network timeout, so wall-clock time (gRPC deadlines travel as durations on the wire).
            var response = await new AgentGateway.AgentGatewayClient(channel).RenewAsync(
                request, deadline: DateTime.UtcNow + options.CallTimeout, cancellationToken: cancellationToken);
            if (response.Certificate is null)
            {
                throw new EnrollmentException("the hub's renewal answer has no certificate", StatusCode.Internal);
            }
            var certificate = AgentKeys.Attach(response.Certificate.CertificateDer.ToByteArray(), key);
            var renewed = new AgentCredentials(certificate, credentials.HubCa, credentials.Cluster);
            CertificateChecks.RequireIssuedBy(renewed, credentials.Cluster);
            files.Save(renewed);
            _renewalKey.Delete();
            state.SetCondition(new IdentityCondition(IdentityHealth.Ready, IdentityReasons.CertificateRenewed,
                $"certificate renewed; valid until {renewed.NotAfter:u}", time.GetUtcNow()));
            state.Replace(renewed);
            LogRenewed(logger, renewed.Cluster.Value, renewed.NotAfter);
            return renewed;
        }
    }

    private async Task<bool> RenewWithRetriesAsync(AgentCredentials credentials, CancellationToken cancellationToken)
    {
        var delay = options.RetryInitialDelay;
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            try
            {
                await RenewOnceAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
            {
                if (Permanent(e) is { } stalled)
                {
                    Stall(stalled, $"the hub refused renewal: {e.Status.Detail}");
                    return false;
                }
                failure = e.Status.Detail;
            }
            catch (Exception e) when (e is EnrollmentException or IOException)
            {
                failure = e.Message;
            }
            var now = time.GetUtcNow();
            if (now >= credentials.NotAfter)
            {
                Stall(IdentityReasons.CertificateExpired,
                    $"certificate expired at {credentials.NotAfter:u} before it could be renewed (last error: {failure}); " +
                    "enrol again with a new bootstrap token");
                return false;
            }
            var wait = Jitter(delay);
            wait = wait < credentials.NotAfter - now ? wait : credentials.NotAfter - now;
            // The retry is scheduled before it is announced, so whoever reacts to the condition sees it pending.
            var retry = Task.Delay(wait, time, cancellationToken);
            state.SetCondition(new IdentityCondition(IdentityHealth.Degraded, IdentityReasons.RenewalFailed,
                $"renewal attempt {attempt} failed: {failure}; retrying in {wait:g}; certificate expires at " +
                $"{credentials.NotAfter:u}", now));
            LogRetry(logger, attempt, failure, wait, credentials.NotAfter);
            await retry.ConfigureAwait(false);
            delay = delay * 2 < options.RetryMaxDelay ? delay * 2 : options.RetryMaxDelay;
        }
    }

    // Refusals that no retry can fix; everything else (network, hub down, hub busy) is retried.
    private static string? Permanent(RpcException e) => (e.StatusCode, IdentityErrors.Of(e)) switch
    {
        (StatusCode.PermissionDenied, IdentityError.ClusterRevoked) => IdentityReasons.ClusterRevoked,
        // This certificate was renewed for another key (the kept key was lost): no retry can change that.
        (StatusCode.FailedPrecondition, IdentityError.AlreadyRenewed) => IdentityReasons.RenewalRefused,
        (StatusCode.PermissionDenied or StatusCode.Unauthenticated or StatusCode.InvalidArgument, _) => IdentityReasons.RenewalRefused,
        _ => null,
    };

    private void Stall(string reason, string message)
    {
        state.SetCondition(new IdentityCondition(IdentityHealth.Stalled, reason, message, time.GetUtcNow()));
        LogStalled(logger, reason, message);
    }

    private TimeSpan Jitter(TimeSpan delay) =>
        delay * (1 + (options.JitterFraction * ((random.NextDouble() * 2) - 1)));
}
