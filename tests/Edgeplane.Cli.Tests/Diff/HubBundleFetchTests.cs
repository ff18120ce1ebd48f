using System.Net;
using System.Text;
using Edgeplane.Cli.HubClient;

namespace Edgeplane.Cli.Tests.Diff;

/// <summary>What <c>diff --hub</c> accepts from the hub as a cluster's desired bundle.</summary>
public sealed class HubBundleFetchTests
{
    private const string Digest = "sha256:0000000000000000000000000000000000000000000000000000000000000000";

    [Fact]
    public async Task GetBundle_BytesDoNotMatchTheDigest_Refused()
    {
        var body = Encoding.UTF8.GetBytes("""{"apiVersion":"edgeplane.dev/v1alpha1","kind":"Bundle"}""");
        using var client = new HubApiClient(new Uri("http://hub.test/"), "ep_t", new Answer(HttpStatusCode.OK, body));

        var error = await Assert.ThrowsAsync<HubClientException>(() => client.GetBundleAsync(Digest, CancellationToken.None));

        Assert.StartsWith($"the hub answered bundle {Digest} with bytes whose digest is sha256:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBundle_NotFound_TheHubsProblemDetail()
    {
        var body = Encoding.UTF8.GetBytes($$"""{"title":"Not Found","status":404,"detail":"bundle '{{Digest}}' not found"}""");
        using var client = new HubApiClient(new Uri("http://hub.test/"), "ep_t", new Answer(HttpStatusCode.NotFound, body));

        var error = await Assert.ThrowsAsync<HubClientException>(() => client.GetBundleAsync(Digest, CancellationToken.None));

        Assert.Equal($"hub answered 404 Not Found: bundle '{Digest}' not found", error.Message);
    }

    private sealed class Answer(HttpStatusCode status, byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal($"/api/v1/bundles/{Uri.EscapeDataString(Digest)}?format=json", request.RequestUri!.PathAndQuery);
            return Task.FromResult(new HttpResponseMessage(status) { Content = new ByteArrayContent(body) });
        }
    }
}
