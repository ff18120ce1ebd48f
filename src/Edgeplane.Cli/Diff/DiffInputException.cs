namespace Edgeplane.Cli.Diff;

/// <summary>Bad input to <c>edgeplane diff</c> (not a fleet, unknown revision, hub unreachable): exit 2 with the message.</summary>
internal sealed class DiffInputException(string message) : Exception(message);
