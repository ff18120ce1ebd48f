namespace Edgeplane.Hub.Api.Contracts;

/// <summary>What a revocation did: certificates revoked, unused tokens voided, live streams dropped on the answering hub.</summary>
public sealed record RevocationResponse(string Cluster, DateTime RevokedAt, int CertificatesRevoked, int TokensInvalidated, int ConnectionsDropped);
