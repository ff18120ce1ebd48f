namespace Edgeplane.KubeSim.Admin;

/// <summary>An admin request failure with its HTTP status.</summary>
internal sealed class AdminException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
