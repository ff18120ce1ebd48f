namespace Edgeplane.ApiMachinery.Patching;

/// <summary>
/// A well-formed patch that does not apply to its target: a JSON patch path that does not exist, a failed test, a
/// strategic merge of a map into a list. The message names the operation or the path.
/// </summary>
public sealed class PatchException : InvalidOperationException
{
    /// <summary>Creates the exception with a message that names what did not apply.</summary>
    public PatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception wrapping the failure of one operation.</summary>
    public PatchException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public PatchException()
    {
    }
}
