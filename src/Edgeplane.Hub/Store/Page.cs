namespace Edgeplane.Hub.Store;

/// <summary>One page of a list and the token that continues it (null on the last page).</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, string? Continue);
