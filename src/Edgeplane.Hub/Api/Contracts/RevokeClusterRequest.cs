namespace Edgeplane.Hub.Api.Contracts;

/// <summary>Body of <c>POST /api/v1/clusters/{name}/revoke</c> (optional): why, kept with the revocation.</summary>
public sealed record RevokeClusterRequest(string? Reason);
