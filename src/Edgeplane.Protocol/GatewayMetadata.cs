namespace Edgeplane.Protocol;

/// <summary>gRPC metadata keys of the gateway.</summary>
public static class GatewayMetadata
{
    /// <summary>
    /// Trailer set on refused identity calls: the hub's typed reason (e.g. <c>ClusterRevoked</c>, <c>TokenExpired</c>),
    /// so the agent can act on it without parsing the message.
    /// </summary>
    public const string IdentityErrorKey = "edgeplane-identity-error";
}
