namespace Edgeplane.Hub.Api.Contracts;

/// <summary>
/// A new bootstrap token: <see cref="Token"/> is the only copy of its secret (the hub keeps a hash); hand it to the
/// cluster's agent. <see cref="CaPin"/> is the hub CA's pin the token carries.
/// </summary>
public sealed record BootstrapTokenResponse(string Token, string TokenId, string Cluster, DateTime ExpiresAt, string CaPin)
{
    /// <summary>The gateway URL agents dial (<c>https://host:port</c>), as the hub advertises it; null when it cannot tell.</summary>
    public string? GatewayUrl { get; init; }
}
