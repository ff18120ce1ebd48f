using Edgeplane.Protocol.V1;

namespace Edgeplane.Protocol;

/// <summary>Full gRPC method paths of <c>AgentGateway</c>, as seen by server interceptors (<c>/package.Service/Method</c>).</summary>
public static class GatewayMethods
{
    /// <summary>The path prefix shared by all gateway methods.</summary>
    public static readonly string ServicePrefix = "/" + AgentGateway.Descriptor.FullName + "/";

    /// <summary>The only method callable without a client certificate.</summary>
    public static readonly string Enroll = ServicePrefix + "Enroll";

    /// <summary>Certificate renewal.</summary>
    public static readonly string Renew = ServicePrefix + "Renew";

    /// <summary>The session stream.</summary>
    public static readonly string Connect = ServicePrefix + "Connect";

    /// <summary>Bundle download.</summary>
    public static readonly string FetchBundle = ServicePrefix + "FetchBundle";
}
