namespace Edgeplane.Kubernetes.Tests.Support;

/// <summary>
/// Arms a KubeSim fault just before a matching request goes out, so KubeSim itself answers that request (and its
/// retries) with the fault. KubeSim's fault counters cannot pick one request out of many; this picks it.
/// </summary>
public sealed class ArmFaultHandler(Func<HttpRequestMessage, bool> matches, Action arm) : DelegatingHandler
{
    private int _armed;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (matches(request) && Interlocked.Exchange(ref _armed, 1) == 0)
        {
            arm();
        }
        return base.SendAsync(request, cancellationToken);
    }
}
