namespace Edgeplane.Hub.Api.Contracts;

/// <summary>A bundle's digest, size and the objects it holds, in apply order.</summary>
public sealed record BundleSummaryResponse(string Digest, int Size, int ObjectCount, IReadOnlyList<ObjectRef> Objects);
