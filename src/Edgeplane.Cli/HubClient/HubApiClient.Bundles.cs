namespace Edgeplane.Cli.HubClient;

internal sealed partial class HubApiClient
{
    /// <summary>
    /// The canonical bytes of the stored bundle <paramref name="digest"/> (<c>GET /api/v1/bundles/{digest}?format=json</c>),
    /// checked against the digest, so what the caller reads is exactly what the agents are given.
    /// </summary>
    public async Task<byte[]> GetBundleAsync(string digest, CancellationToken cancellationToken)
    {
        var path = $"api/v1/bundles/{Uri.EscapeDataString(digest)}?format=json";
        using var response = await SendRequestAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HubClientException(await ProblemTextAsync(response, cancellationToken).ConfigureAwait(false));
        }
        if (response.Content.Headers.ContentLength > Protocol.ProtocolLimits.MaxBundleBytes)
        {
            throw new HubClientException($"the hub answered bundle {digest} with {response.Content.Headers.ContentLength} bytes; the limit is {Protocol.ProtocolLimits.MaxBundleBytes}");
        }
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var actual = Protocol.Bundles.BundleDigest.Of(bytes).ToString();
        return actual == digest ? bytes
            : throw new HubClientException($"the hub answered bundle {digest} with bytes whose digest is {actual}");
    }
}
