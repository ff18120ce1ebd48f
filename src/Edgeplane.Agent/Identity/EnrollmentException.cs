using Grpc.Core;

namespace Edgeplane.Agent.Identity;

/// <summary>The hub refused an enrolment or renewal, or answered with something the agent cannot use.</summary>
public sealed class EnrollmentException(string message, StatusCode statusCode, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The gRPC status of the refusal (<see cref="StatusCode.Internal"/> for a bad answer).</summary>
    public StatusCode StatusCode { get; } = statusCode;
}
