namespace Edgeplane.KubeSim.Faults;

/// <summary>What an injected fault does to one request: nothing, close the connection, or answer with a status code.</summary>
internal readonly record struct RequestFault(int StatusCode, int RetryAfterSeconds)
{
    public static RequestFault None => new(0, 0);

    public static RequestFault Unreachable => new(-1, 0);

    public bool IsNone => StatusCode == 0;

    public bool IsUnreachable => StatusCode == -1;
}
