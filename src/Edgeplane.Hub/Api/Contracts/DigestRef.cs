namespace Edgeplane.Hub.Api.Contracts;

/// <summary>A bundle digest and the revision it came from.</summary>
public sealed record DigestRef(string? Digest, string? Revision);
