namespace Edgeplane.Hub.Store;

/// <summary>The fleet repo source as last fetched: its head, when, and the last fetch error (null after a good fetch).</summary>
internal sealed record SourceState(string? Head, DateTime? LastFetchAt, string? LastFetchError);
