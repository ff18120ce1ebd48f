namespace Edgeplane.Protocol;

/// <summary>gRPC metadata keys of the gateway.</summary>
public static class GatewayMetadata
{
    /// <summary>
    /// Trailer set on refused identity calls: the hub's typed reason, a <see cref="V1.IdentityError"/> by name (e.g.
    /// <c>ClusterRevoked</c>, <c>TokenExpired</c>), so the agent can act on it without parsing the message. Written and
    /// read only through <see cref="Identity.IdentityErrors"/>.
    /// </summary>
    public const string IdentityErrorKey = "edgeplane-identity-error";
}
