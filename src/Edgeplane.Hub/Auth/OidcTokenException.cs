namespace Edgeplane.Hub.Auth;

/// <summary>A JWT the hub refuses for a reason of its own (an algorithm, a claim that cannot name a caller); the message says which and why.</summary>
internal sealed class OidcTokenException(string message) : Exception(message);
