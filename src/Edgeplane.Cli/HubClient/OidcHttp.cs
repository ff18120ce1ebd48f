namespace Edgeplane.Cli.HubClient;

/// <summary>The HTTP client the CLI talks to an OIDC issuer with: 30 s a call, answers of at most 1 MiB, the system trust store.</summary>
internal static class OidcHttp
{
    public static HttpClient Create(HttpMessageHandler? handler = null) =>
        new(handler ?? new SocketsHttpHandler(), disposeHandler: handler is null)
        {
            Timeout = TimeSpan.FromSeconds(30),
            MaxResponseContentBufferSize = 1024 * 1024,
        };
}
