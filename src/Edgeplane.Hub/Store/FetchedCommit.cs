namespace Edgeplane.Hub.Store;

/// <summary>A commit found by a fetch.</summary>
internal sealed record FetchedCommit(string Sha, string Author, string Message, DateTime CommittedAt);
