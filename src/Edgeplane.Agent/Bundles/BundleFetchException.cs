namespace Edgeplane.Agent.Bundles;

/// <summary>
/// A bundle download failed. <see cref="Corrupt"/> is true when what arrived failed verification (wrong hash, bad gzip,
/// inconsistent chunks, over a size limit): the partial download was discarded. Otherwise it broke off and the next
/// attempt resumes where it stopped.
/// </summary>
public sealed class BundleFetchException : Exception
{
    public BundleFetchException(string message, bool corrupt, Exception? innerException = null)
        : base(message, innerException) => Corrupt = corrupt;

    public BundleFetchException()
    {
    }

    public BundleFetchException(string message)
        : base(message)
    {
    }

    public BundleFetchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the bytes were wrong rather than incomplete.</summary>
    public bool Corrupt { get; }
}
