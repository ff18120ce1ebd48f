namespace Edgeplane.Hub.Auth;

/// <summary>The issuer's discovery document or keys could not be read, and none were read before.</summary>
internal sealed class OidcKeysUnavailableException(string message) : Exception(message);
