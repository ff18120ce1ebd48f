namespace Edgeplane.Hub.Api.Contracts;

/// <summary>Body of <c>POST /api/v1/clusters/{name}/tokens</c>: the TTL (e.g. <c>1h</c>); null for the hub's default.</summary>
public sealed record CreateTokenRequest(string? Ttl);
