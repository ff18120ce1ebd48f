namespace Edgeplane.Kubernetes.Objects;

/// <summary>A bundle object is malformed (missing apiVersion, kind or name, bad JSON). The message says what and where.</summary>
public sealed class ObjectFormatException : Exception
{
    public ObjectFormatException(string message)
        : base(message)
    {
    }

    public ObjectFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ObjectFormatException()
    {
    }
}
