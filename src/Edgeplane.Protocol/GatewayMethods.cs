using Edgeplane.Protocol.V1;

namespace Edgeplane.Protocol;

/// <summary>Full gRPC method paths of <c>AgentGateway</c>, as seen by server interceptors (<c>/package.Service/Method</c>).</summary>
public static class GatewayMethods
{
    /// <summary>The path prefix shared by all gateway methods.</summary>
    public static readonly string ServicePrefix = "/" + AgentGateway.Descriptor.FullName + "/";

    /// <summary>CA discovery; callable without a client certificate.</summary>
    public static readonly string Discover = ServicePrefix + "Discover";

    /// <summary>Enrolment; callable without a client certificate (a bootstrap token authenticates it).</summary>
    public static readonly string Enroll = ServicePrefix + "Enroll";

    /// <summary>True for the methods that need no client certificate: <see cref="Discover"/> and <see cref="Enroll"/>.</summary>
    public static bool IsAnonymous(string method) => method == Discover || method == Enroll;

    /// <summary>Certificate renewal.</summary>
    public static readonly string Renew = ServicePrefix + "Renew";

    /// <summary>The session stream.</summary>
    public static readonly string Connect = ServicePrefix + "Connect";

    /// <summary>Bundle download.</summary>
    public static readonly string FetchBundle = ServicePrefix + "FetchBundle";
}
