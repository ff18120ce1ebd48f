namespace Edgeplane.Protocol;

/// <summary>
/// Versions of the agent protocol (package <c>edgeplane.agent.v1</c>). A minor, compatible addition raises
/// <see cref="Current"/>; both sides speak the lower of the two versions on a stream. A breaking change is a new
/// proto package.
/// </summary>
public static class ProtocolVersions
{
    /// <summary>The version this build speaks.</summary>
    public const uint Current = 1;

    /// <summary>The oldest version this build still accepts from a peer.</summary>
    public const uint MinSupported = 1;

    /// <summary>True when a peer announcing <paramref name="version"/> can be served.</summary>
    public static bool IsSupported(uint version) => version >= MinSupported;

    /// <summary>The version both sides speak.</summary>
    public static uint Negotiate(uint peerVersion) => Math.Min(peerVersion, Current);
}
