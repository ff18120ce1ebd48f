namespace Edgeplane.Hub.Identity;

/// <summary>What went wrong in enrolment, renewal or agent authentication; each maps to one gRPC status code.</summary>
internal enum IdentityError
{
    /// <summary>The token text or its parts are malformed, unknown, or the secret is wrong.</summary>
    TokenInvalid,

    /// <summary>The token's TTL has passed.</summary>
    TokenExpired,

    /// <summary>The token was used already (tokens are single-use).</summary>
    TokenUsed,

    /// <summary>The token is bound to another cluster than the one asked for.</summary>
    TokenClusterMismatch,

    /// <summary>A requested token TTL is outside the configured bounds.</summary>
    TokenTtlOutOfRange,

    /// <summary>The CSR is too large, malformed, badly signed, or has a key type other than ECDSA P-256.</summary>
    CsrInvalid,

    /// <summary>The peer's protocol version is not supported.</summary>
    ProtocolVersionUnsupported,

    /// <summary>The RPC needs a client certificate and none (or no valid one) was presented.</summary>
    CertificateRequired,

    /// <summary>The certificate is not one this hub issued to an agent, or it was revoked.</summary>
    CertificateRejected,

    /// <summary>The request names another cluster than the certificate identifies.</summary>
    ClusterMismatch,

    /// <summary>The cluster was revoked; only a new bootstrap token brings it back.</summary>
    ClusterRevoked,

    /// <summary>Renewal asked for before the minimum age of the current certificate.</summary>
    RenewalTooEarly,

    /// <summary>
    /// The presented certificate was renewed already, for another key: a certificate is renewed once (a repeat with the
    /// same key gets the certificate issued then).
    /// </summary>
    AlreadyRenewed,
}
