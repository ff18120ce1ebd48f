namespace Edgeplane.Kubernetes.Objects;

/// <summary>A bundle object is malformed (missing apiVersion, kind or name, bad JSON). The message says what and where.</summary>
public sealed class ObjectFormatException : Exception
{
    /// <summary>A malformed object, described by <paramref name="message"/>.</summary>
    public ObjectFormatException(string message)
        : base(message)
    {
    }

    /// <summary>A malformed object, described by <paramref name="message"/>, found through <paramref name="innerException"/>.</summary>
    public ObjectFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A malformed object, with no detail.</summary>
    public ObjectFormatException()
    {
    }
}
