namespace Edgeplane.Protocol.Bundles;

/// <summary>What the agent does when an applied object drifted (<c>spec.drift</c> of the bundle document).</summary>
public enum BundleDrift
{
    /// <summary><c>correct</c> (the default): put drifted objects back.</summary>
    Correct,

    /// <summary><c>report</c>: only report drift.</summary>
    Report,
}
