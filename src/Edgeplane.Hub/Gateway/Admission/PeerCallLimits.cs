using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Edgeplane.Hub.Observability;
using Edgeplane.Protocol;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Edgeplane.Hub.Gateway.Admission;

/// <summary>
/// Per-peer rates of the gateway's one-shot calls (docs/gateway.md, "Per-peer rates"): Discover and Enroll per remote
/// address, Renew and FetchBundle per cluster. A refused call ends with <see cref="StatusCode.ResourceExhausted"/>, a
/// message naming the limit and when to retry, and the standard <c>grpc-retry-pushback-ms</c> trailer. Connect has its
/// own admission (<see cref="AdmissionController"/>); other calls are not limited here.
/// </summary>
internal sealed class PeerCallLimits
{
    /// <summary>The trailer gRPC defines for a server's retry hint (gRFC A6), in milliseconds.</summary>
    public const string RetryPushbackKey = "grpc-retry-pushback-ms";

    private readonly PeerRateLimiter _enroll;
    private readonly PeerRateLimiter _renew;
    private readonly PeerRateLimiter _fetch;
    private readonly GatewayMetrics _metrics;

    /// <summary>Limiters from <paramref name="options"/>, no peer tracked yet.</summary>
    public PeerCallLimits(GatewayOptions options, TimeProvider time, GatewayMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        _metrics = metrics;
        _enroll = new PeerRateLimiter(options.EnrollRate, options.EnrollBurst, options.MaxRateLimitedPeers, time);
        _renew = new PeerRateLimiter(options.RenewRate, options.RenewBurst, options.MaxRateLimitedPeers, time);
        _fetch = new PeerRateLimiter(options.FetchBundleRate, options.FetchBundleBurst, options.MaxRateLimitedPeers, time);
    }

    /// <summary>
    /// Counts the call against its peer; throws <see cref="RpcException"/> (ResourceExhausted) when the peer is over its
    /// rate (counted in <c>edgeplane_gateway_admission_rejections_total{kind=enroll|renew|fetch_bundle}</c>).
    /// </summary>
    public void Admit(string method, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (limiter, kind, calls) = Select(method);
        if (limiter is null)
        {
            return;
        }
        var peer = kind == "enroll" ? PeerAddress.Key(http.Connection.RemoteIpAddress) : ClusterKey(http);
        if (limiter.TryTake(peer, out var wait))
        {
            return;
        }
        _metrics.AdmissionRejections.WithLabels(kind).Inc();
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var message = $"rate limit: {Describe(peer)} may call {calls} {limiter.Burst} times at once, then {Rate(limiter.Rate)}; " +
            $"retry after {seconds} s";
        throw new RpcException(new Grpc.Core.Status(StatusCode.ResourceExhausted, message),
            new Metadata { { RetryPushbackKey, (seconds * 1000).ToString(CultureInfo.InvariantCulture) } });
    }

    private (PeerRateLimiter? Limiter, string Kind, string Calls) Select(string method)
    {
        if (method == GatewayMethods.Discover || method == GatewayMethods.Enroll)
        {
            return (_enroll, "enroll", "Discover/Enroll");
        }
        if (method == GatewayMethods.Renew)
        {
            return (_renew, "renew", "Renew");
        }
        return method == GatewayMethods.FetchBundle ? (_fetch, "fetch_bundle", "FetchBundle") : (null, "", "");
    }

    // The TLS handshake already checked the chain to the hub CA, so the CN is a cluster id this hub issued (revocation is
    // checked after this, per call): keying on it here costs no store lookup. A call without a certificate, which the
    // authentication refuses next, is counted against its address.
    private static string ClusterKey(HttpContext http) =>
        http.Connection.ClientCertificate is { } certificate
            ? "cluster:" + certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false)
            : PeerAddress.Key(http.Connection.RemoteIpAddress);

    private static string Describe(string peer) => peer.StartsWith("cluster:", StringComparison.Ordinal)
        ? $"cluster '{peer["cluster:".Length..]}'"
        : $"address {peer["ip:".Length..]}";

    private static string Rate(double perSecond) => perSecond >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{perSecond:0.##} per second")
        : string.Create(CultureInfo.InvariantCulture, $"1 every {1 / perSecond:0.#} s");
}
